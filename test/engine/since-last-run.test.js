/**
 * Date Range "Since Last Run" in n8n's engine, in the two workflows a user builds: with a Confirm Delivery
 * step after the destination, and without one, every other parameter at its default. A fixed clock on both
 * sides (the node's Date.now and the simulator's), what n8n keeps between executions carried over as n8n
 * carries it (n8n-instance.js: static data, deduplication store), and a destination that can fail like Sheets
 * or Postgres. Walks through the first run, a same-day rerun, a three-day gap, both sides of 08:00, failures
 * (ours and a later node's), week and month boundaries, several items, is_delay and binary pass-through.
 */
const { NODE_TYPE } = require('./wechat-workflow');
const { CREDENTIALS, sinceLastRunWorkflow } = require('./since-last-run-workflow');
const { destinationStore } = require('./builtin-nodes');
const { hintsOf, useSinceLastRunSuite } = require('./n8n-instance');

const suite = useSinceLastRunSuite({ staticData: { global: { otherNode: 'kept' } } });
let sim;
let engine;
let n8n;
beforeAll(() => ({ sim, engine } = suite));
beforeEach(() => ({ n8n } = suite));
const at = (chinaTime) => suite.at(chinaTime);
const execute = (options, runOptions) => suite.execute(options, runOptions);

const days = (rows) => [...new Set(rows.map((row) => row.ref_date))].sort();
const stored = () => (destinationStore.get('sheet') ?? []).map(days);

const KINDS = [
	['with a Confirm Delivery step', { confirm: true }],
	['without a Confirm Delivery step', { confirm: false }],
];

describe.each(KINDS)('%s, every other parameter at its default', (_label, kind) => {
	const defaults = { ...kind, lookbackDays: null };

	it('the first run delivers Lookback Days (7); a second run the same morning delivers nothing', async () => {
		at('2026-11-26T09:00:00');
		const first = await execute(defaults);
		expect(first.result.error).toBeUndefined();
		expect(first.rows).toEqual(sim.expectedRows('getupstreammsg', '2026-11-19', '2026-11-25'));
		at('2026-11-26T11:00:00');
		const again = await execute(defaults);
		expect(again.result.error).toBeUndefined();
		expect(again.rows).toEqual([]);
		expect(again.requests).toBe(0);
		expect(again.hints).toMatch(/Nothing new since the last run: everything up to 2026-11-25 was delivered/);
		expect(stored()).toEqual([days(first.rows)]);
		// A run with nothing new leaves the cursor as it was: the next one has nothing new either.
		expect((await execute(defaults)).rows).toEqual([]);
		for (const run of [first, again]) expect(run.hints).not.toMatch(/never confirmed|has not finalised/);
	});

	it('a run of one day names that day alone', async () => {
		at('2026-11-26T09:00:00');
		await execute(defaults);
		at('2026-11-27T09:00:00');
		const next = await execute(defaults);
		expect(days(next.rows)).toEqual(['2026-11-26']);
		if (kind.confirm) expect(next.confirmHints).toBe('Confirmed as delivered: WeChat: 2026-11-26');
		else expect(next.hints).toMatch(/the days it output \(2026-11-26\) count as delivered now/);
	});

	it('after three days of downtime the next run delivers exactly those three days', async () => {
		at('2026-11-26T09:00:00');
		await execute(defaults);
		at('2026-11-29T09:30:00');
		const caughtUp = await execute(defaults);
		expect(caughtUp.rows).toEqual(sim.expectedRows('getupstreammsg', '2026-11-26', '2026-11-28'));
	});

	it('before 08:00 China time yesterday is not delivered yet; after 08:00 it is', async () => {
		at('2026-11-26T09:00:00');
		await execute(defaults);
		at('2026-11-27T07:30:00');
		const early = await execute(defaults);
		expect(early.rows).toEqual([]);
		expect(early.requests).toBe(0);
		at('2026-11-27T08:05:00');
		expect(days((await execute(defaults)).rows)).toEqual(['2026-11-26']);
	});

	it('weeks: each completed week once, as it completes', async () => {
		const weekly = { ...defaults, operation: 'getWeekly' };
		at('2026-11-23T09:00:00'); // a Monday
		expect(days((await execute(weekly)).rows)).toEqual(['2026-11-16']);
		at('2026-11-29T20:00:00'); // Sunday: the week of 11-23 is not served yet
		expect((await execute(weekly)).rows).toEqual([]);
		at('2026-11-30T07:59:00');
		expect((await execute(weekly)).rows).toEqual([]);
		at('2026-11-30T08:01:00');
		expect(days((await execute(weekly)).rows)).toEqual(['2026-11-23']);
		expect((await execute(weekly)).rows).toEqual([]);
	});

	it('months: each completed month once, as it completes', async () => {
		const monthly = { ...defaults, operation: 'getMonthly' };
		at('2026-11-01T09:00:00');
		expect(days((await execute(monthly)).rows)).toEqual(['2026-10-01']);
		at('2026-11-20T09:00:00');
		expect((await execute(monthly)).rows).toEqual([]);
		at('2026-12-01T09:00:00');
		expect(days((await execute(monthly)).rows)).toEqual(['2026-11-01']);
		expect((await execute(monthly)).rows).toEqual([]);
	});

	it('days WeChat has not finalised (is_delay) are held back and delivered once, by a later run', async () => {
		const overview = { ...defaults, resource: 'publishedContent', operation: 'getOverview' };
		at('2026-11-26T09:00:00');
		sim.setOptions({ isDelay: 'latest' });
		const first = await execute(overview);
		expect(first.result.error).toBeUndefined();
		expect(days(first.rows)).toEqual([
			'2026-11-19',
			'2026-11-20',
			'2026-11-21',
			'2026-11-22',
			'2026-11-23',
			'2026-11-24',
		]);
		expect(first.hints).toMatch(/has not finalised 2026-11-25 and later/);
		sim.setOptions({ isDelay: false });
		at('2026-11-26T15:00:00');
		expect(days((await execute(overview)).rows)).toEqual(['2026-11-25']);
		expect((await execute(overview)).rows).toEqual([]);
	});

	it('leaves the static data alone: n8n has nothing of ours to save', async () => {
		at('2026-11-26T09:00:00');
		const run = await execute(defaults);
		expect(run.rows.length).toBeGreaterThan(0);
		expect(run.result.savedStaticData).toBeUndefined();
		expect(n8n.staticData).toEqual({ global: { otherNode: 'kept' } });
	});
});

