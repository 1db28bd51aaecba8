/**
 * Issue 11 §2: "Since Last Run" when every execution starts without the workflow's static data, as
 * a queue-mode worker of n8n 2.41.1 starts a new execution. What carries the cursor from one
 * execution to the next is n8n's deduplication store (processed data, in the database every process
 * shares; modelled in memory by processed-data.js). The real queue-mode run is test/queue (step 4).
 */
const { sinceLastRunWorkflow } = require('./since-last-run-workflow');
const { ProcessedData } = require('./processed-data');
const { destinationStore } = require('./builtin-nodes');
const helpers = require('./sim-helpers');

let processedData;
let executions = 0;
const clock = helpers.useFixedChinaClock(() => {
	clock.sim.resetOptions();
	processedData = new ProcessedData();
	destinationStore.clear();
});
let sim;
let engine;
beforeAll(() => ({ sim, engine } = clock));
const at = (chinaTime) => clock.at(chinaTime);

/** One production execution on a "worker": no static data, the shared store carried over. */
async function onWorker(options = {}, { mode = 'trigger', store = processedData, workflowId } = {}) {
	sim.resetLog();
	const workflow = sinceLastRunWorkflow(options);
	if (workflowId !== undefined) workflow.id = workflowId;
	const result = await engine.run(workflow, {
		timezone: 'Asia/Shanghai',
		mode,
		executionId: `exec-${++executions}`,
		staticData: {},
		processedData: store,
	});
	const node = (name) => (result.runData[name]?.[0]?.hints ?? []).map((hint) => hint.message).join(' | ');
	return {
		result,
		rows: (result.data.WeChat ?? []).map((item) => item.json),
		hints: node('WeChat'),
		confirmHints: node('Confirm'),
		requests: helpers.datacubeCalls(sim).length,
	};
}

const days = (rows) => [...new Set(rows.map((row) => row.ref_date))].sort();

describe('each execution starts without static data (queue-mode workers)', () => {
	it('the next execution continues from the cursor the last one stored: nothing twice, a three-day gap caught up', async () => {
		at('2026-11-26T09:00:00');
		const first = await onWorker();
		expect(first.result.error).toBeUndefined();
		expect(days(first.rows)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
		const again = await onWorker();
		expect(again.rows).toEqual([]);
		expect(again.requests).toBe(0);
		expect(again.hints).toMatch(/everything up to 2026-11-25 was delivered/);
		at('2026-11-29T09:00:00');
		const caughtUp = await onWorker();
		expect(caughtUp.rows).toEqual(sim.expectedRows('getupstreammsg', '2026-11-26', '2026-11-28'));
	});

	it('only Confirm Delivery stores the cursor: a destination that fails leaves the days to the next execution', async () => {
		at('2026-11-26T09:00:00');
		await onWorker();
		at('2026-11-28T09:00:00');
		const down = await onWorker({ fail: true });
		expect(down.result.error.message).toMatch(/destination is down/);
		const retried = await onWorker();
		expect(days(retried.rows)).toEqual(['2026-11-26', '2026-11-27']);
		expect(retried.confirmHints).toMatch(/Confirmed as delivered: WeChat: 2026-11-26 to 2026-11-27/);
		expect((await onWorker()).rows).toEqual([]);
	});

	it('without Confirm Delivery the fetch node stores the cursor itself', async () => {
		at('2026-11-26T09:00:00');
		await onWorker({ confirm: false, wait: false });
		at('2026-11-27T09:00:00');
		expect(days((await onWorker({ confirm: false, wait: false })).rows)).toEqual(['2026-11-26']);
		expect((await onWorker({ confirm: false, wait: false })).rows).toEqual([]);
	});

	it('a cursor in an earlier month is found (months are probed, then that month’s days)', async () => {
		at('2026-10-30T09:00:00');
		await onWorker({ lookbackDays: 2 });
		at('2026-11-03T09:00:00');
		const next = await onWorker({ lookbackDays: 2 });
		expect(days(next.rows)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
	});

	it('weeks: a completed week is delivered once, by whichever execution comes first', async () => {
		at('2026-11-23T09:00:00');
		expect(days((await onWorker({ operation: 'getWeekly', lookbackDays: 7 })).rows)).toEqual(['2026-11-16']);
		at('2026-11-29T09:00:00');
		// Lookback Days 7 reaches back into the week of 11-16: only the stored cursor keeps it from coming again.
		expect((await onWorker({ operation: 'getWeekly', lookbackDays: 7 })).rows).toEqual([]);
		at('2026-11-30T09:00:00');
		expect(days((await onWorker({ operation: 'getWeekly', lookbackDays: 7 })).rows)).toEqual(['2026-11-23']);
	});

	it('the store keeps only the cursor: every probe a read recorded is removed again', async () => {
		at('2026-11-26T09:00:00');
		await onWorker();
		at('2026-11-29T09:00:00');
		await onWorker();
		await onWorker();
		const entries = processedData.entries('').sort();
		const value = (kind, value) =>
			`wechat-analytics-since-last-run|wechat-fetch-node/messageSummary/getDaily|${kind}|${value}`;
		expect(entries).toEqual(
			[
				value('commit', '2026-11-25'),
				value('commit', '2026-11-28'),
				value('day', '2026-11-25'),
				value('day', '2026-11-28'),
				value('month', '2026-11'),
			].sort(),
		);
	});

	it('a manual run from the editor reads the cursor but stores nothing', async () => {
		at('2026-11-26T09:00:00');
		await onWorker();
		at('2026-11-28T09:00:00');
		const manual = await onWorker({}, { mode: 'manual' });
		expect(days(manual.rows)).toEqual(['2026-11-26', '2026-11-27']);
		const production = await onWorker();
		expect(days(production.rows)).toEqual(['2026-11-26', '2026-11-27']);
	});
});

it('a store n8n cannot use (e.g. another mode saved by Remove Duplicates) falls back to static data and says so', async () => {
	at('2026-11-26T09:00:00');
	const broken = new ProcessedData();
	broken.failWith = 'Deduplication data was originally saved with an incompatible setting';
	const run = await onWorker({}, { store: broken });
	expect(run.result.error).toBeUndefined();
	expect(days(run.rows)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
	expect(run.hints).toMatch(
		/could not use n8n's deduplication store \(Deduplication data was originally saved with an incompatible setting\)/,
	);
	expect(run.confirmHints).toMatch(/could not use n8n's deduplication store/);
	expect(run.result.staticData.global.weChatSinceLastRun['wechat-fetch-node/messageSummary/getDaily'].delivered).toBe(
		'2026-11-25',
	);
});

it('a workflow without an id (never saved) leaves the store alone, without a warning', async () => {
	at('2026-11-26T09:00:00');
	const broken = new ProcessedData();
	broken.failWith = 'n8n needs a workflow id for processed data';
	const run = await onWorker({}, { store: broken, workflowId: '' });
	expect(run.result.error).toBeUndefined();
	expect(days(run.rows)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
	expect(`${run.hints} ${run.confirmHints}`).not.toMatch(/deduplication store/);
});
