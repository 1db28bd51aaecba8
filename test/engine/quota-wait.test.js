/**
 * After WeChat's per-minute quota error (45011) the node waits Quota Wait before it asks again; other
 * transient faults wait the (here zero) Retry Delay. Seen in the simulator's request log: when each
 * answer left and when the next request came.
 */
const { wechatWorkflow } = require('./wechat-workflow');
const helpers = require('./sim-helpers');

const suite = helpers.useSimulatorAndEngine();
const QUOTA_WAIT = 1000;
const OPTIONS = { retryDelayMs: 0, quotaWaitMs: QUOTA_WAIT, maxAttempts: 3, parallelRequests: 1 };

async function runOneWindow() {
	const { sim, engine } = suite;
	const result = await engine.run(
		wechatWorkflow({
			parameters: { dateRange: 'custom', beginDate: '2024-01-01', endDate: '2024-01-07', options: OPTIONS },
		}),
	);
	expect(result.error).toBeUndefined();
	expect(result.data.WeChat.map((item) => helpers.wechatOnly(item.json))).toEqual(
		sim.expectedRows('getupstreammsg', '2024-01-01', '2024-01-07'),
	);
}

/** Milliseconds from the answer of the request matching `failed` to the next request after it. */
function pauseAfter(failed) {
	const { log } = suite.sim;
	const index = log.findIndex(failed);
	expect(index).toBeGreaterThanOrEqual(0);
	expect(log.length).toBeGreaterThan(index + 1);
	return log[index + 1].at - (log[index].at + log[index].ms);
}

it('a datacube 45011 is retried after Quota Wait, not after Retry Delay', async () => {
	suite.sim.setOptions({ forceErrcode: { errcode: 45011, times: 1 } });
	await runOneWindow();
	expect(helpers.datacubeCalls(suite.sim).map((call) => call.errcode)).toEqual([45011, 0]);
	expect(pauseAfter((call) => call.errcode === 45011)).toBeGreaterThanOrEqual(QUOTA_WAIT - 5);
});

it('a 45011 from the token endpoint is waited out the same way', async () => {
	suite.sim.setOptions({ tokenErrcode: { errcode: 45011, times: 1 } });
	await runOneWindow();
	expect(helpers.tokenCalls(suite.sim).map((call) => call.errcode)).toEqual([45011, 0]);
	expect(pauseAfter((call) => call.errcode === 45011)).toBeGreaterThanOrEqual(QUOTA_WAIT - 5);
});

it('a busy answer (-1) is retried after Retry Delay (0 here), not after Quota Wait', async () => {
	suite.sim.setOptions({ forceErrcode: { errcode: -1, times: 1 } });
	await runOneWindow();
	expect(helpers.datacubeCalls(suite.sim).map((call) => call.errcode)).toEqual([-1, 0]);
	expect(pauseAfter((call) => call.errcode === -1)).toBeLessThan(QUOTA_WAIT - 5);
});