describe('a destination that fails once', () => {
	it('with a Confirm Delivery step: the next run delivers again exactly the days that did not arrive (at least once)', async () => {
		at('2026-11-26T09:00:00');
		await execute();
		at('2026-11-28T09:00:00');
		const down = await execute({ failTimes: 2 }); // the first run above counted as the first
		expect(down.result.error.message).toMatch(/destination is down/);
		expect(days(down.rows)).toEqual(['2026-11-26', '2026-11-27']);
		const retried = await execute();
		expect(days(retried.rows)).toEqual(['2026-11-26', '2026-11-27']);
		expect(retried.hints).toMatch(
			/The days from 2026-11-26 that an earlier run output were never confirmed \(a step before Confirm Delivery failed or stopped\): they are fetched again/,
		);
		expect(retried.confirmHints).toBe('Confirmed as delivered: WeChat: 2026-11-26 to 2026-11-27');
		expect((await execute()).rows).toEqual([]);
		expect(stored()).toEqual([
			['2026-11-23', '2026-11-24', '2026-11-25'],
			['2026-11-26', '2026-11-27'],
		]);
	});

	it('without one: its days count as delivered when the node ends (the hint says so), never twice', async () => {
		at('2026-11-26T09:00:00');
		await execute({ confirm: false });
		at('2026-11-28T09:00:00');
		const down = await execute({ confirm: false, failTimes: 2 });
		expect(down.result.error.message).toMatch(/destination is down/);
		expect(down.hints).toMatch(
			/No Confirm Delivery step follows this node, so the days it output \(2026-11-26 to 2026-11-27\) count as delivered now/,
		);
		expect((await execute({ confirm: false })).rows).toEqual([]);
		at('2026-11-29T09:00:00');
		expect(days((await execute({ confirm: false })).rows)).toEqual(['2026-11-28']);
	});
});

it('a destination down for two runs: the second leaves the waiting cursor as it is (no write), the days come once it is back', async () => {
	at('2026-11-26T09:00:00');
	await execute();
	at('2026-11-27T09:00:00');
	await execute({ fail: true });
	const cursor = () => n8n.processedData.entries('n:wechat-fetch-node');
	const waiting = cursor();
	const again = await execute({ fail: true });
	expect(again.result.error.message).toMatch(/destination is down/);
	expect(cursor()).toEqual(waiting);
	expect(days((await execute()).rows)).toEqual(['2026-11-26']);
});

it('a disabled Confirm Delivery step counts as none: delivered when the node ends', async () => {
	at('2026-11-26T09:00:00');
	const workflow = sinceLastRunWorkflow({ failTimes: 1 });
	workflow.nodes.find((node) => node.name === 'Confirm').disabled = true;
	const failed = await n8n.run(engine, workflow);
	expect(failed.error.message).toMatch(/destination is down/);
	expect(hintsOf(failed, 'WeChat')).toMatch(/No Confirm Delivery step follows this node/);
	expect((await execute()).rows).toEqual([]);
});

