/**
 * Parallel Requests, seen from the WeChat side: with the simulator answering slowly, its request
 * log shows how many datacube requests were in flight at once.
 */
const { wechatWorkflow } = require('./wechat-workflow');
const helpers = require('./sim-helpers');

const suite = helpers.useSimulatorAndEngine();

const { mostInFlight } = helpers;

async function fetchEightWindows(parallelRequests) {
	const { sim, engine } = suite;
	await engine.run(
		wechatWorkflow({ parameters: { dateRange: 'custom', beginDate: '2024-01-01', endDate: '2024-01-01' } }),
	);
	sim.resetLog(); // the token is stored: no request waits for a token fetch below
	sim.setOptions({ latencyMs: 300 });
	const result = await engine.run(
		wechatWorkflow({
			parameters: {
				dateRange: 'custom',
				beginDate: '2024-01-01',
				endDate: '2024-02-25',
				options: { parallelRequests },
			},
		}),
	);
	expect(result.error).toBeUndefined();
	expect(result.data.WeChat.map((item) => helpers.wechatOnly(item.json))).toEqual(
		sim.expectedRows('getupstreammsg', '2024-01-01', '2024-02-25'),
	);
	const calls = helpers.datacubeCalls(sim);
	expect(calls).toHaveLength(8);
	expect(helpers.tokenCalls(sim)).toHaveLength(0);
	return calls;
}

it('Parallel Requests 4 keeps several of 8 windows in flight at once, never more than 4', async () => {
	// 4 when the machine keeps up; a loaded machine may start the 4th after the 1st answered
	const most = mostInFlight(await fetchEightWindows(4));
	expect(most).toBeGreaterThanOrEqual(3);
	expect(most).toBeLessThanOrEqual(4);
});

it('Parallel Requests 1 sends one window at a time', async () => {
	expect(mostInFlight(await fetchEightWindows(1))).toBe(1);
});

it('counts overlapping requests', () => {
	const at = (start, ms) => ({ at: start, ms });
	expect(mostInFlight([at(0, 10), at(10, 10), at(20, 10)])).toBe(1);
	expect(mostInFlight([at(0, 10), at(5, 10), at(9, 10), at(30, 1)])).toBe(3);
});
