#!/usr/bin/env node
'use strict';
/**
 * npm start: the real n8n editor with this package installed, talking to the built-in WeChat simulator.
 *
 *   node scripts/start/start.js [--port 5678] [--sim-port 8787] [--user-folder DIR] [--reimport] [--verbose] [--exit-when-ready]
 *   env: N8N_PORT, WECHAT_SIM_PORT, N8N_LOCAL_DIR, N8N_DEMO_EMAIL, N8N_DEMO_PASSWORD
 *
 * 1. provisions n8n 2.41.1 on Node 24 with scripts/n8n-app/provision.sh (reuses the cached install: < 1 s;
 *    the first time on a machine: ~8 min) and takes n8n's settings from scripts/n8n-app/env.sh;
 * 2. links this repository (built dist/) into the persistent user folder (default: .n8n-local/ in the repo);
 * 3. starts the WeChat simulator (test/simulator/cli.js) on 127.0.0.1:8787;
 * 4. imports the credential "WeChat (local simulator)" (id wechatSimCred01), the demo workflow and every
 *    examples/*.json, when they changed since the last import (fixed ids: importing again updates, never duplicates);
 * 5. starts `n8n start` with an owner account set from the environment, waits until it is ready, logs in over
 *    REST to check the login, the node type and the imported entities, and prints what to open and click.
 * Ctrl-C / SIGTERM / SIGHUP (or the parent process going away) stops n8n and the simulator, then exits.
 * --exit-when-ready: a smoke check (CI): everything above, then stop; exit 1 if a check failed.
 * It does not build: `npm start` runs `npm run build` first.
 */
const fs = require('fs');
const path = require('path');
const net = require('net');
const http = require('http');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(REPO, 'package.json')).name;
const NODE_TYPE = `${PACKAGE_NAME}.weChatOfficialAccount`;
const CREDENTIAL_ID = 'wechatSimCred01';
const CREDENTIAL_NAME = 'WeChat (local simulator)';
const DEMO_FILE = path.join(__dirname, 'demo-workflow.json');
const DEMO_WORKFLOW_ID = require(DEMO_FILE).id;
const DEMO_WORKFLOW_NAME = require(DEMO_FILE).name;
const STAMP_NAME = 'wechat-demo-import.json';
const STAMP_VERSION = 2;

const DEFAULTS = Object.freeze({
	port: Number(process.env.N8N_PORT) || 5678,
	simPort: Number(process.env.WECHAT_SIM_PORT) || 8787,
	userFolder: process.env.N8N_LOCAL_DIR || path.join(REPO, '.n8n-local'),
	email: process.env.N8N_DEMO_EMAIL || 'owner@example.com',
	password: process.env.N8N_DEMO_PASSWORD || 'WeChatDemo1',
});

const USAGE = `usage: node scripts/start/start.js [--port 5678] [--sim-port 8787] [--user-folder DIR] [--reimport] [--verbose] [--exit-when-ready]
  env: N8N_PORT, WECHAT_SIM_PORT, N8N_LOCAL_DIR (default .n8n-local in the repo), N8N_DEMO_EMAIL, N8N_DEMO_PASSWORD`;

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(5);
// Output must never stop the shutdown: with `npm start | tee x`, Ctrl-C kills tee first and writes fail (EPIPE).
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
const say = (stream, text) => {
	try {
		stream.write(text);
	} catch {
		/* closed terminal or pipe */
	}
};
const log = (msg) => say(process.stdout, `[start ${secs()}s] ${msg}\n`);
const warn = (msg) => say(process.stderr, `[start ${secs()}s] WARNING: ${msg}\n`);

class StartError extends Error {}

/** A path for messages: relative to the current folder when inside it, else absolute. */
const show = (p) => {
	const rel = path.relative(process.cwd(), p);
	return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
};