it('Wait for Confirm Delivery off: delivered when the node ends, although a Confirm step follows (it confirms nothing)', async () => {
	at('2026-11-26T09:00:00');
	await execute({ wait: false });
	at('2026-11-27T09:00:00');
	const next = await execute({ wait: false, failTimes: 2 });
	expect(days(next.rows)).toEqual(['2026-11-26']);
	expect(next.hints).not.toMatch(/No Confirm Delivery step follows/);
	const after = await execute({ wait: false });
	expect(after.rows).toEqual([]);
	at('2026-11-28T09:00:00');
	expect((await execute({ wait: false })).confirmHints).toMatch(/^Nothing to confirm/);
});

it('a WeChat node after it that is not a Confirm Delivery step counts as none: delivered when the node ends', async () => {
	const next = {
		name: 'WeChat report',
		type: NODE_TYPE,
		parameters: { resource: 'messageSummary', operation: 'getDaily', dateRange: 'yesterday' },
		credentials: CREDENTIALS,
	};
	at('2026-11-26T09:00:00');
	const first = await n8n.run(engine, sinceLastRunWorkflow({ confirm: false, between: [next] }));
	expect(first.error).toBeUndefined();
	expect(hintsOf(first, 'WeChat')).toMatch(/No Confirm Delivery step follows this node/);
	const again = await n8n.run(engine, sinceLastRunWorkflow({ confirm: false }));
	expect(again.data.WeChat ?? []).toEqual([]);
});

