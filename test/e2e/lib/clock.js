'use strict';
/**
 * Runs of `n8n execute` on chosen days: each process gets Date.now() moved to an instant (clock-shim.js preloaded
 * with NODE_OPTIONS), and an in-process WeChat simulator follows the same clock. n8n's CLI is one process per run,
 * so a process's clock never jumps while it runs.
 */
const path = require('node:path');
const { n8nCli } = require('../../../scripts/lib/n8nApp');
const { startSimulator } = require('../../../scripts/lib/simulator');

const SHIM = path.join(__dirname, 'clock-shim.js');

/** A simulator in this process whose clock is `clock.ms`, set by clock.set('2026-11-01T09:00:00+08:00'). */
async function startClockedSimulator() {
	const clock = { ms: Date.now() };
	const sim = await startSimulator({ options: { now: () => clock.ms } });
	clock.set = (iso) => {
		clock.ms = Date.parse(iso);
	};
	return { sim, clock };
}

/** ctx.n8n for a process whose Date.now() starts at `iso`. */
function n8nAt(ctx, iso, logDir) {
	const env = { ...ctx.env, NODE_OPTIONS: `--require ${SHIM}`, E2E_CLOCK: iso };
	return n8nCli(ctx.app, env, { logDir });
}

module.exports = { startClockedSimulator, n8nAt };
