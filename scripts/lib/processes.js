'use strict';
/**
 * Child processes of the repository's tooling (npm start, the screenshots, the e2e and queue tests, the bench).
 *
 * Every child runs in its own process group (detached), so that stopping it also stops what it started (n8n's
 * task runner), and Ctrl-C in the terminal reaches only the script, which stops its children in order. Only
 * those groups are ever signalled. The children of this process are kept in one registry: stopAll() stops
 * them (SIGTERM, then SIGKILL after each child's grace time), and on any exit of this process the groups that
 * are left are killed and the temp folders made with tempDir() removed.
 */
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { request } = require('./http');

const children = new Set();
const tempDirs = new Set();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const running = (child) => child.exitCode === null && child.signalCode === null;

/** Signals a child's whole process group (also after the child itself has exited: stragglers). */
function signalGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			if (running(child)) child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/**
 * Spawns a child in its own process group and tracks it. `child.exited` resolves to { code, signal, error }
 * once it has exited (or could not start). name and graceMs (how long stopChild waits after SIGTERM) are
 * kept on the child.
 */
function spawnTracked(command, args, options = {}, { name, graceMs = 10000 } = {}) {
	const child = spawn(command, args, { ...options, detached: true });
	child.label = name || path.basename(command);
	child.graceMs = graceMs;
	child.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => resolve({ code, signal }));
		child.once('error', (error) => resolve({ code: null, signal: null, error }));
	});
	children.add(child);
	return child;
}

/** SIGTERM to the child's group, SIGKILL when it has not exited after graceMs; then SIGKILL to what is left of the group. */
async function stopChild(child, graceMs = child.graceMs ?? 10000) {
	let killed = false;
	if (child.pid !== undefined && running(child)) {
		signalGroup(child, 'SIGTERM');
		const result = await Promise.race([
			child.exited,
			new Promise((resolve) => setTimeout(resolve, graceMs, null).unref()),
		]);
		if (!result) {
			killed = true;
			signalGroup(child, 'SIGKILL');
			await child.exited;
		}
	}
	if (child.pid !== undefined) signalGroup(child, 'SIGKILL'); // e.g. a task runner whose parent is gone
	children.delete(child);
	return { killed };
}

/**
 * Stops every tracked child: SIGTERM to all of them at once, then each is waited for (and killed after its grace
 * time). onStopped(child, ms, { killed }) is called as each one is gone.
 */
async function stopAll({ onStopped } = {}) {
	const list = [...children];
	for (const child of list) if (running(child)) signalGroup(child, 'SIGTERM');
	const started = Date.now();
	await Promise.all(
		list.map(async (child) => {
			const result = await stopChild(child);
			if (onStopped) onStopped(child, Date.now() - started, result);
		}),
	);
}

/** The last resort, synchronous (safe in process.on('exit')): kills every tracked group, removes the temp folders. */
function killAllSync() {
	for (const child of children) signalGroup(child, 'SIGKILL');
	children.clear();
	for (const dir of tempDirs) {
		try {
			fs.rmSync(dir, { recursive: true, force: true });
		} catch {
			/* best effort */
		}
	}
	tempDirs.clear();
}

/**
 * Calls onStop(reason) once on SIGINT, SIGTERM or SIGHUP and, with watchParent, when the parent process goes away
 * (npm runs scripts under `sh -c`; a SIGTERM to npm kills that shell without reaching us). Repeated signals are
 * ignored while onStop runs. On any exit, killAllSync() runs.
 */
function onShutdown(onStop, { watchParent = false } = {}) {
	process.on('exit', killAllSync);
	let called = false;
	const fire = (reason) => {
		if (called) return;
		called = true;
		onStop(reason);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => fire(`got ${signal}`));
	if (watchParent) {
		const parent = process.ppid;
		setInterval(() => {
			if (process.ppid !== parent) fire('the parent process (npm) went away');
		}, 1000).unref();
	}
}

