#!/usr/bin/env node
'use strict';
/**
 * npm start: the real n8n editor with this package installed, talking to the built-in WeChat simulator.
 *
 *   node scripts/start/start.js [--port 5678] [--sim-port 8787] [--user-folder DIR] [--reimport] [--verbose] [--exit-when-ready]
 *   env: N8N_PORT, WECHAT_SIM_PORT, N8N_LOCAL_DIR, N8N_DEMO_EMAIL, N8N_DEMO_PASSWORD
 *
 * 1. provisions n8n 2.41.1 on Node 24 and links this repository (built dist/) into the persistent user folder
 *    (default: .n8n-local/ in the repo): provision.js;
 * 2. starts the WeChat simulator (test/simulator/cli.js) on 127.0.0.1:8787;
 * 3. imports the credential "WeChat (local simulator)", the demo workflow and every examples/*.json when they
 *    changed since the last import (seed.js);
 * 4. starts `n8n start` with the owner account set from the environment, waits until it is ready, checks the
 *    login, the node type and the imported entities over REST and prints what to open and click (ready.js).
 * Ctrl-C / SIGTERM / SIGHUP (or the parent process going away) stops n8n and the simulator, then exits.
 * --exit-when-ready: a smoke check (CI): everything above, then stop; exit 1 if a check failed.
 * It does not build: `npm start` runs `npm run build` first.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { onShutdown, stopAll, tail } = require('../lib/processes');
const { spawnN8n, waitN8nReady } = require('../lib/n8nApp');
const { startSimulator } = require('../lib/simulator');
const { createLog, say, show } = require('../lib/log');
const { parseArgs, USAGE, StartError } = require('./args');
const { preflight, prepareApp, pidsFile } = require('./provision');
const { importEntities, ownerSettings } = require('./seed');
const { checkInstance, readyBox } = require('./ready');

const { log, warn, secs } = createLog('start');
const explain = (error) => (error instanceof StartError ? error.message : error.stack || error);

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	if (!opts) return say(process.stdout, `${USAGE}\n`);
	const names = [];
	let stopping = null;
	const stop = async (reason, exitCode) => {
		if (reason) log(`${reason}: stopping ${names.join(' and ') || 'nothing'}...`);
		await stopAll({ onStopped: (child, ms) => log(`${child.label} stopped (${(ms / 1000).toFixed(1)} s)`) });
		fs.rmSync(pidsFile(opts), { force: true });
		process.exit(exitCode);
	};
	/** Stops everything once (later calls get the same promise), then exits. */
	const shutdown = (reason, exitCode) => {
		if (!stopping) stopping = stop(reason, exitCode);
		return stopping;
	};
	onShutdown((reason) => shutdown(reason, 0), { watchParent: true });
	for (const event of ['uncaughtException', 'unhandledRejection']) {
		process.on(event, (error) => {
			say(process.stderr, `[start] unexpected error: ${(error && error.stack) || error}\n`);
			shutdown('unexpected error', 1);
		});
	}

	try {
		await preflight(opts);
		const { app, env } = await prepareApp(opts, log);

		const simLog = path.join(opts.userFolder, 'simulator.log');
		const sim = await startSimulator({
			child: true,
			port: opts.simPort,
			verbose: true,
			logFile: simLog,
			env: process.env,
		});
		names.push('simulator');
		log(`WeChat simulator on ${sim.url} (AppID ${sim.appId}; requests logged to ${show(simLog)})`);
		if (stopping) return;

		const workflows = await importEntities(opts, app, env, sim, { log, warn });
		if (stopping) return;

		const n8nLog = path.join(opts.userFolder, 'n8n.log');
		const n8n = spawnN8n(app, { ...env, ...ownerSettings(app, opts) }, { logFile: n8nLog });
		names.push('n8n');
		fs.writeFileSync(pidsFile(opts), JSON.stringify({ start: process.pid, n8n: n8n.child.pid, simulator: sim.pid }));
		log(`starting n8n on http://localhost:${opts.port} (pid ${n8n.child.pid}; log: ${show(n8nLog)})`);
		if (opts.verbose)
			spawn('tail', ['-n', '+1', '-f', n8nLog, '--pid', String(n8n.child.pid)], {
				stdio: ['ignore', 'inherit', 'inherit'],
			}).unref();
		const startedAt = Date.now();
		try {
			await waitN8nReady(n8n, { onSlow: () => log('... still starting (n8n needs ~20 s; more on a busy machine)') });
		} catch (error) {
			throw new StartError(error.message);
		}
		log(`n8n is ready (${((Date.now() - startedAt) / 1000).toFixed(1)} s after launch)`);
		const problems = await checkInstance(opts, workflows, { log, warn });
		log(`n8n is ready at http://localhost:${opts.port} (total ${secs().trim()} s)`);
		if (opts.exitWhenReady) return void (await shutdown('--exit-when-ready', problems.length ? 1 : 0));

		// Unexpected exits while running: stop the rest and fail.
		for (const [what, child, file] of [
			['n8n', n8n.child, n8nLog],
			['the simulator', sim.child, simLog],
		]) {
			child.exited.then(({ code, signal }) => {
				if (stopping) return;
				say(process.stderr, `${what} exited unexpectedly (${signal || code}):\n${tail(file)}\n`);
				shutdown(`${what} exited`, 1);
			});
		}
		say(process.stdout, readyBox(opts, { workflows, simUrl: sim.url, n8nLog, simLog }));
	} catch (error) {
		say(process.stderr, `\n[start] ERROR: ${explain(error)}\n`);
		await shutdown(names.length ? 'start failed' : '', 1);
	}
}

if (require.main === module) {
	main().catch((error) => {
		say(process.stderr, `[start] ERROR: ${explain(error)}\n`);
		process.exit(2);
	});
}
