'use strict';
/**
 * The built package in n8n's execution engine (test/engine/harness.js, no n8n install) with its credential pointing
 * at the WeChat simulator: the setup of `npm run demo` and of the bench.
 *
 *   const { sim, engine, run, close } = await engineWithSimulator({ latencyMs: 40 });
 *   const result = await run({ operation: 'getDaily', dateRange: 'last7Days' });   // result.data.WeChat: items
 *   const runOther = await runnerFor('/tmp/other-build');   // the same for another built copy, same simulator
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
		const runnerOf =
			(target) =>
			(parameters, { timezone = 'Asia/Shanghai' } = {}) =>
				target.run(wechatWorkflow({ parameters, credentialId: CREDENTIAL_ID }), { timezone });
		/** run() for another built copy of the package (its own engine), against the same simulator. */
		const runnerFor = async (otherPackageDir) => {
			const other = await createEngine({ packageDir: otherPackageDir });
			other.credentials.set(CREDENTIAL_ID, CREDENTIAL_TYPE, simCredentialData(sim));
			return runnerOf(other);
		};
		return { sim, engine, run: runnerOf(engine), runnerFor, close: () => sim.stop() };
	} catch (error) {
		await sim.stop();
		throw error;
	}
}

module.exports = { engineWithSimulator };