it('every day held back (is_delay): nothing delivered, the cursor stays, the days come with a later run', async () => {
	const overview = { resource: 'publishedContent', operation: 'getOverview' };
	at('2026-11-26T09:00:00');
	expect(days((await execute(overview)).rows)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
	at('2026-11-27T09:00:00');
	sim.setOptions({ isDelay: 'latest' });
	const cursor = () => n8n.processedData.entries('n:wechat-fetch-node');
	const before = cursor();
	const held = await execute(overview);
	expect(held.rows).toEqual([]);
	expect(held.hints).toMatch(/has not finalised 2026-11-26 and later/);
	// Not even written again (a write would store the cursor in its other generation).
	expect(cursor()).toEqual(before);
	sim.setOptions({ isDelay: false });
	expect(days((await execute(overview)).rows)).toEqual(['2026-11-26']);
});

it('days WeChat serves with no rows count as delivered at once: no Confirm step can run without items', async () => {
	at('2026-11-26T09:00:00');
	await execute();
	at('2026-11-28T09:00:00');
	// A quiet account: no messages on those two days, WeChat answers {"list":[]}.
	sim.setOptions({ quietDays: ['2026-11-26', '2026-11-27'] });
	const quiet = await execute();
	expect(quiet.result.error).toBeUndefined();
	expect(quiet.rows).toEqual([]);
	expect(quiet.requests).toBe(1);
	const again = await execute();
	expect(again.requests).toBe(0);
	expect(again.hints).toMatch(/Nothing new since the last run: everything up to 2026-11-27 was delivered/);
});

it('one Confirm Delivery step after two fetch nodes confirms both, and names both', async () => {
	const fetch = (id, name, operation) => ({
		id,
		name,
		type: NODE_TYPE,
		parameters: { resource: 'messageSummary', operation, dateRange: 'sinceLastRun', lookbackDays: 1 },
		credentials: CREDENTIALS,
	});
	const workflow = {
		nodes: [
			{ name: 'Input', type: 'harness.input', parameters: { items: '[{}]' } },
			fetch('fetch-a', 'WeChat A', 'getDaily'),
			fetch('fetch-b', 'WeChat B', 'getDailyDistribution'),
			{ name: 'Confirm', type: NODE_TYPE, parameters: { resource: 'delivery', operation: 'confirm' } },
		],
		connections: {
			Input: { main: [[{ node: 'WeChat A', type: 'main', index: 0 }]] },
			'WeChat A': { main: [[{ node: 'WeChat B', type: 'main', index: 0 }]] },
			'WeChat B': { main: [[{ node: 'Confirm', type: 'main', index: 0 }]] },
		},
	};
	at('2026-11-26T09:00:00');
	const run = await n8n.run(engine, workflow);
	expect(run.error).toBeUndefined();
	expect(hintsOf(run, 'Confirm')).toBe('Confirmed as delivered: WeChat A: 2026-11-25; WeChat B: 2026-11-25');
});

it('a run that fails in the WeChat node does not move the cursor: the next run fetches the same days', async () => {
	at('2026-11-26T09:00:00');
	await execute();
	at('2026-11-28T09:00:00');
	sim.setOptions({ forceErrcode: { errcode: 48001, times: 1 } });
	const failed = await execute();
	expect(failed.result.error.message).toMatch(/48001/);
	expect(days((await execute()).rows)).toEqual(['2026-11-26', '2026-11-27']);
});

it('several input items share one cursor: the days are delivered once, by the first item', async () => {
	at('2026-11-26T09:00:00');
	const run = await execute({ items: [{}, {}, {}] });
	expect(run.rows).toEqual(sim.expectedRows('getupstreammsg', '2026-11-23', '2026-11-25'));
	expect(new Set((run.result.data.WeChat ?? []).map((item) => item.pairedItem.item))).toEqual(new Set([0]));
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
	const confirm = (name, y) => ({
		name,
		type: NODE_TYPE,
		position: [600, y],
		parameters: { resource: 'delivery', operation: 'confirm' },
	});
	// v1 order runs the upper branch first: its items stop before its Confirm step (as after a destination that
	// failed with On Error: Continue and a filter); the lower branch's Confirm runs while the upper branch's days wait.
	const twoBranches = {
		nodes: [
			{ name: 'Input', type: 'harness.input', position: [0, 100], parameters: { items: '[{}]' } },
			fetch('fetch-daily', 'WeChat daily', 'getDaily', 0),
			{ name: 'Sheet failed', type: 'harness.drop', position: [400, 0] },
			confirm('Confirm sheet', 0),
			fetch('fetch-dist', 'WeChat distribution', 'getDailyDistribution', 200),
			{ name: 'Table', type: 'harness.destination', position: [400, 200], parameters: { name: 'dist' } },
			confirm('Confirm table', 200),
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
			'WeChat daily': { main: [[{ node: 'Sheet failed', type: 'main', index: 0 }]] },
			'Sheet failed': { main: [[{ node: 'Confirm sheet', type: 'main', index: 0 }]] },
			'WeChat distribution': { main: [[{ node: 'Table', type: 'main', index: 0 }]] },
			Table: { main: [[{ node: 'Confirm table', type: 'main', index: 0 }]] },
		},
	};
	at('2026-11-26T09:00:00');
	const first = await n8n.run(engine, twoBranches);
	expect(first.executionOrder.indexOf('WeChat daily')).toBeLessThan(first.executionOrder.indexOf('Confirm table'));
	expect(first.executionOrder).not.toContain('Confirm sheet');
	expect(hintsOf(first, 'Confirm table')).toBe('Confirmed as delivered: WeChat distribution: 2026-11-24 to 2026-11-25');
	at('2026-11-27T09:00:00');
	const second = await n8n.run(engine, twoBranches);
	const outputDays = (node) => days((second.data[node] ?? []).map((item) => item.json));
	expect(outputDays('WeChat distribution')).toEqual(['2026-11-26']);
	// Never confirmed, no day delivered yet: it starts again from Lookback Days (2).
	expect(outputDays('WeChat daily')).toEqual(['2026-11-25', '2026-11-26']);
	expect(hintsOf(second, 'WeChat daily')).toMatch(/^The days an earlier run output were never confirmed/);
});

it('a manual run says that its progress is not saved, and its Confirm step what it would confirm', async () => {
	at('2026-11-26T09:00:00');
	const manual = await execute({}, { mode: 'manual' });
	expect(manual.hints).toMatch(/Manual runs from the editor do not save "Since Last Run" progress/);
	expect(manual.confirmHints).toBe(
		'In a production execution these days would now count as delivered: WeChat: 2026-11-23 to 2026-11-25. Manual runs from the editor save nothing.',
	);
	expect(days((await execute()).rows)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
});

it('Confirm Delivery passes its input items through whole, binary data included', async () => {
	at('2026-11-26T09:00:00');
	const attach = { name: 'Attach File', type: 'harness.attachFile', parameters: {} };
	const run = await execute({ between: [attach] });
	const input = run.result.data['Attach File'];
	const output = run.result.data.Confirm;
	expect(output).toHaveLength(input.length);
	expect(output[0].binary.report).toEqual({
		data: Buffer.from('report for item 0').toString('base64'),
		mimeType: 'text/plain',
		fileName: 'report-0.txt',
	});
	expect(output.map(({ json, binary }) => ({ json, binary }))).toEqual(
		input.map(({ json, binary }) => ({ json, binary })),
	);
	expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
});
