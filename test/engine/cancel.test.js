/**
 * Issue 8 §6: stopping an execution stops the node: no new windows, no retries and no waits after
 * n8n's cancel signal fires (the Stop button is `.cancel()` on the running execution). A window
 * that fails for good stops the windows in flight from retrying too. (A 45011 from the token
 * endpoint waits Quota Wait: quota-wait.test.js.)
 */
const { wechatWorkflow } = require('./wechat-workflow');
const { wechatSuite } = require('./suite');

const suite = wechatSuite();
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runAndStop(parameters, stopAfterMs) {
	let execution;
	const started = Date.now();
	const done = suite.engine.run(wechatWorkflow({ parameters }), {
		timezone: 'Asia/Shanghai',
		onExecution: (running) => (execution = running),
	});
	await wait(stopAfterMs);
	const stoppedAt = Date.now();
	execution.cancel();
	const result = await done;
	const endedAt = Date.now();
	await wait(1500); // anything the node still sends would arrive now
	// A request sent just before Stop can reach the simulator a little later on a loaded machine;
	// one sent after Stop (the next window, a retry) arrives a whole latency or backoff later.
	const after = suite.datacubeCalls().filter((call) => call.at > stoppedAt + 200);
	return { result, stopToEndMs: endedAt - stoppedAt, startedToStop: stoppedAt - started, after };
}

const HOURLY_60_DAYS = { operation: 'getHourly', dateRange: 'custom', beginDate: '2024-01-01', endDate: '2024-02-29' };

it('Stop in the middle of a long range ends the run at once and sends nothing more', async () => {
	suite.sim.setOptions({ latencyMs: 250 });
	const { result, stopToEndMs, after } = await runAndStop({ ...HOURLY_60_DAYS, options: { parallelRequests: 2 } }, 700);
	expect(suite.datacubeCalls().length).toBeLessThan(60);
	expect(stopToEndMs).toBeLessThan(1000);
	expect(after).toEqual([]);
	expect(result.data.WeChat ?? []).toEqual([]);
});

it('Stop during a retry backoff wakes the node and it sends no retry', async () => {
	suite.sim.setOptions({ faults: { rate: 1, kinds: ['busy'] } });
	const { stopToEndMs, after } = await runAndStop(
		{ ...HOURLY_60_DAYS, options: { parallelRequests: 2, retryDelayMs: 20000, maxAttempts: 5 } },
		600,
	);
	expect(stopToEndMs).toBeLessThan(1000);
	expect(after).toEqual([]);
	expect(suite.datacubeCalls()).toHaveLength(2);
});

it('Stop during a per-minute quota wait (45011) ends the run at once', async () => {
	suite.sim.setOptions({ forceErrcode: 45011 });
	const { stopToEndMs, after } = await runAndStop(
		{ ...HOURLY_60_DAYS, options: { parallelRequests: 1, quotaWaitMs: 60000 } },
		600,
	);
	expect(stopToEndMs).toBeLessThan(1000);
	expect(after).toEqual([]);
});

it('a window that fails for good stops the windows in flight from retrying', async () => {
	// The first request answers 48001 (fatal); every other one says "busy" and would be retried.
	suite.sim.setOptions({
		forceErrcode: { errcode: 48001, times: 1 },
		faults: { rate: 1, kinds: ['busy'] },
		latencyMs: 50,
	});
	const started = Date.now();
	const result = await suite.run({
		operation: 'getDaily',
		dateRange: 'custom',
		beginDate: '2024-01-01',
		endDate: '2024-01-28',
		options: { parallelRequests: 4, retryDelayMs: 3000, maxAttempts: 10 },
	});
	expect(result.error.message).toMatch(/errcode 48001/);
	expect(Date.now() - started).toBeLessThan(2500);
	await wait(1000);
	expect(suite.datacubeCalls()).toHaveLength(4);
});
