/**
 * Child processes of the e2e run and their cleanup. Every child is started in its own process group
 * (detached) so that stopping it also stops what it started (n8n's task runner); only those groups are
 * signalled. Cleanup runs on normal exit, on failure and on SIGINT / SIGTERM / SIGHUP.
 */
const { spawn } = require('child_process');
const fs = require('fs');

const children = new Set();
const tempDirs = new Set();
let cleaning = false;

function signalGroup(child, signal) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** Synchronous cleanup: safe inside process.on('exit'). */
function cleanupSync() {
	if (cleaning) return;
	cleaning = true;
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

/** Graceful stop of one child's group: SIGTERM, then SIGKILL after graceMs. */
function stopChild(child, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		children.delete(child);
		return Promise.resolve();
	}
	return new Promise((resolve) => {
		const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			children.delete(child);
			resolve();
		});
		signalGroup(child, 'SIGTERM');
	});
}

async function stopAll() {
	await Promise.all([...children].map((child) => stopChild(child)));
}

function installSignalHandlers(onSignal) {
	process.on('exit', cleanupSync);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, async () => {
			console.log(`\n[e2e] ${signal}: stopping child processes and removing temp folders`);
			await Promise.race([stopAll(), new Promise((resolve) => setTimeout(resolve, 15000))]);
			cleanupSync();
			if (onSignal) onSignal(signal);
			process.exit(130);
		});
	}
}

/** Spawns a tracked child in its own process group. */
function spawnTracked(command, args, options) {
	const child = spawn(command, args, { ...options, detached: true });
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

/**
 * Runs a command to completion, capturing stdout and stderr (also into files when given).
 * Resolves { code, signal, stdout, stderr, ms, timedOut }; never rejects for a non-zero exit.
 */
function run(command, args, { env, cwd, timeoutMs = 180000, stdoutFile, stderrFile, input } = {}) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = spawnTracked(command, args, { env, cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
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
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
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

function trackTempDir(dir) {
	tempDirs.add(dir);
	return dir;
}

function untrackTempDir(dir) {
	tempDirs.delete(dir);
}

module.exports = { spawnTracked, run, stopChild, stopAll, cleanupSync, installSignalHandlers, trackTempDir, untrackTempDir };
