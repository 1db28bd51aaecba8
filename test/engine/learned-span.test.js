/**
 * WeChat's real span narrower than documented (the simulator's `spans` option), through n8n's engine:
 * after the first rejection (61501) the node learns the span that works and plans the rest of the
 * execution with it. The items are the same as at the documented span; the requests are the minimum
 * for the real span plus the calls that found it.
 */
const { wechatWorkflow } = require('./wechat-workflow');
const helpers = require('./sim-helpers');

/** 59 days of follower growth (getusersummary, 7 days documented): 9 windows as documented, 30 at 2 days. */
const RANGE = { begin: '2025-01-01', end: '2025-02-28' };
const DAYS = 59;

let engine;
let sim;
const suite = helpers.useSimulatorAndEngine();
beforeAll(() => {
	({ sim, engine } = suite);
});

async function run(ranges, parallelRequests) {
	sim.resetLog();
	const result = await engine.run(
		wechatWorkflow({
			items: ranges,
			parameters: {
				resource: 'userAnalysis',
				operation: 'getUserSummary',
				dateRange: 'custom',
				beginDate: '={{ $json.begin }}',
				endDate: '={{ $json.end }}',
				options: { parallelRequests },
			},
		}),
		{ timezone: 'Asia/Shanghai' },
	);
	expect(result.error).toBeUndefined();
	const calls = helpers.datacubeCalls(sim);
	return {
		items: result.data.WeChat,
		answered: calls.filter((call) => call.errcode === 0).length,
		rejected: calls.filter((call) => call.errcode === 61501).length,
		total: calls.length,
		hints: (result.runData.WeChat?.[0]?.hints ?? []).map((hint) => hint.message),
	};
}

describe('a real span narrower than documented is learned once per execution', () => {
	it.each([
		// Parallel Requests, rejected: the documented window, then 4 days, then 3 (2 answered in between);
		// at 4, the three other windows already in flight are rejected too
		[1, 3],
		[4, 6],
	])(
		'Parallel Requests %i: the same items, 30 answered requests (the minimum at 2 days) + %i rejected',
		async (parallel, rejected) => {
			const wide = await run([RANGE], parallel);
			expect(wide.total).toBe(Math.ceil(DAYS / 7));
			sim.setOptions({ spans: { getusersummary: 2 } });
			const narrow = await run([RANGE], parallel);
			expect(narrow.items).toEqual(wide.items);
			expect(narrow.answered).toBe(Math.ceil(DAYS / 2));
			expect(narrow.rejected).toBe(rejected);
			expect(narrow.total).toBe(narrow.answered + narrow.rejected);
			expect(narrow.hints).toContain(
				'WeChat answers at most 2 days per request for Get Follower Growth (getusersummary), not the documented 7 (errcode 61501): after its first rejection, this execution planned the rest with the span that worked',
			);
		},
	);

	it('a later item of the same endpoint starts from the learned span: no rejection, the minimum', async () => {
		const later = { begin: '2025-03-01', end: '2025-04-28' };
		const wide = await run([RANGE, later], 1);
		sim.setOptions({ spans: { getusersummary: 2 } });
		const narrow = await run([RANGE, later], 1);
		expect(narrow.items).toEqual(wide.items);
		expect(narrow.items.map((item) => item.pairedItem.item)).toEqual(wide.items.map((item) => item.pairedItem.item));
		expect(narrow.answered).toBe(Math.ceil(DAYS / 2) + Math.ceil(DAYS / 2));
		expect(narrow.rejected).toBe(3); // all in the first item
	});

	it('the next execution starts from the documented span again', async () => {
		sim.setOptions({ spans: { getusersummary: 2 } });
		await run([RANGE], 1);
		const again = await run([{ begin: '2025-03-01', end: '2025-03-14' }], 1);
		expect(again.rejected).toBeGreaterThan(0);
	});
});
