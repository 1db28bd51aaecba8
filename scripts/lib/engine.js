'use strict';
/**
 * The built package in n8n's execution engine (test/engine/harness.js, no n8n install) with its credential pointing
 * at the WeChat simulator: the setup of `npm run demo` and of the bench.
 *
 *   const { sim, engine, run, close } = await engineWithSimulator({ latencyMs: 40 });
 *   const result = await run({ operation: 'getDaily', dateRange: 'last7Days' });   // result.data.WeChat: items
 */
const { startSimulator } = require('./simulator');
const { REPO, CREDENTIAL_TYPE, simCredentialData } = require('./entities');

const CREDENTIAL_ID = 'sim'; // the id wechatWorkflow() refers to

/**
 * simulator: startSimulator() options (default: in this process, sim.local is its synchronous API); latencyMs
 * is a shortcut for simulator.latencyMs. run(parameters, { timezone }) runs Input -> WeChat with these node
 * parameters (timezone: the workflow's, default Asia/Shanghai).
 */
async function engineWithSimulator({ latencyMs = 0, simulator = {}, packageDir = REPO } = {}) {
	const { createEngine } = require('../../test/engine/harness');
	const { wechatWorkflow } = require('../../test/engine/wechat-workflow');
	const sim = await startSimulator({ latencyMs, ...simulator });
	try {
		const engine = await createEngine({ packageDir });
		engine.credentials.set(CREDENTIAL_ID, CREDENTIAL_TYPE, simCredentialData(sim));
		const run = (parameters, { timezone = 'Asia/Shanghai' } = {}) =>
			engine.run(wechatWorkflow({ parameters, credentialId: CREDENTIAL_ID }), { timezone });
		return { sim, engine, run, close: () => sim.stop() };
	} catch (error) {
		await sim.stop();
		throw error;
	}
}

module.exports = { engineWithSimulator };
