'use strict';
/**
 * The WeChat simulator (test/simulator) for the tooling, in this process or as a supervised child process
 * (test/simulator/cli.js), driven the same way in both cases: through its /__sim/ control routes.
 *
 *   const sim = await startSimulator({ child: true, port: 8787, logFile });  // or {} for in-process on a free port
 *   sim.url, sim.appId, sim.appSecret; await sim.log(); await sim.expected('getupstreammsg', begin, end);
 *   sim.local: the in-process simulator object (synchronous API), when not a child
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnTracked, stopChild, firstLine, tail } = require('./processes');
const { request } = require('./http');

const SIMULATOR_DIR = path.resolve(__dirname, '..', '..', 'test', 'simulator');

/** The control client over /__sim/ (see test/simulator/control.js). */
function client({ url, appId, appSecret }, stop, extra = {}) {
	const control = async (method, route, body) => {
		const res = await request(method, `${url}/__sim/${route}`, { body, timeoutMs: 30000 });
		if (res.status !== 200 || res.json === undefined)
			throw new Error(`simulator ${method} /__sim/${route}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		return res.json;
	};
	return {
		url,
		appId,
		appSecret,
		...extra,
		/** Any control route, e.g. control('POST', 'force-refresh', { appId }). */
		control,
		state: () => control('GET', 'state'),
		log: async () => (await control('GET', 'log')).log,
		resetLog: () => control('POST', 'reset-log', {}),
		expireTokens: () => control('POST', 'expire-tokens', {}),
		setOptions: (options) => control('POST', 'options', options),
		/** Every runtime option back as the simulator started. */
		resetOptions: () => control('POST', 'reset-options', {}),
		/** The rows a perfect client outputs for begin..end, as the account appId (default: the primary one) sees them. */
		expected: async (endpoint, begin, end, { appId } = {}) => {
			const query = new URLSearchParams({ endpoint, begin, end, ...(appId ? { appId } : {}) });
			return (await control('GET', `expected?${query}`)).list;
		},
		stop,
	};
}

/** test/simulator/cli.js as a child in its own process group; its request lines (verbose) or errors go to logFile. */
async function startChild({ port, latencyMs, verbose, logFile, env }) {
	const args = [path.join(SIMULATOR_DIR, 'cli.js'), '--port', String(port)];
	if (latencyMs) args.push('--latency', String(latencyMs));
	if (verbose) args.push('--verbose');
	const err = logFile ? fs.openSync(logFile, 'w') : 'pipe';
	const child = spawnTracked(
		process.execPath,
		args,
		{ env, stdio: ['ignore', 'pipe', err] },
		{ name: 'simulator', graceMs: 5000 },
	);
	if (logFile) fs.closeSync(err);
	let stderr = '';
	if (child.stderr) child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
	const details = () => `:\n${logFile ? tail(logFile) : stderr}`;
	let line;
	try {
		line = await firstLine(child, { what: 'the simulator', details });
	} catch (error) {
		await stopChild(child);
		throw error;
	}
	let info;
	try {
		info = JSON.parse(line);
	} catch {
		await stopChild(child);
		throw new Error(`unexpected simulator output: ${line.slice(0, 200)}`);
	}
	return client({ ...info, url: info.url.replace(/\/+$/, '') }, () => stopChild(child), { child, pid: child.pid });
}

/**
 * Starts the simulator. child: as a separate process (else in this process); port: 0 = a free one; latencyMs:
 * per datacube request; verbose and logFile (child only): request lines to logFile; options: more
 * startSimulator() options (in-process only).
 */
async function startSimulator({
	child = false,
	port = 0,
	latencyMs = 0,
	verbose = false,
	logFile,
	env,
	options = {},
} = {}) {
	if (child) return startChild({ port, latencyMs, verbose, logFile, env });
	const local = await require(SIMULATOR_DIR).startSimulator({ ...options, port, latencyMs });
	return client(local, () => local.close(), { local });
}

/** A client for a simulator that is already running at url (e.g. the one of a running npm start). */
const simulatorAt = (url) => client({ url: url.replace(/\/+$/, '') }, async () => {});

const isTokenCall = (entry) => entry.endpoint === 'stable_token' || entry.endpoint === 'token';
const isDatacubeCall = (entry) => entry.path.startsWith('/datacube/');

module.exports = { startSimulator, simulatorAt, isTokenCall, isDatacubeCall };