function parseArgs(argv) {
	const o = { ...DEFAULTS, reimport: false, verbose: false, exitWhenReady: false };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new StartError(`${flag} needs a value\n${USAGE}`);
			return v;
		};
		switch (flag) {
			case '--port': o.port = Number(value()); break;
			case '--sim-port': o.simPort = Number(value()); break;
			case '--user-folder': o.userFolder = value(); break;
			case '--reimport': o.reimport = true; break;
			case '--verbose': o.verbose = true; break;
			case '--exit-when-ready': o.exitWhenReady = true; break;
			case '-h': case '--help': process.stdout.write(`${USAGE}\n`); process.exit(0); break;
			default: throw new StartError(`unknown argument ${flag}\n${USAGE}`);
		}
	}
	for (const [name, port] of [['--port', o.port], ['--sim-port', o.simPort]]) {
		if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartError(`${name} must be a TCP port number`);
	}
	if (o.port === o.simPort) throw new StartError('n8n and the simulator need different ports');
	o.userFolder = path.resolve(o.userFolder);
	return o;
}

// ---------------------------------------------------------------------------------------------- helpers

function portFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Minimal HTTP client for 127.0.0.1 (no proxies, no keep-alive). */
function request(port, method, urlPath, { body, cookie, timeoutMs = 5000 } = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: urlPath,
				agent: false,
				timeout: timeoutMs,
				headers: {
					accept: 'application/json',
					...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
					...(cookie ? { cookie } : {}),
				},
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(data);
	});
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function tail(file, lines = 25) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------- steps

/** Runs provision.sh (through env.sh) and returns the environment env.sh exports for n8n. */
function loadAppEnv(opts) {
	const envSh = path.join(REPO, 'scripts', 'n8n-app', 'env.sh');
	const res = spawnSync('bash', ['-c', 'source "$0" "$1" >/dev/null && env -0', envSh, opts.userFolder], {
		cwd: REPO,
		env: { ...process.env, N8N_PORT: String(opts.port) },
		stdio: ['ignore', 'pipe', 'inherit'], // provision.sh shows its progress on stderr when it must install
		maxBuffer: 64 * 1024 * 1024,
	});
	if (res.status !== 0) throw new StartError('scripts/n8n-app/env.sh (provision.sh) failed; see the lines above');
	const env = {};
	for (const entry of res.stdout.toString('utf8').split('\0')) {
		const eq = entry.indexOf('=');
		if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
	}
	for (const name of ['NODE24', 'N8N_BIN', 'N8N_APP_DIR', 'N8N_USER_FOLDER', 'N8N_PORT']) {
		if (!env[name]) throw new StartError(`env.sh did not export ${name}`);
	}
	if (path.resolve(env.N8N_USER_FOLDER) !== opts.userFolder || env.N8N_PORT !== String(opts.port)) {
		throw new StartError(`env.sh chose N8N_USER_FOLDER=${env.N8N_USER_FOLDER} N8N_PORT=${env.N8N_PORT}, expected ${opts.userFolder} and ${opts.port}`);
	}
	// Node 24 first on PATH for n8n only: its internal task runner is spawned as a plain `node`.
	env.PATH = `${path.dirname(env.NODE24)}:${env.PATH || ''}`;
	return env;
}

/** Symlink <userFolder>/.n8n/nodes/node_modules/<package> -> this repository (how n8n finds community packages). */
function linkPackage(userFolder) {
	const dir = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
	const link = path.join(dir, PACKAGE_NAME);
	fs.mkdirSync(path.dirname(link), { recursive: true });
	let current;
	try {
		current = fs.readlinkSync(link);
	} catch {
		current = undefined;
	}
	if (current !== REPO) {
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(REPO, link, 'dir');
	}
	return link;
}

/** bcrypt hash of the owner password, made with n8n's own bcryptjs (what N8N_INSTANCE_OWNER_PASSWORD_HASH needs). */
function ownerEnv(appDir, email, password) {
	const n8nDir = path.dirname(require.resolve('n8n/package.json', { paths: [appDir] }));
	const bcrypt = require(require.resolve('bcryptjs', { paths: [n8nDir] }));
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Demo',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
	};
}