/** A new temp folder, removed on exit unless keep. */
function tempDir(prefix, { keep = false } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	if (!keep) tempDirs.add(dir);
	return dir;
}

/**
 * Runs a command to completion in its own process group, capturing stdout and stderr (also into files when
 * given). Resolves { code, signal, stdout, stderr, ms, timedOut }; never rejects for a non-zero exit.
 */
function run(command, args, { env, cwd, timeoutMs = 180000, stdoutFile, stderrFile, input, name } = {}) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = spawnTracked(
			command,
			args,
			{ env, cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] },
			{ name },
		);
		const out = [];
		const err = [];
		const outFile = stdoutFile ? fs.createWriteStream(stdoutFile) : null;
		const errFile = stderrFile ? fs.createWriteStream(stderrFile) : null;
		child.stdout.on('data', (chunk) => {
			out.push(chunk);
			if (outFile) outFile.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			err.push(chunk);
			if (errFile) errFile.write(chunk);
		});
		if (input !== undefined) child.stdin.end(input);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			stopChild(child, 5000);
		}, timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			children.delete(child);
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			signalGroup(child, 'SIGKILL'); // nothing it started outlives it
			children.delete(child);
			if (outFile) outFile.end();
			if (errFile) errFile.end();
			resolve({
				code,
				signal,
				timedOut,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms: Date.now() - t0,
			});
		});
	});
}

/** The first line a child prints on stdout (it keeps draining afterwards); rejects when it exits first or after timeoutMs. */
function firstLine(child, { timeoutMs = 15000, what = child.label, details = () => '' } = {}) {
	return new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(
			() => reject(new Error(`${what} printed nothing within ${timeoutMs / 1000} s${details()}`)),
			timeoutMs,
		);
		const onData = (chunk) => {
			buffer += chunk;
			const nl = buffer.indexOf('\n');
			if (nl < 0) return;
			clearTimeout(timer);
			child.stdout.off('data', onData);
			child.stdout.resume();
			resolve(buffer.slice(0, nl));
		};
		child.stdout.on('data', onData);
		child.exited.then(({ code, signal, error }) => {
			clearTimeout(timer);
			reject(new Error(`${what} exited (${error ? error.message : signal || code})${details()}`));
		});
	});
}

/**
 * Polls url until it answers 200. Fails early when `child` exits, and after timeoutMs. onSlow() is called every
 * slowEveryMs while waiting. logFile: its last lines are added to the error.
 */
async function waitForUrl(
	url,
	{ child, timeoutMs = 240000, intervalMs = 250, onSlow, slowEveryMs = 10000, logFile, what = url } = {},
) {
	const deadline = Date.now() + timeoutMs;
	let nextNote = Date.now() + slowEveryMs;
	const withLog = () => (logFile ? `:\n${tail(logFile)}` : '');
	while (Date.now() < deadline) {
		if (child && !running(child)) {
			throw new Error(`${what} exited before it was ready (${child.signalCode || child.exitCode})${withLog()}`);
		}
		try {
			if ((await request('GET', url, { timeoutMs: 2000 })).status === 200) return;
		} catch {
			/* not listening yet */
		}
		if (onSlow && Date.now() >= nextNote) {
			onSlow();
			nextNote = Date.now() + slowEveryMs;
		}
		await sleep(intervalMs);
	}
	throw new Error(`${what} not ready within ${timeoutMs / 1000} s${withLog()}`);
}

/** Is this TCP port free on 127.0.0.1? */
function portFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** A port the kernel says is free on 127.0.0.1 (another process may still take it before it is used). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Is a process with this pid alive? */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** The last lines of a log file. */
function tail(file, lines = 25) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

module.exports = {
	spawnTracked,
	stopChild,
	stopAll,
	killAllSync,
	onShutdown,
	tempDir,
	run,
	firstLine,
	waitForUrl,
	portFree,
	freePort,
	alive,
	tail,
	running,
	sleep,
};
