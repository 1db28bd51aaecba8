'use strict';
/**
 * The real n8n app (n8n 2.41.1 on Node 24, from scripts/n8n-app/provision.sh): provisioning, the environment of
 * one n8n process (scripts/n8n-app/env.sh), `n8n start` / `n8n worker` as supervised children waited for until
 * ready, the n8n CLI (import, export, execute), and the two ways a user folder gets this package (a symlink to
 * the repository, or the tarball installed as n8n installs a community package).
 *
 *   const app = await provision();
 *   const env = await n8nEnv(app, { userFolder, port: 5679, extra: { EXECUTIONS_MODE: 'queue', ... } });
 *   const main = await startN8n(app, env, { logFile });           // n8n start, ready at /healthz/readiness
 *   const worker = await startN8n(app, workerEnv, { command: 'worker', logFile }); // needs QUEUE_HEALTH_CHECK_PORT
 *   const n8n = n8nCli(app, env, { logDir });  await importWorkflows(n8n, [{ workflow }], dir);
 */
const fs = require('node:fs');
const path = require('node:path');
const { run, spawnTracked, stopChild, waitForUrl } = require('./processes');

const REPO = path.resolve(__dirname, '..', '..');
const APP_SCRIPTS = path.join(REPO, 'scripts', 'n8n-app');

/** Settings of the caller's shell that would make a run depend on it (dropped unless inherit). */
const INHERITED =
	/^(N8N_(?!APP_)|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|WEBHOOK_URL$|NODE_FUNCTION_ALLOW|NODE_OPTIONS$|NODE_PATH$)/;

/** This process's environment without n8n's settings (plus extra). */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) if (!INHERITED.test(key)) env[key] = value;
	return { ...env, ...extra };
}

/**
 * Runs provision.sh (reuses the cached install in about a second; installs it when missing: minutes) and resolves
 * { NODE24, N8N_BIN, N8N_APP_DIR }. Its progress lines go to onProgress.
 */
function provision({ onProgress = (line) => process.stderr.write(`${line}\n`) } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawnTracked(
			'bash',
			[path.join(APP_SCRIPTS, 'provision.sh')],
			{ env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
			{ name: 'provision.sh' },
		);
		let stdout = '';
		let partial = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			const lines = (partial + chunk).split('\n');
			partial = lines.pop();
			for (const line of lines) if (line.trim()) onProgress(line);
		});
		child.exited.then(async ({ code, error }) => {
			await stopChild(child); // untracked once done
			if (partial.trim()) onProgress(partial);
			if (error || code !== 0)
				return reject(new Error(`scripts/n8n-app/provision.sh failed (${error ? error.message : `exit ${code}`})`));
			const app = {};
			for (const match of stdout.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)) app[match[1]] = match[2];
			if (!app.NODE24 || !app.N8N_BIN || !app.N8N_APP_DIR)
				return reject(new Error(`provision.sh printed no paths: ${stdout}`));
			resolve(app);
		});
	});
}

/**
 * The environment of one n8n process: scripts/n8n-app/env.sh sourced for userFolder (quiet and offline, 127.0.0.1,
 * free ports for what is not given), with Node 24 first on PATH (n8n spawns its JavaScript task runner as a plain
 * `node`).
 *   port, brokerPort: N8N_PORT, N8N_RUNNERS_BROKER_PORT (parallel n8n processes need distinct ones)
 *   inherit: keep the caller's N8N_*, DB_*, EXECUTIONS_*, QUEUE_* ... settings (default: drop them)
 *   extra: set last, e.g. { EXECUTIONS_MODE: 'queue', DB_TYPE: 'postgresdb', QUEUE_BULL_REDIS_PORT, QUEUE_HEALTH_CHECK_PORT }
 */