/** The workflows to import: the demo plus every examples/*.json (ids made fixed, never activated). */
function collectWorkflows() {
	const list = [{ file: path.relative(REPO, DEMO_FILE), workflow: readJson(DEMO_FILE) }];
	const examplesDir = path.join(REPO, 'examples');
	const files = fs.existsSync(examplesDir) ? fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort() : [];
	for (const f of files) {
		const file = path.join('examples', f);
		const workflow = readJson(path.join(REPO, file));
		if (!workflow || !Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object') {
			warn(`${file} is not an n8n workflow export (needs nodes and connections); skipped`);
			continue;
		}
		// A workflow without an id would be inserted again at every import: give it one derived from its file name.
		const id = typeof workflow.id === 'string' && /^[A-Za-z0-9]{1,36}$/.test(workflow.id)
			? workflow.id
			: `wxex${crypto.createHash('sha256').update(f).digest('hex').slice(0, 12)}`;
		list.push({ file, workflow: { ...workflow, id, active: false } });
	}
	const seen = new Map();
	for (const { file, workflow } of list) {
		if (seen.has(workflow.id)) throw new StartError(`${file} and ${seen.get(workflow.id)} have the same workflow id ${workflow.id}`);
		seen.set(workflow.id, file);
	}
	return list;
}

function credentialFor(sim) {
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: 'weChatOfficialAccountApi',
		data: { appId: sim.appId, appSecret: sim.appSecret, baseUrl: sim.url, tokenEndpoint: 'stable', allowInsecureHttp: false },
	};
}

const sha = (value) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);

/**
 * Which of these ids are in n8n's database (workflows not archived)? Read-only query with Node 24's node:sqlite
 * (~0.2 s). Returns null when it cannot tell (no database yet, another DB type, a schema change).
 */
function presentInDb(appEnv, userFolder, credentialIds, workflowIds) {
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbFile) || (appEnv.DB_TYPE && appEnv.DB_TYPE !== 'sqlite')) return null;
	const script = `
		const { DatabaseSync } = require('node:sqlite');
		const db = new DatabaseSync(process.argv[1], { readOnly: true });
		const prefix = process.env.DB_TABLE_PREFIX || '';
		const ids = (sql) => db.prepare(sql).all().map((r) => r.id);
		process.stdout.write(JSON.stringify({
			credentials: ids('SELECT id FROM ' + prefix + 'credentials_entity'),
			workflows: ids('SELECT id FROM ' + prefix + 'workflow_entity WHERE isArchived = 0'),
		}));`;
	const res = spawnSync(appEnv.NODE24, ['--no-warnings', '-e', script, dbFile], { env: appEnv, encoding: 'utf8', timeout: 15000 });
	if (res.status !== 0) return null;
	try {
		const found = JSON.parse(res.stdout);
		return {
			credentials: new Set(credentialIds.filter((id) => found.credentials.includes(id))),
			workflows: new Set(workflowIds.filter((id) => found.workflows.includes(id))),
		};
	} catch {
		return null;
	}
}

/**
 * `n8n import:credentials` / `n8n import:workflow --separate` (each a CLI boot of ~5-10 s) for what is new,
 * changed since the last import, or missing from the database (deleted in the editor). Unchanged entities are
 * not imported again, so edits made in the editor survive a restart until their file changes (--reimport: all).
 * Fixed ids make every import an update, never a duplicate.
 */
