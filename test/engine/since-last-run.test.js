/**
 * Issue 11 §1: Date Range "Since Last Run". A fixed clock on both sides (the node's Date.now and
 * the simulator's), the workflow's static data carried from one execution to the next as n8n
 * saves it (also after a failed execution), and a destination that can fail like Sheets or
 * Postgres. Walks through the first run, a same-day rerun, a three-day gap, both sides of 08:00,
 * failures (ours and a later node's), week and month boundaries, several items, and is_delay.
 */
const { NODE_TYPE } = require('./wechat-workflow');
const { CREDENTIALS, sinceLastRunWorkflow: workflow } = require('./since-last-run-workflow');
const { destinationStore } = require('./builtin-nodes');
const helpers = require('./sim-helpers');

let staticData;
let executions = 0;
const clock = helpers.useFixedChinaClock(() => {
	clock.sim.resetOptions();
	staticData = {};
	destinationStore.clear();
});
let sim;
let engine;
beforeAll(() => ({ sim, engine } = clock));
const at = (chinaTime) => clock.at(chinaTime);

/** One production execution (n8n saves static data after it, whatever its outcome). */
async function execute(options) {
	sim.resetLog();
	const result = await engine.run(workflow(options), {
		timezone: 'Asia/Shanghai',
		mode: 'trigger',
		executionId: `exec-${++executions}`,
		staticData,
	});
	staticData = result.staticData;
	const hints = (result.runData.WeChat?.[0]?.hints ?? []).map((hint) => hint.message).join(' | ');
	const rows = (result.data.WeChat ?? []).map((item) => item.json);
	return { result, rows, hints, requests: helpers.datacubeCalls(sim).length };
}

const days = (rows) => [...new Set(rows.map((row) => row.ref_date))].sort();
const stored = () => destinationStore.get('sheet') ?? [];

describe('daily operations', () => {
	it('first run delivers the last Lookback Days days WeChat serves, a rerun the same morning delivers nothing', async () => {
		at('2026-11-26T09:00:00');
		const first = await execute();
		expect(first.result.error).toBeUndefined();
		expect(first.rows).toEqual(sim.expectedRows('getupstreammsg', '2026-11-23', '2026-11-25'));
		at('2026-11-26T11:00:00');
		const again = await execute();
		expect(again.result.error).toBeUndefined();
		expect(again.rows).toEqual([]);
		expect(again.requests).toBe(0);
		expect(again.hints).toMatch(/Nothing new since the last run: everything up to 2026-11-25 was delivered/);
	});

	it('after three days of downtime, the next run catches up exactly those three days', async () => {
		at('2026-11-26T09:00:00');
		await execute();
		at('2026-11-29T09:30:00');
		const caughtUp = await execute();
		expect(days(caughtUp.rows)).toEqual(['2026-11-26', '2026-11-27', '2026-11-28']);
		expect(caughtUp.rows).toEqual(sim.expectedRows('getupstreammsg', '2026-11-26', '2026-11-28'));
	});

	it('before 08:00 China time yesterday is not delivered yet; after 08:00 it is', async () => {
		at('2026-11-26T09:00:00');
		await execute();
		at('2026-11-27T07:30:00');
		const early = await execute();
		expect(early.rows).toEqual([]);
		expect(early.requests).toBe(0);
		at('2026-11-27T08:05:00');
		const later = await execute();
		expect(days(later.rows)).toEqual(['2026-11-26']);
	});

	it('a run that fails does not move the marker: the next run fetches the same days', async () => {
		at('2026-11-26T09:00:00');
		await execute();
		at('2026-11-28T09:00:00');
		sim.setOptions({ forceErrcode: { errcode: 48001, times: 1 } });
		const failed = await execute();
		expect(failed.result.error.message).toMatch(/48001/);
		const next = await execute();
		expect(days(next.rows)).toEqual(['2026-11-26', '2026-11-27']);
	});

	it('a destination that fails once: the next run re-delivers exactly the days that did not arrive', async () => {
		at('2026-11-26T09:00:00');
		await execute();
		at('2026-11-28T09:00:00');
		const down = await execute({ fail: true });
		expect(down.result.error.message).toMatch(/destination is down/);
		expect(days(down.rows)).toEqual(['2026-11-26', '2026-11-27']);
		const retried = await execute();
		expect(days(retried.rows)).toEqual(['2026-11-26', '2026-11-27']);
		expect(retried.hints).toMatch(/2026-11-26 to 2026-11-27, output by an earlier run, were never confirmed/);
		expect(stored().map(days)).toEqual([
			['2026-11-23', '2026-11-24', '2026-11-25'],
			['2026-11-26', '2026-11-27'],
		]);
		const after = await execute();
		expect(after.rows).toEqual([]);
	});

	it('without waiting for confirmation, output days count as delivered at once', async () => {
		at('2026-11-26T09:00:00');
		await execute({ confirm: false, wait: false });
		at('2026-11-27T09:00:00');
		const next = await execute({ confirm: false, wait: false, fail: true });
		expect(days(next.rows)).toEqual(['2026-11-26']);
		const after = await execute({ confirm: false, wait: false });
		expect(after.rows).toEqual([]);
	});

	it('several input items share one marker: the days are delivered once, by the first item', async () => {
		at('2026-11-26T09:00:00');
		const run = await execute({ items: [{}, {}, {}] });
		expect(run.rows).toEqual(sim.expectedRows('getupstreammsg', '2026-11-23', '2026-11-25'));
		expect(new Set((run.result.data.WeChat ?? []).map((item) => item.pairedItem.item))).toEqual(new Set([0]));
	});
});

