/**
 * After WeChat's per-minute quota error (45011) the node waits Quota Wait before it asks again, from a
 * datacube endpoint as from the token endpoint; other transient faults wait the (here zero) Retry Delay.
 * Seen in the simulator's request log: when each answer left and when the next request came.
 */
const { wechatSuite, rowsOf } = require('./suite');

const suite = wechatSuite();
const QUOTA_WAIT = 1000;
const OPTIONS = { retryDelayMs: 0, quotaWaitMs: QUOTA_WAIT, maxAttempts: 3, parallelRequests: 1 };

/** Milliseconds from the answer of the request matching `failed` to the next request after it. */
function pauseAfter(failed) {
	const { log } = suite.sim;
	const index = log.findIndex(failed);
	expect(index).toBeGreaterThanOrEqual(0);
	expect(log.length).toBeGreaterThan(index + 1);
	return log[index + 1].at - (log[index].at + log[index].ms);
}

it.each([
	// what fails once, the simulator option, the requests it shows in, whether the pause is Quota Wait
	['a datacube 45011 is retried after Quota Wait, not after Retry Delay', 'forceErrcode', 45011, true],
	['a 45011 from the token endpoint is waited out the same way', 'tokenErrcode', 45011, true],
	['a busy answer (-1) is retried after Retry Delay (0 here), not after Quota Wait', 'forceErrcode', -1, false],
])('%s', async (_, option, errcode, quotaWait) => {
	suite.sim.setOptions({ [option]: { errcode, times: 1 } });
	const result = await suite.run({
		dateRange: 'custom',
		beginDate: '2024-01-01',
		endDate: '2024-01-07',
		options: OPTIONS,
	});
	expect(result.error).toBeUndefined();
	expect(rowsOf(result)).toEqual(suite.sim.expectedRows('getupstreammsg', '2024-01-01', '2024-01-07'));
	const calls = option === 'tokenErrcode' ? suite.tokenCalls() : suite.datacubeCalls();
	expect(calls.map((call) => call.errcode)).toEqual([errcode, 0]);
	const pause = pauseAfter((call) => call.errcode === errcode);
	if (quotaWait) expect(pause).toBeGreaterThanOrEqual(QUOTA_WAIT - 5);
	else expect(pause).toBeLessThan(QUOTA_WAIT - 5);
});