function importEntities(opts, appEnv, sim) {
	const credential = credentialFor(sim);
	const workflows = collectWorkflows();
	const stampFile = path.join(opts.userFolder, '.n8n', STAMP_NAME);
	const stamp = (!opts.reimport && readJson(stampFile)) || {};
	const imported = stamp.v === STAMP_VERSION ? stamp.imported || {} : {};
	const present = presentInDb(appEnv, opts.userFolder, [credential.id], workflows.map((w) => w.workflow.id));
	const hashes = { [`credential:${credential.id}`]: sha(credential) };
	for (const { workflow } of workflows) hashes[`workflow:${workflow.id}`] = sha(workflow);
	const isPresent = (key) => {
		const [kind, id] = key.split(/:(.*)/s);
		return present ? present[kind === 'credential' ? 'credentials' : 'workflows'].has(id) : true;
	};
	const todo = new Set(Object.keys(hashes).filter((key) => opts.reimport || !present || imported[key] !== hashes[key] || !isPresent(key)));
	if (!todo.size) {
		log(`credential and ${workflows.length} workflow(s) already imported and unchanged (--reimport imports them again)`);
		return workflows;
	}
	const dir = path.join(opts.userFolder, 'import');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(path.join(dir, 'workflows'), { recursive: true });
	const run = (args, what) => {
		const started = Date.now();
		const res = spawnSync(appEnv.NODE24, [appEnv.N8N_BIN, ...args], { cwd: opts.userFolder, env: appEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		const out = `${res.stdout || ''}${res.stderr || ''}`;
		if (res.status !== 0 || !/Successfully imported/.test(out)) {
			throw new StartError(`n8n ${args[0]} failed (exit ${res.status}):\n${out.trim().split('\n').slice(-15).join('\n')}`);
		}
		const summary = out.split('\n').filter((l) => /^Successfully imported/.test(l)).pop() || 'done';
		log(`${what}: ${summary.trim()} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	};
	if (!fs.existsSync(path.join(opts.userFolder, '.n8n', 'database.sqlite'))) {
		log('new n8n database: the first import also creates and migrates it (~10-20 s)');
	}
	const credKey = `credential:${credential.id}`;
	if (todo.has(credKey)) {
		const file = path.join(dir, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify([credential], null, 2), { mode: 0o600 });
		try {
			run(['import:credentials', `--input=${file}`], `credential "${CREDENTIAL_NAME}" (id ${CREDENTIAL_ID})`);
		} finally {
			fs.rmSync(file, { force: true }); // the App Secret stays only in n8n's encrypted database
		}
		imported[credKey] = hashes[credKey];
	}
	const wfTodo = workflows.filter(({ workflow }) => todo.has(`workflow:${workflow.id}`));
	if (wfTodo.length) {
		for (const { workflow } of wfTodo) fs.writeFileSync(path.join(dir, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		run(['import:workflow', '--separate', `--input=${path.join(dir, 'workflows')}`], `workflows ${wfTodo.map((w) => `"${w.workflow.name}"`).join(', ')}`);
		for (const { workflow } of wfTodo) imported[`workflow:${workflow.id}`] = hashes[`workflow:${workflow.id}`];
	}
	fs.writeFileSync(stampFile, JSON.stringify({ v: STAMP_VERSION, imported, at: new Date().toISOString() }, null, 2));
	return workflows;
}

/** Spawn a child in its own process group (Ctrl-C reaches only this script, which stops the children in order). */
function spawnChild(cmd, args, options) {
	const child = spawn(cmd, args, { ...options, detached: true });
	child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	child.on('error', (error) => warn(`${cmd}: ${error.message}`));
	return child;
}

async function startSimulator(opts, logFile) {
	const out = fs.openSync(logFile, 'w');
	const child = spawnChild(process.execPath, [path.join(REPO, 'test', 'simulator', 'cli.js'), '--port', String(opts.simPort), '--verbose'], {
		cwd: REPO,
		stdio: ['ignore', 'pipe', out],
	});
	fs.closeSync(out);
	const info = await new Promise((resolve, reject) => {
		let buf = '';
		const timer = setTimeout(() => reject(new StartError(`the simulator did not start within 15 s; see ${logFile}`)), 15000);
		child.stdout.on('data', (chunk) => {
			buf += chunk;
			const nl = buf.indexOf('\n');
			if (nl >= 0) {
				clearTimeout(timer);
				try {
					resolve(JSON.parse(buf.slice(0, nl)));
				} catch {
					reject(new StartError(`unexpected simulator output: ${buf.slice(0, 200)}`));
				}
			}
		});
		child.exited.then(({ code, signal }) => {
			clearTimeout(timer);
			reject(new StartError(`the simulator exited (${signal || code}):\n${tail(logFile)}`));
		});
	});
	child.stdout.resume(); // keep draining
	return { child, info: { ...info, url: info.url.replace(/\/+$/, '') } };
}

async function waitReady(port, child, logFile, limitSeconds = 240) {
	let exited = null;
	child.exited.then((r) => (exited = r));
	const deadline = Date.now() + limitSeconds * 1000;
	let nextNote = Date.now() + 10000;
	while (Date.now() < deadline) {
		if (exited) throw new StartError(`n8n exited before it was ready (${exited.signal || exited.code}):\n${tail(logFile)}`);
		try {
			const res = await request(port, 'GET', '/healthz/readiness', { timeoutMs: 2000 });
			if (res.status === 200) return;
		} catch {
			/* not listening yet */
		}
		if (Date.now() >= nextNote) {
			log('... still starting (n8n needs ~20 s; more on a busy machine)');
			nextNote = Date.now() + 10000;
		}
		await sleep(250);
	}
	throw new StartError(`n8n not ready within ${limitSeconds} s:\n${tail(logFile)}`);
}

/** Logs in over REST and checks that the node type, the credential and the imported workflows are there. */
async function checkInstance(opts, workflows) {
	const login = await request(opts.port, 'POST', '/rest/login', { body: { emailOrLdapLoginId: opts.email, password: opts.password } });
	if (login.status !== 200) throw new StartError(`POST /rest/login as ${opts.email} answered ${login.status}: ${login.text.slice(0, 300)}`);
	const cookie = (login.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
	log(`logged in over REST as ${opts.email}`);
	const types = await request(opts.port, 'GET', '/types/nodes.json', { cookie, timeoutMs: 30000 });
	if (types.status !== 200 || !types.text.includes(`"${NODE_TYPE}"`)) {
		throw new StartError(`n8n did not load ${NODE_TYPE} (GET /types/nodes.json: ${types.status}); is dist/ built? (npm run build)`);
	}
	const problems = [];
	const cred = await request(opts.port, 'GET', `/rest/credentials/${CREDENTIAL_ID}`, { cookie });
	if (cred.status !== 200) problems.push(`credential ${CREDENTIAL_ID} (${cred.status})`);
	for (const { workflow } of workflows) {
		const res = await request(opts.port, 'GET', `/rest/workflows/${workflow.id}`, { cookie });
		if (res.status !== 200) problems.push(`workflow "${workflow.name}" (${res.status})`);
	}
	if (problems.length) {
		warn(`not found in n8n: ${problems.join(', ')}. Restart with --reimport to import them again.`);
	} else {
		log(`node type ${NODE_TYPE}, credential "${CREDENTIAL_NAME}" and ${workflows.length} workflow(s) are in n8n`);
	}
	return problems;
}

function box(lines) {
	const width = Math.max(...lines.map((l) => l.length));
	const bar = '─'.repeat(width + 2);
	return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`].join('\n');
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const children = []; // { name, child }
	let stopping = null;

	const running = (child) => child.exitCode === null && child.signalCode === null;
	const signalGroup = (child, signal) => {
		try {
			process.kill(-child.pid, signal); // its whole process group (n8n's task runner too)
		} catch {
			/* already gone */
		}
	};
	const stopChild = async ({ name, child }, graceMs) => {
		if (!running(child)) return;
		signalGroup(child, 'SIGTERM');
		const result = await Promise.race([child.exited, new Promise((resolve) => setTimeout(resolve, graceMs, null).unref())]);
		if (!result) {
			warn(`${name} did not stop within ${graceMs / 1000} s; killing it`);
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			await child.exited;
		}
		// Stragglers in the group (e.g. a task runner whose parent is gone).
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* none left: the usual case */
		}
	};
	const shutdown = (reason, exitCode) => {
		if (stopping) return stopping;
		stopping = (async () => {
			// Signal every child at once, before anything else can go wrong; then wait for each.
			for (const c of children) if (running(c.child)) signalGroup(c.child, 'SIGTERM');
			if (reason) log(`${reason}: stopping ${children.map((c) => c.name).join(' and ') || 'nothing'}...`);
			const started = Date.now();
			await Promise.all(
				children.map(async (c) => {
					await stopChild(c, c.name === 'n8n' ? 30000 : 5000);
					log(`${c.name} stopped (${((Date.now() - started) / 1000).toFixed(1)} s)`);
				}),
			);
			fs.rmSync(path.join(opts.userFolder, 'start.pids.json'), { force: true });
			process.exit(exitCode);
		})();
		return stopping;
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => shutdown(`got ${sig}`, 0));
	// Last resort (a bug, an exit we did not plan): never leave the children behind.
	process.on('exit', () => {
		for (const c of children) if (running(c.child)) signalGroup(c.child, 'SIGTERM');
	});
	process.on('uncaughtException', (error) => {
		say(process.stderr, `[start] unexpected error: ${error.stack || error}\n`);
		shutdown('unexpected error', 1);
	});
	process.on('unhandledRejection', (error) => {
		say(process.stderr, `[start] unexpected error: ${(error && error.stack) || error}\n`);
		shutdown('unexpected error', 1);
	});
	// npm runs us under `sh -c`; a SIGTERM to npm kills that shell without reaching us: notice the new parent.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) shutdown('the parent process (npm) went away', 0);
	}, 1000).unref();

	try {
		const dist = path.join(REPO, 'dist', 'nodes', 'WeChatOfficialAccount', 'WeChatOfficialAccount.node.js');
		if (!fs.existsSync(dist)) throw new StartError('dist/ is not built: run `npm run build` (npm start does it for you)');

		const pidsFile = path.join(opts.userFolder, 'start.pids.json');
		for (const [what, port] of [['n8n', opts.port], ['the WeChat simulator', opts.simPort]]) {
			if (!(await portFree(port))) {
				const pids = readJson(pidsFile);
				const running = pids ? Object.entries(pids).filter(([, pid]) => alive(pid)) : [];
				const hint = running.length
					? ` A previous npm start seems to be running: ${running.map(([n, pid]) => `${n} pid ${pid}`).join(', ')} (stop it with kill ${running[0][1]}).`
					: '';
				throw new StartError(`port ${port} for ${what} is in use on 127.0.0.1.${hint} Choose another with ${what === 'n8n' ? '--port / N8N_PORT' : '--sim-port / WECHAT_SIM_PORT'}.`);
			}
		}

		log(`provisioning n8n (scripts/n8n-app/provision.sh; the first run on a machine takes ~8 min, later < 1 s)`);
		fs.mkdirSync(opts.userFolder, { recursive: true });
		const appEnv = loadAppEnv(opts);
		log(`n8n ${path.basename(appEnv.N8N_APP_DIR)} with Node ${spawnSync(appEnv.NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim()} from ${appEnv.N8N_APP_DIR}`);
		const link = linkPackage(opts.userFolder);
		log(`user folder ${show(opts.userFolder)}; package linked: ${path.relative(opts.userFolder, link)} -> ${REPO}`);

		const simLog = path.join(opts.userFolder, 'simulator.log');
		const sim = await startSimulator(opts, simLog);
		children.push({ name: 'simulator', child: sim.child });
		log(`WeChat simulator on ${sim.info.url} (AppID ${sim.info.appId}; requests logged to ${show(simLog)})`);
		if (stopping) return;

		const workflows = importEntities(opts, appEnv, sim.info);
		if (stopping) return;

		const n8nLog = path.join(opts.userFolder, 'n8n.log');
		const out = fs.openSync(n8nLog, 'w');
		const n8n = spawnChild(appEnv.NODE24, [appEnv.N8N_BIN, 'start'], {
			cwd: opts.userFolder,
			env: { ...appEnv, ...ownerEnv(appEnv.N8N_APP_DIR, opts.email, opts.password) },
			stdio: ['ignore', out, out],
		});
		fs.closeSync(out);
		children.push({ name: 'n8n', child: n8n });
		fs.writeFileSync(pidsFile, JSON.stringify({ start: process.pid, n8n: n8n.pid, simulator: sim.child.pid }));
		log(`starting n8n on http://localhost:${opts.port} (pid ${n8n.pid}; log: ${show(n8nLog)})`);
		if (opts.verbose) {
			const follower = spawn('tail', ['-n', '+1', '-f', n8nLog, '--pid', String(n8n.pid)], { stdio: ['ignore', 'inherit', 'inherit'] });
			follower.unref();
		}
		const startedAt = Date.now();
		await waitReady(opts.port, n8n, n8nLog);
		log(`n8n is ready (${((Date.now() - startedAt) / 1000).toFixed(1)} s after launch)`);
		const problems = await checkInstance(opts, workflows);
		if (opts.exitWhenReady) {
			log(`n8n is ready at http://localhost:${opts.port} (total ${secs().trim()} s)`);
			await shutdown('--exit-when-ready', problems.length ? 1 : 0);
			return;
		}

		// Unexpected exits while running: stop the rest and fail.
		n8n.exited.then(({ code, signal }) => {
			if (!stopping) {
				say(process.stderr, `n8n exited unexpectedly (${signal || code}):\n${tail(n8nLog)}\n`);
				shutdown('n8n exited', 1);
			}
		});
		sim.child.exited.then(({ code, signal }) => {
			if (!stopping) {
				say(process.stderr, `the simulator exited unexpectedly (${signal || code}):\n${tail(simLog)}\n`);
				shutdown('simulator exited', 1);
			}
		});

		const url = `http://localhost:${opts.port}`;
		const examples = workflows.slice(1).map((w) => w.workflow.name);
		log(`n8n is ready at ${url} (total ${secs().trim()} s)`);
		say(process.stdout,
			`\n${box([
				`n8n with ${PACKAGE_NAME} is running`,
				'',
				`Open:     ${url}`,
				`Log in:   ${opts.email}`,
				`Password: ${opts.password}`,
				'',
				`Then open the workflow "${DEMO_WORKFLOW_NAME}"`,
				`  (${url}/workflow/${DEMO_WORKFLOW_ID}),`,
				'  and click "Execute workflow": the rows from the simulator appear',
				'  in the Logs panel (or double-click the WeChat Official Account node).',
				...(examples.length ? ['', 'Also imported (examples/):', ...examples.map((name) => `  - ${name}`)] : []),
				'',
				`WeChat simulator: ${sim.info.url}   credential: "${CREDENTIAL_NAME}"`,
				`Logs: ${show(n8nLog)}, ${show(simLog)}`,
				'Stop: Ctrl-C',
			])}\n\n`,
		);
	} catch (error) {
		say(process.stderr, `\n[start] ERROR: ${error instanceof StartError ? error.message : error.stack || error}\n`);
		await shutdown(children.length ? 'start failed' : '', 1);
	}
}

if (require.main === module) {
	main().catch((error) => {
		say(process.stderr, `[start] ERROR: ${error instanceof StartError ? error.message : error.stack || error}\n`);
		process.exit(2);
	});
}

module.exports = { DEFAULTS, CREDENTIAL_ID, CREDENTIAL_NAME, DEMO_WORKFLOW_ID, DEMO_WORKFLOW_NAME, NODE_TYPE };