describe('weekly and monthly operations deliver each completed period once, as it completes', () => {
	it('weeks', async () => {
		at('2026-11-23T09:00:00'); // a Monday
		const first = await execute({ operation: 'getWeekly', lookbackDays: 7 });
		expect(days(first.rows)).toEqual(['2026-11-16']);
		at('2026-11-29T20:00:00'); // Sunday: the week of 11-23 has not been served yet
		expect((await execute({ operation: 'getWeekly' })).rows).toEqual([]);
		at('2026-11-30T07:59:00'); // Monday before 08:00: still not
		expect((await execute({ operation: 'getWeekly' })).rows).toEqual([]);
		at('2026-11-30T08:01:00');
		expect(days((await execute({ operation: 'getWeekly' })).rows)).toEqual(['2026-11-23']);
	});

	it('months', async () => {
		at('2026-11-01T09:00:00');
		const first = await execute({ operation: 'getMonthly', lookbackDays: 7 });
		expect(days(first.rows)).toEqual(['2026-10-01']);
		at('2026-11-20T09:00:00');
		expect((await execute({ operation: 'getMonthly' })).rows).toEqual([]);
		at('2026-12-01T09:00:00');
		expect(days((await execute({ operation: 'getMonthly' })).rows)).toEqual(['2026-11-01']);
	});
});

it('days WeChat has not finalised (is_delay) are held back and delivered by a later run', async () => {
	at('2026-11-26T09:00:00');
	sim.setOptions({ isDelay: 'latest' });
	const first = await execute({ resource: 'publishedContent', operation: 'getOverview' });
	expect(first.result.error).toBeUndefined();
	expect(days(first.rows)).toEqual(['2026-11-23', '2026-11-24']);
	expect(first.hints).toMatch(/has not finalised 2026-11-25 and later/);
	sim.setOptions({ isDelay: false });
	at('2026-11-26T15:00:00');
	const later = await execute({ resource: 'publishedContent', operation: 'getOverview' });
	expect(days(later.rows)).toEqual(['2026-11-25']);
});

it('a Confirm Delivery step confirms only the fetch nodes before it, not another branch whose destination failed', async () => {
	const fetch = (id, name, operation, y) => ({
		id,
		name,
		type: NODE_TYPE,
		position: [200, y],
		parameters: {
			resource: 'messageSummary',
			operation,
			dateRange: 'sinceLastRun',
			lookbackDays: 2,
			options: { addReadableFields: false },
		},
		credentials: CREDENTIALS,
	});
	// v1 order runs the upper branch first: its destination fails, the workflow continues (On Error:
	// Continue), and the lower branch's Confirm runs while the upper branch's days are still pending.
	const twoBranches = {
		nodes: [
			{ name: 'Input', type: 'harness.input', position: [0, 100], parameters: { items: '[{}]' } },
			fetch('fetch-daily', 'WeChat daily', 'getDaily', 0),
			{
				name: 'Sheet',
				type: 'harness.destination',
				position: [400, 0],
				parameters: { name: 'daily', fail: true },
				onError: 'continueRegularOutput',
			},
			fetch('fetch-dist', 'WeChat distribution', 'getDailyDistribution', 200),
			{ name: 'Table', type: 'harness.destination', position: [400, 200], parameters: { name: 'dist' } },
			{
				name: 'Confirm table',
				type: NODE_TYPE,
				position: [600, 200],
				parameters: { resource: 'delivery', operation: 'confirm' },
			},
		],
		connections: {
			Input: {
				main: [
					[
						{ node: 'WeChat daily', type: 'main', index: 0 },
						{ node: 'WeChat distribution', type: 'main', index: 0 },
					],
				],
			},
			'WeChat daily': { main: [[{ node: 'Sheet', type: 'main', index: 0 }]] },
			'WeChat distribution': { main: [[{ node: 'Table', type: 'main', index: 0 }]] },
			Table: { main: [[{ node: 'Confirm table', type: 'main', index: 0 }]] },
		},
	};
	at('2026-11-26T09:00:00');
	const first = await engine.run(twoBranches, {
		timezone: 'Asia/Shanghai',
		mode: 'trigger',
		executionId: `exec-${++executions}`,
		staticData,
	});
	expect(first.executionOrder.indexOf('WeChat daily')).toBeLessThan(first.executionOrder.indexOf('Confirm table'));
	const cursors = first.staticData.global.weChatSinceLastRun;
	expect(cursors['fetch-dist/messageSummary/getDailyDistribution']).toEqual({ delivered: '2026-11-25' });
	expect(cursors['fetch-daily/messageSummary/getDaily'].delivered).toBeUndefined();
	expect(cursors['fetch-daily/messageSummary/getDaily'].pending).toMatchObject({
		from: '2026-11-24',
		through: '2026-11-25',
	});
});

it('a manual run says that its progress is not saved', async () => {
	at('2026-11-26T09:00:00');
	const result = await engine.run(workflow(), { timezone: 'Asia/Shanghai', mode: 'manual', staticData: {} });
	const hints = (result.runData.WeChat?.[0]?.hints ?? []).map((hint) => hint.message).join(' | ');
	expect(hints).toMatch(/Manual runs from the editor do not save "Since Last Run" progress/);
});
