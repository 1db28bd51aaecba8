/**
 * "Since Last Run" when every execution starts without the workflow's static data, as a queue-mode worker of
 * n8n 2.41.1 starts a new execution, and n8n then saves what an execution wrote to the static data in place
 * of all of it (n8n-instance.js). The cursor lives in n8n's deduplication store (processed data, in the
 * database every process shares; processed-data.js models it). The real queue-mode run is test/queue (step 4).
 */
const { sinceLastRunWorkflow } = require('./since-last-run-workflow');
const { ProcessedData, hashOf } = require('./processed-data');
const { N8nInstance, hintsOf, useSinceLastRunSuite } = require('./n8n-instance');

/** What a Schedule Trigger and another node keep in the workflow's static data. */
const TRIGGER_STATE = { 'node:Every day at 09:00': { recurrenceRules: [3] }, global: { lastReport: '2026-11-25' } };

const suite = useSinceLastRunSuite({ queue: true, staticData: TRIGGER_STATE }, { id: 'workflow-1' });
let sim;
let engine;
let n8n;
beforeAll(() => ({ sim, engine } = suite));
beforeEach(() => ({ n8n } = suite));
const at = (chinaTime) => suite.at(chinaTime);
/** One production execution on a "worker". */
const onWorker = (options, runOptions) => suite.execute(options, runOptions);

const days = (rows) => [...new Set(rows.map((row) => row.ref_date))].sort();

