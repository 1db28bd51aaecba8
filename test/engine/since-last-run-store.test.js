/**
 * "Since Last Run" next to the user's Remove Duplicates nodes, on the deduplication store as n8n keeps it
 * (processed-data.js; Remove Duplicates v2 as remove-duplicates.js): every mode, scope Workflow and Node,
 * a History Size with no room to spare, Clean Database in every run; and the store's size after 30 daily runs.
 * Queue-mode workers (no static data): the store is all the cursor has.
 */
const { destinationStore } = require('./builtin-nodes');
const { addDays, hintsOf, useSinceLastRunSuite } = require('./n8n-instance');
const { hashOf } = require('./processed-data');

const suite = useSinceLastRunSuite({ queue: true }, { id: 'workflow-1', lookbackDays: null });
let sim;
let n8n;
beforeAll(() => ({ sim } = suite));
beforeEach(() => ({ n8n } = suite));
const clock = suite;

function removeDuplicates(name, parameters, options = {}) {
	return {
		id: `rd-${name.replace(/\W+/g, '-')}`,
		name,
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		parameters: { operation: 'removeItemsSeenInPreviousExecutions', ...parameters, options },
	};
}

const KEY = '={{ $json.ref_date }}/{{ $json.msg_type }}';
const KEEP_NEW = (scope, historySize) =>
	removeDuplicates(
		`Seen before (${scope})`,
		{ logic: 'removeItemsWithAlreadySeenKeyValues', dedupeValue: KEY },
		{ scope, historySize },
	);
const HIGHER = (scope) =>
	removeDuplicates(
		`Higher key (${scope})`,
		{
			logic: 'removeItemsUpToStoredIncrementalKey',
			incrementalDedupeValue: "={{ Number($json.ref_date.replaceAll('-', '')) * 10 + $json.msg_type }}",
		},
		{ scope },
	);
const LATER = (scope) =>
	removeDuplicates(
		`Later date (${scope})`,
		{ logic: 'removeItemsUpToStoredDate', dateDedupeValue: '={{ $json.ref_date }}' },
		{ scope },
	);
const CLEAN = (scope) =>
	removeDuplicates(
		`Clean database (${scope})`,
		{ operation: 'clearDeduplicationHistory', mode: 'cleanDatabase' },
		{ scope },
	);

/** Daily runs at 09:00 China time from `first`; returns every run. */
async function daily(first, count, options) {
	const runs = [];
	for (let i = 0; i < count; i++) {
		const day = addDays(first, i);
		clock.at(`${day}T09:00:00`);
		const { result, rows } = await suite.execute(options);
		runs.push({ day, result, rows });
	}
	return runs;
}

const keysOf = (rows) => rows.map((row) => `${row.ref_date}/${row.msg_type}`);
const ourRow = () => n8n.processedData.row('workflow-1', 'n:wechat-fetch-node');

describe.each([
	['with a Confirm Delivery step', {}],
	['without one', { confirm: false }],
])('30 daily runs, %s', (_label, kind) => {
	it("the node's cursor stays 3 values in its own row; a Remove Duplicates (Workflow scope) whose History Size has no room to spare never fails", async () => {
		// Every row of the 30 runs: Lookback Days (7) before the first run, then one day per run.
		const expected = sim.expectedRows(
			'getupstreammsg',
			'2026-10-25',
			'2026-11-29',
			Date.parse('2026-12-01T09:00:00+08:00'),
		);
		const runs = await daily('2026-11-01', 30, { ...kind, between: [KEEP_NEW('workflow', expected.length)] });
		for (const run of runs)
			expect({ day: run.day, error: run.result.error?.message }).toEqual({ day: run.day, error: undefined });
		const delivered = keysOf(runs.flatMap((run) => run.rows));
		expect(delivered).toEqual(keysOf(expected));
		expect(destinationStore.get('sheet').flat().length).toBe(expected.length);
		expect(n8n.processedData.size()).toEqual({ rows: 2, values: expected.length + 3 });
		expect(n8n.processedData.entries('', 'workflow-1').sort()).toEqual(keysOf(expected).map(hashOf).sort());
		expect(ourRow().value.data).toHaveLength(3);
		// Full to the last value: one more item of its own and it fails (n8n's hard cap), as it would with ours in its row.
		expect(hintsOf(runs[29].result, 'Seen before (workflow)')).toMatch(/approaching the maximum history size/);
	});
});

describe.each([
	['Value Is Higher than Any Previous Value', HIGHER, 'latestIncrementalKey'],
	['Value Is a Date Later than Any Previous Date', LATER, 'latestDate'],
	['Value Is New', (scope) => KEEP_NEW(scope, 10000), 'entries'],
])('a Remove Duplicates node "%s"', (_label, node, mode) => {
	it.each(['workflow', 'node'])(
		'scope %s, added after our node stored its cursor: neither fails, each keeps its own row',
		async (scope) => {
			const before = await daily('2026-11-20', 3, {});
			expect(before.map((run) => run.result.error)).toEqual([undefined, undefined, undefined]);
			const after = await daily('2026-11-23', 3, { between: [node(scope)] });
			for (const run of after) expect(run.result.error).toBeUndefined();
			expect(after.map((run) => [...new Set(run.rows.map((row) => row.ref_date))])).toEqual([
				['2026-11-22'],
				['2026-11-23'],
				['2026-11-24'],
			]);
			const rd = node(scope);
			const context = scope === 'workflow' ? '' : `n:${rd.id}`;
			expect(n8n.processedData.row('workflow-1', context).value.mode).toBe(mode);
			expect(ourRow().value).toEqual({ mode: 'entries', data: expect.any(Array) });
			expect(ourRow().value.data).toHaveLength(3);
		},
	);
});

describe.each(['workflow', 'node'])('Clean Database (scope %s) in every run', (scope) => {
	it('does not touch our cursor: no day twice, none missed', async () => {
		const runs = await daily('2026-11-20', 4, { between: [CLEAN(scope)] });
		clock.at('2026-11-23T11:00:00');
		const again = await suite.execute({ between: [CLEAN(scope)] });
		expect(runs.map((run) => run.result.error)).toEqual([undefined, undefined, undefined, undefined]);
		expect(runs.map((run) => [...new Set(run.rows.map((row) => row.ref_date))].length)).toEqual([7, 1, 1, 1]);
		expect(again.rows).toEqual([]);
		expect(ourRow().value.data).toHaveLength(3);
	});
});