async function n8nEnv(app, { userFolder, port, brokerPort, inherit = false, extra = {} }) {
	const given = {
		...(port === undefined ? {} : { N8N_PORT: String(port) }),
		...(brokerPort === undefined ? {} : { N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
		...extra,
	};
	const base = inherit ? { ...process.env, ...given } : cleanEnv(given);
	const result = await run(
		'bash',
		['-c', 'source "$1" "$2" >/dev/null && env -0', 'env.sh', path.join(APP_SCRIPTS, 'env.sh'), userFolder],
		{
			env: base,
			timeoutMs: 120000,
		},
	);
	if (result.code !== 0)
		throw new Error(`sourcing scripts/n8n-app/env.sh failed (exit ${result.code}): ${result.stderr}`);
	const env = {};
	for (const pair of result.stdout.split('\0')) {
		const eq = pair.indexOf('=');
		if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
	}
	for (const key of ['N8N_USER_FOLDER', 'N8N_PORT', 'N8N_RUNNERS_BROKER_PORT', 'N8N_DIAGNOSTICS_ENABLED']) {
		if (!env[key]) throw new Error(`env.sh did not set ${key}`);
	}
	if (path.resolve(env.N8N_USER_FOLDER) !== path.resolve(userFolder))
		throw new Error(`env.sh set N8N_USER_FOLDER=${env.N8N_USER_FOLDER}, expected ${userFolder}`);
	if (port !== undefined && env.N8N_PORT !== String(port))
		throw new Error(`env.sh set N8N_PORT=${env.N8N_PORT}, expected ${port}`);
	Object.assign(env, extra);
	env.PATH = `${path.dirname(app.NODE24)}:${env.PATH || ''}`;
	return env;
}

/** Where a process started by spawnN8n answers /healthz/readiness: the worker's health server, else the main port. */
const readinessPort = (command, env) => (command === 'worker' ? env.QUEUE_HEALTH_CHECK_PORT : env.N8N_PORT);

/**
 * Spawns `n8n <command>` (start | worker | webhook) as a supervised child in its own process group, its output in
 * logFile. Returns { child, command, port, url, logFile, stop() } without waiting (see waitN8nReady). A worker
 * answers readiness only with QUEUE_HEALTH_CHECK_ACTIVE=true and QUEUE_HEALTH_CHECK_PORT in env.
 */
function spawnN8n(
	app,
	env,
	{ command = 'start', args = [], logFile, name = command === 'start' ? 'n8n' : `n8n ${command}`, graceMs = 30000 },
) {
	const port = readinessPort(command, env);
	if (!port)
		throw new Error(
			`n8n ${command}: no port to check readiness on (${command === 'worker' ? 'QUEUE_HEALTH_CHECK_PORT' : 'N8N_PORT'})`,
		);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'w');
	const child = spawnTracked(
		app.NODE24,
		[app.N8N_BIN, command, ...args],
		{ cwd: env.N8N_USER_FOLDER, env, stdio: ['ignore', out, out] },
		{ name, graceMs },
	);
	fs.closeSync(out);
	return { child, command, port: Number(port), url: `http://127.0.0.1:${port}`, logFile, stop: () => stopChild(child) };
}

/**
 * Waits until the process answers /healthz/readiness (200 only once the database is migrated and n8n is up;
 * /healthz answers earlier). Fails when it exits first, or after timeoutMs.
 */
function waitN8nReady(proc, { timeoutMs = 240000, onSlow } = {}) {
	return waitForUrl(`${proc.url}/healthz/readiness`, {
		child: proc.child,
		timeoutMs,
		onSlow,
		logFile: proc.logFile,
		what: proc.child.label,
	});
}

/** spawnN8n, then waitN8nReady (the process is stopped when it does not get ready). */
async function startN8n(app, env, { readyTimeoutMs, onSlow, ...options } = {}) {
	const proc = spawnN8n(app, env, options);
	try {
		await waitN8nReady(proc, { timeoutMs: readyTimeoutMs, onSlow });
	} catch (error) {
		await proc.stop();
		throw error;
	}
	return proc;
}

/**
 * A runner for n8n CLI commands (each call boots n8n once, ~5-10 s): n8n(label, args) resolves run()'s result
 * plus command and logBase. With logDir, stdout and stderr also go to logDir/NN-label.{out,err}.
 */
function n8nCli(app, env, { logDir, timeoutMs: defaultTimeoutMs = 240000 } = {}) {
	let n = 0;
	return async function n8n(label, args, { timeoutMs = defaultTimeoutMs } = {}) {
		n += 1;
		const base = logDir ? path.join(logDir, `${String(n).padStart(2, '0')}-${label}`) : undefined;
		const result = await run(app.NODE24, [app.N8N_BIN, ...args], {
			env,
			cwd: env.N8N_USER_FOLDER,
			timeoutMs,
			stdoutFile: base && `${base}.out`,
			stderrFile: base && `${base}.err`,
			name: `n8n ${args[0]}`,
		});
		result.logBase = base ? path.relative(REPO, base) : undefined;
		result.command = `n8n ${args.join(' ')}`;
		result.output = `${result.stdout}${result.stderr}`;
		return result;
	};
}

/** The "Successfully imported ..." line of an import command, or undefined. */
const importedLine = (result) =>
	(
		result.output
			.split('\n')
			.filter((line) => /^Successfully imported/.test(line))
			.pop() || ''
	).trim() || undefined;

/**
 * `n8n import:credentials` of plain credentials (n8n encrypts them on import). The file holding the secrets is
 * written to dir with mode 0600 and deleted right after.
 */
async function importCredentials(n8n, credentials, dir) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	try {
		return await n8n('import-credentials', ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** `n8n import:workflow --separate` of [{ workflow, file? }], each written to dir/<file or id>.json. */
async function importWorkflows(n8n, entries, dir) {
	fs.mkdirSync(dir, { recursive: true });
	for (const { workflow, file } of entries)
		fs.writeFileSync(path.join(dir, file || `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	return n8n('import-workflows', ['import:workflow', '--separate', `--input=${dir}`]);
}

/**
 * The JSON object that `n8n execute --rawOutput` prints: after the log lines on success, inside the "Execution
 * error:" block on failure. JSON.stringify(x, null, 2) starts with "{" and ends with "}" on lines of their own.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) return null;
	const end = lines.indexOf('}', start + 1);
	if (end < 0) return null;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

/** Output items of a node's last run in an n8n execution (IRun), or undefined when it did not run. */
function nodeItems(execution, nodeName) {
	const runs = execution && execution.data && execution.data.resultData.runData[nodeName];
	if (!runs || !runs.length) return undefined;
	const main = runs[runs.length - 1].data && runs[runs.length - 1].data.main;
	return (main && main[0]) || [];
}

/** Symlinks <userFolder>/.n8n/nodes/node_modules/<package name> to packageDir (how n8n finds community packages). */
function linkPackage(userFolder, packageDir = REPO) {
	const name = require(path.join(packageDir, 'package.json')).name;
	const link = path.join(userFolder, '.n8n', 'nodes', 'node_modules', name);
	fs.mkdirSync(path.dirname(link), { recursive: true });
	let current;
	try {
		current = fs.readlinkSync(link);
	} catch {
		current = undefined;
	}
	if (current !== packageDir) {
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(packageDir, link, 'dir');
	}
	return link;
}

/**
 * Installs a package tarball the way n8n 2.x installs a community package: extract it into
 * <userFolder>/.n8n/nodes/node_modules/<name>, drop devDependencies / peerDependencies / optionalDependencies from
 * its package.json, then run npm there with n8n's arguments.
 */
async function installTarball({ tarball, userFolder, env }) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = path.join(nodesDir, '.staging');
	fs.mkdirSync(staging, { recursive: true });
	const untar = await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { timeoutMs: 60000 });
	if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8'));
	const dest = path.join(nodesDir, 'node_modules', manifest.name);
	fs.mkdirSync(path.dirname(dest), { recursive: true });
	fs.renameSync(staging, dest);
	const dropped = ['devDependencies', 'peerDependencies', 'optionalDependencies'].filter((key) => key in manifest);
	for (const key of dropped) delete manifest[key];
	fs.writeFileSync(path.join(dest, 'package.json'), JSON.stringify(manifest, null, 2));
	const npm = await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ env, cwd: dest, timeoutMs: 300000 },
	);
	if (npm.code !== 0) throw new Error(`npm install in ${dest} failed (${npm.code}):\n${npm.stderr.slice(-2000)}`);
	return { dest, manifest, dropped, npmOutput: `${npm.stdout}${npm.stderr}`.trim(), ms: npm.ms };
}

/**
 * The settings that make `n8n start` create (or update) its owner account at boot, with the password hashed by
 * n8n's own bcryptjs.
 */
function ownerEnv(app, { email, password, firstName = 'Demo', lastName = 'Owner' }) {
	const n8nDir = path.dirname(require.resolve('n8n/package.json', { paths: [app.N8N_APP_DIR] }));
	const bcrypt = require(require.resolve('bcryptjs', { paths: [n8nDir] }));
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
	};
}

/** n8n-workflow as the app loads it (its NodeHelpers resolve parameters as n8n does). */
const appWorkflowModule = (app) =>
	require(require.resolve('n8n-workflow', { paths: [path.join(app.N8N_APP_DIR, 'node_modules', 'n8n')] }));

module.exports = {
	REPO,
	cleanEnv,
	provision,
	n8nEnv,
	spawnN8n,
	waitN8nReady,
	startN8n,
	n8nCli,
	importedLine,
	importCredentials,
	importWorkflows,
	parseExecuteOutput,
	nodeItems,
	linkPackage,
	installTarball,
	ownerEnv,
	appWorkflowModule,
};