describe.each([
	['with a Confirm Delivery step', {}],
	['without one', { confirm: false }],
])('each execution starts without static data (queue-mode workers), %s', (_label, kind) => {
	it('the next execution continues from the stored cursor: nothing twice, a three-day gap caught up', async () => {
		at('2026-11-26T09:00:00');
		const first = await onWorker(kind);
		expect(first.result.error).toBeUndefined();
		expect(days(first.rows)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
		const again = await onWorker(kind);
		expect(again.rows).toEqual([]);
		expect(again.requests).toBe(0);
		expect(again.hints).toMatch(/everything up to 2026-11-25 was delivered/);
		at('2026-11-29T09:00:00');
		const caughtUp = await onWorker(kind);
		expect(caughtUp.rows).toEqual(sim.expectedRows('getupstreammsg', '2026-11-26', '2026-11-28'));
	});

	it("the other static data of the workflow (a trigger's) survives: the node writes none, n8n saves none", async () => {
		for (const day of ['2026-11-26', '2026-11-27', '2026-11-28']) {
			at(`${day}T09:00:00`);
			const run = await onWorker(kind);
			expect(run.rows.length).toBeGreaterThan(0);
			expect(run.result.savedStaticData).toBeUndefined();
		}
		expect(n8n.staticData).toEqual(TRIGGER_STATE);
	});

	it('weeks: a completed week is delivered once, by whichever execution comes first', async () => {
		const weekly = { ...kind, operation: 'getWeekly', lookbackDays: 7 };
		at('2026-11-23T09:00:00');
		expect(days((await onWorker(weekly)).rows)).toEqual(['2026-11-16']);
		at('2026-11-29T09:00:00');
		// Lookback Days 7 reaches back into the week of 11-16: only the stored cursor keeps it from coming again.
		expect((await onWorker(weekly)).rows).toEqual([]);
		at('2026-11-30T09:00:00');
		expect(days((await onWorker(weekly)).rows)).toEqual(['2026-11-23']);
	});

	it('a manual run from the editor reads the cursor but stores nothing', async () => {
		at('2026-11-26T09:00:00');
		await onWorker(kind);
		at('2026-11-28T09:00:00');
		const manual = await onWorker(kind, { mode: 'manual' });
		expect(days(manual.rows)).toEqual(['2026-11-26', '2026-11-27']);
		expect(days((await onWorker(kind)).rows)).toEqual(['2026-11-26', '2026-11-27']);
	});
});

it('with a Confirm step, a destination that fails leaves the days to the next execution', async () => {
	at('2026-11-26T09:00:00');
	await onWorker();
	at('2026-11-28T09:00:00');
	const down = await onWorker({ fail: true });
	expect(down.result.error.message).toMatch(/destination is down/);
	const retried = await onWorker();
	expect(days(retried.rows)).toEqual(['2026-11-26', '2026-11-27']);
	expect(retried.confirmHints).toBe('Confirmed as delivered: WeChat: 2026-11-26 to 2026-11-27');
	expect((await onWorker()).rows).toEqual([]);
});

it('the node keeps at most 4 values, in its own row of the store (scope node)', async () => {
	at('2026-11-26T09:00:00');
	await onWorker();
	at('2026-11-28T09:00:00');
	await onWorker({ fail: true }); // leaves the days unconfirmed: the flag is the 4th value
	expect(n8n.processedData.rows().map((row) => row.context)).toEqual(['n:wechat-fetch-node']);
	const value = (field, generation) =>
		hashOf(`wechat-analytics-since-last-run|messageSummary/getDaily|${generation}|${field}`);
	const generation = n8n.processedData.entries('n:wechat-fetch-node').includes(value('unconfirmed', 0)) ? 0 : 1;
	expect(n8n.processedData.entries('n:wechat-fetch-node').sort()).toEqual(
		['year=2026', 'month=11', 'day=25', 'unconfirmed'].map((field) => value(field, generation)).sort(),
	);
	await onWorker();
	expect(n8n.processedData.size()).toEqual({ rows: 1, values: 3 });
});

it('a store n8n cannot use falls back to static data and says so', async () => {
	at('2026-11-26T09:00:00');
	n8n.processedData.failWith = 'Connection terminated unexpectedly';
	const run = await onWorker();
	expect(run.result.error).toBeUndefined();
	expect(days(run.rows)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
	expect(run.hints).toMatch(
		/could not use n8n's deduplication store \(Connection terminated unexpectedly\): its progress is kept in the workflow's static data, but n8n's queue mode does not carry static data/,
	);
	expect(run.confirmHints).toMatch(/^Confirmed as delivered: WeChat: 2026-11-23 to 2026-11-25/);
	expect(run.result.savedStaticData.global.weChatSinceLastRun).toEqual({
		'wechat-fetch-node/messageSummary/getDaily': { delivered: '2026-11-25' },
	});
});

it('a workflow without an id (never saved) keeps progress in static data, without a warning', async () => {
	at('2026-11-26T09:00:00');
	const unsaved = new N8nInstance();
	const run = await unsaved.run(engine, sinceLastRunWorkflow({ id: '' }));
	expect(run.error).toBeUndefined();
	expect(`${hintsOf(run, 'WeChat')} ${hintsOf(run, 'Confirm')}`).not.toMatch(/deduplication store/);
	expect(unsaved.processedData.rows()).toEqual([]);
	expect(unsaved.staticData.global.weChatSinceLastRun['wechat-fetch-node/messageSummary/getDaily']).toEqual({
		delivered: '2026-11-25',
	});
});

it('the store is per workflow: another workflow with the same node id has its own cursor', async () => {
	at('2026-11-26T09:00:00');
	await onWorker();
	const run = await n8n.run(engine, sinceLastRunWorkflow({ id: 'workflow-2' }));
	expect(days((run.data.WeChat ?? []).map((item) => item.json))).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
	expect(n8n.processedData).toBeInstanceOf(ProcessedData);
	expect(
		n8n.processedData
			.rows()
			.map((row) => row.workflowId)
			.sort(),
	).toEqual(['workflow-1', 'workflow-2']);
});

it('two executions at once on a fresh cursor: both write it (the second insert of the row is retried), no warning, the next delivers nothing', async () => {
	at('2026-11-26T09:00:00');
	const both = await Promise.all([onWorker(), onWorker()]);
	for (const run of both) {
		expect(run.result.error).toBeUndefined();
		expect(days(run.rows)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
		expect(run.hints).not.toMatch(/deduplication store/);
	}
	expect((await onWorker()).rows).toEqual([]);
	expect(n8n.processedData.size()).toEqual({ rows: 1, values: 3 });
});
