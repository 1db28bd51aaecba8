/**
 * "Since Last Run" and n8n's deduplication store in the real app, over 30 days: separate `n8n execute` runs, each
 * on its own day (lib/clock.js moves Date.now() of the n8n process, an in-process simulator follows the same clock),
 * every parameter of the WeChat node at its default, next to the user's Remove Duplicates nodes (n8n-nodes-base):
 *
 *   A  Manual Trigger → WeChat (Since Last Run) → Remove Duplicates "Value Is New", scope Workflow, History Size
 *      exactly the number of rows of the 30 days (one value of ours in its row and it fails): no Confirm step.
 *      30 daily runs: each day once, no failure; processed_data then holds Remove Duplicates' row with exactly its
 *      values, and the WeChat node's row (context n:<node id>) with 3 values.
 *   B  WeChat → HTTP Request (a destination, down on day 3) → Confirm Delivery, and WeChat → Remove Duplicates
 *      "Value Is Higher" (scope Workflow) → "Value Is a Date Later" (scope Node): no failure of theirs, the day the
 *      destination missed comes again (at least once), none twice once stored.
 *   C  WeChat → Remove Duplicates Clean Database (scope Workflow) → Clean Database (scope Node) in every run: our
 *      cursor survives it (a rerun the same morning delivers nothing).
 *
 * Prints the store's row and value counts after 30 daily runs (the figure the README quotes).
 */
const path = require('node:path');
const { importCredentials, importWorkflows, nodeItems, parseExecuteOutput } = require('../../../scripts/lib/n8nApp');
const { NODE_TYPE, CREDENTIAL_TYPE } = require('../../../scripts/lib/entities');
const { startDestination } = require('../lib/destination');
const { startClockedSimulator, n8nAt } = require('../lib/clock');
const { processedDataRows, storeSize } = require('../lib/processedData');
const { check, info } = require('../lib/report');

const CREDENTIAL = { id: 'e2eClockedSim01', name: 'WeChat (simulator on a moved clock)' };
const IDS = { A: 'e2eCursorStoreA1', B: 'e2eCursorStoreB1', C: 'e2eCursorStoreC1' };
const WECHAT = 'WeChat: since last run';
const FIRST_DAY = '2026-11-01'; // runs at 09:00 China time from this day on
const DAYS = 30;
const DAY = 86400000;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const at = (day) => `${day}T09:00:00+08:00`;

const node = (name, type, typeVersion, parameters, position, extra = {}) => ({
	id: `${name.replace(/\W+/g, '-').toLowerCase()}`,
	name,
	type,
	typeVersion,
	position,
	parameters,
	...extra,
});

function wechat(workflowId) {
	return node(
		WECHAT,
		NODE_TYPE,
		1,
		{ resource: 'messageSummary', operation: 'getDaily', dateRange: 'sinceLastRun', options: {} },
		[250, 0],
		{ id: `${workflowId}-wechat`, credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } } },
	);
}

const removeDuplicates = (workflowId, name, parameters, options, position) =>
	node(
		name,
		'n8n-nodes-base.removeDuplicates',
		2,
		{ operation: 'removeItemsSeenInPreviousExecutions', ...parameters, options },
		position,
		{ id: `${workflowId}-${name.replace(/\W+/g, '-').toLowerCase()}` },
	);

function workflow(id, name, nodes, edges) {
	const connections = {};
	for (const [from, to] of edges) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return {
		id,
		name,
		nodes: [node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0], { id: `${id}-start` }), wechat(id), ...nodes],
		connections: { Start: { main: [[{ node: WECHAT, type: 'main', index: 0 }]] }, ...connections },
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		pinData: {},
		active: false,
	};
}

const SEEN = 'Seen before (workflow scope)';
const HIGHER = 'Higher key (workflow scope)';
const LATER = 'Later date (node scope)';
const STORE = 'Store rows';
const CONFIRM = 'Confirm delivery';

function workflows(historySize, destinationUrl) {
	const a = workflow(
		IDS.A,
		'e2e: Since Last Run 30 days next to Remove Duplicates',
		[
			removeDuplicates(
				IDS.A,
				SEEN,
				{ logic: 'removeItemsWithAlreadySeenKeyValues', dedupeValue: '={{ $json.ref_date }}/{{ $json.msg_type }}' },
				{ scope: 'workflow', historySize },
				[500, 0],
			),
		],
		[[WECHAT, SEEN]],
	);
	const b = workflow(
		IDS.B,
		'e2e: Since Last Run with Confirm Delivery next to Remove Duplicates (latest modes)',
		[
			node(
				STORE,
				'n8n-nodes-base.httpRequest',
				4.2,
				{
					method: 'POST',
					url: `${destinationUrl}/rows`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
				[500, 0],
				{ id: `${IDS.B}-store` },
			),
			node(CONFIRM, NODE_TYPE, 1, { resource: 'delivery', operation: 'confirm' }, [750, 0], { id: `${IDS.B}-confirm` }),
			removeDuplicates(
				IDS.B,
				HIGHER,
				{
					logic: 'removeItemsUpToStoredIncrementalKey',
					incrementalDedupeValue: "={{ Number($json.ref_date.replaceAll('-', '')) * 10 + $json.msg_type }}",
				},
				{ scope: 'workflow' },
				[500, 200],
			),
			removeDuplicates(
				IDS.B,
				LATER,
				{ logic: 'removeItemsUpToStoredDate', dateDedupeValue: '={{ $json.ref_date }}' },
				{ scope: 'node' },
				[750, 200],
			),
		],
		[
			[WECHAT, STORE],
			[STORE, CONFIRM],
			[WECHAT, HIGHER],
			[HIGHER, LATER],
		],
	);
	const clean = (scope) =>
		removeDuplicates(
			IDS.C,
			`Clean database (${scope} scope)`,
			{ operation: 'clearDeduplicationHistory', mode: 'cleanDatabase' },
			{ scope },
			[scope === 'workflow' ? 500 : 750, 0],
		);
	const c = workflow(
		IDS.C,
		'e2e: Since Last Run next to Remove Duplicates Clean Database',
		[clean('workflow'), clean('node')],
		[
			[WECHAT, 'Clean database (workflow scope)'],
			['Clean database (workflow scope)', 'Clean database (node scope)'],
		],
	);
	return [a, b, c];
}

/** One `n8n execute` of `workflowId` at 09:00 China time on `day` (or at `iso`). */
async function runOn(ctx, state, workflowId, label, { day, iso = at(day) }) {
	state.clock.set(iso);
	const n8n = n8nAt(ctx, iso, state.logDir);
	const result = await n8n(`${label}`, ['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs: 240000 });
	ctx.outputs.push({ where: result.logBase, text: `${result.stdout}\n${result.stderr}` });
	const execution = parseExecuteOutput(result.stdout);
	const runData = execution ? execution.data.resultData.runData : {};
	const items = nodeItems(execution, WECHAT) || [];
	return {
		execution,
		status: execution ? execution.status : `no execution (exit ${result.code}): ${ctx.tail(result.output, 3)}`,
		error: execution && execution.data.resultData.error ? execution.data.resultData.error.message : undefined,
		days: [...new Set(items.map((item) => item.json.ref_date))].sort(),
		keys: items.map((item) => `${item.json.ref_date}/${item.json.msg_type}`),
		ran: (name) => Boolean(runData[name] && runData[name].length),
	};
}

const ourRows = (rows, workflowId) =>
	rows.filter((row) => row.workflowId === workflowId && row.context === `n:${workflowId}-wechat`);

module.exports = {
	steps: [
		{
			title: `Since Last Run and the deduplication store: ${DAYS} daily runs (n8n execute on a moved clock) next to a Remove Duplicates node whose History Size has no room to spare`,
			async run(ctx) {
				const { sim, clock } = await startClockedSimulator();
				const destination = await startDestination();
				const state = { sim, clock, destination, logDir: path.join(ctx.tmp, 'cursor-store-logs') };
				require('node:fs').mkdirSync(state.logDir, { recursive: true });
				ctx.cursorStore = state;
				const lastDay = addDays(FIRST_DAY, DAYS - 1);
				clock.set(at(lastDay));
				// Lookback Days (7) before the first run, then one day per run.
				const expected = await sim.expected('getupstreammsg', addDays(FIRST_DAY, -7), addDays(lastDay, -1));
				const expectedKeys = expected.map((row) => `${row.ref_date}/${row.msg_type}`);
				await importCredentials(
					ctx.n8n,
					[
						{
							...CREDENTIAL,
							type: CREDENTIAL_TYPE,
							data: {
								appId: sim.appId,
								appSecret: sim.appSecret,
								baseUrl: sim.url,
								issuingEndpoint: 'stable',
								allowInsecureHttp: false,
							},
						},
					],
					path.join(ctx.tmp, 'cursor-store-credentials'),
				);
				await importWorkflows(
					ctx.n8n,
					workflows(expected.length, destination.url).map((w) => ({ workflow: w })),
					path.join(ctx.tmp, 'cursor-store-workflows'),
				);
				info(`simulator ${sim.url} on a moved clock; Remove Duplicates History Size ${expected.length}`);

				const runs = [];
				for (let i = 0; i < DAYS; i++) {
					const day = addDays(FIRST_DAY, i);
					runs.push({ day, ...(await runOn(ctx, state, IDS.A, `cursor-store-A-${day}`, { day })) });
				}
				const rows = await processedDataRows(ctx);
				const size = storeSize(rows, IDS.A);
				const ours = ourRows(rows, IDS.A);
				const theirs = rows.find((row) => row.workflowId === IDS.A && row.context === '');
				info(
					`processed_data of workflow A after ${DAYS} daily runs: ${size.rows} rows, ${size.values} values (Remove Duplicates ${theirs ? theirs.value.data.length : 0}, the WeChat node ${ours.length ? ours[0].value.data.length : 0})`,
				);
				info(`FIGURE store after ${DAYS} daily runs: ${size.rows} rows, ${size.values} values`);
				check(`A: all ${DAYS} runs succeeded (Remove Duplicates never hit its History Size)`, () => {
					const bad = runs.filter((run) => run.status !== 'success');
					if (bad.length) return `${bad.length} failed; first: ${bad[0].day} ${bad[0].status} ${bad[0].error || ''}`;
				});
				check('A: the WeChat node delivered every row of the 30 days exactly once, each day as it was served', () => {
					const keys = runs.flatMap((run) => run.keys);
					if (keys.join() !== expectedKeys.join()) return `${keys.length} rows, expected ${expectedKeys.length}`;
					const perRun = runs.map((run) => run.days.length);
					if (perRun[0] !== 7 || perRun.slice(1).some((n) => n !== 1)) return `days per run: ${perRun.join(',')}`;
				});
				check(
					"A: processed_data holds two rows: Remove Duplicates' (scope workflow) with exactly its values, the WeChat node's (context n:<node id>) with 3",
					() => {
						if (size.rows !== 2) return JSON.stringify(rows.map((r) => [r.workflowId, r.context]));
						if (!theirs || theirs.value.data.length !== expected.length)
							return `Remove Duplicates holds ${theirs ? theirs.value.data.length : 'no row'}`;
						if (ours.length !== 1 || ours[0].value.mode !== 'entries' || ours[0].value.data.length !== 3)
							return `WeChat node: ${JSON.stringify(ours)}`;
					},
				);
			},
		},
		{
			title:
				'Since Last Run with Confirm Delivery next to Remove Duplicates in the latest modes: the day a destination missed comes again',
			async run(ctx) {
				const state = ctx.cursorStore;
				const runs = [];
				for (let i = 0; i < 6; i++) {
					const day = addDays('2026-12-10', i);
					state.destination.setDown(i === 2);
					const run = await runOn(ctx, state, IDS.B, `cursor-store-B-${day}`, { day });
					runs.push({ day, ...run, stored: state.destination.take().rows.map((row) => row.ref_date) });
				}
				state.destination.setDown(false);
				info(`B: ${runs.map((run) => `${run.day} ${run.status} [${run.days.join(' ')}]`).join('; ')}`);
				check(
					'B: Remove Duplicates "Value Is Higher" (workflow) and "Date Later" (node) never failed; only the down destination did',
					() => {
						for (const run of runs) {
							const wantFailed = run.day === '2026-12-12';
							if (wantFailed !== (run.status !== 'success')) return `${run.day}: ${run.status} ${run.error || ''}`;
							if (!wantFailed && (!run.ran(HIGHER) || !run.ran(LATER)))
								return `${run.day}: Remove Duplicates did not run`;
						}
					},
				);
				check('B: every day reached the destination exactly once; the day it missed came again the next run', () => {
					const stored = [...new Set(runs.flatMap((run) => run.stored))];
					const all = runs.flatMap((run) => [...new Set(run.stored)]);
					if (all.length !== stored.length) return `stored twice: ${all.join(' ')}`;
					if (runs[3].days.join() !== '2026-12-11,2026-12-12') return `the run after: ${runs[3].days.join(' ')}`;
				});
				const rows = await processedDataRows(ctx);
				check('B: processed_data: Remove Duplicates in its modes, the WeChat node in its own row with 3 values', () => {
					const mine = rows.filter((row) => row.workflowId === IDS.B);
					const modes = Object.fromEntries(mine.map((row) => [row.context, row.value.mode]));
					const want = { '': 'latestIncrementalKey', [`n:${IDS.B}-later-date-node-scope-`]: 'latestDate' };
					for (const [context, mode] of Object.entries(want)) if (modes[context] !== mode) return JSON.stringify(modes);
					const ours = ourRows(rows, IDS.B);
					if (ours.length !== 1 || ours[0].value.data.length !== 3) return JSON.stringify(ours);
				});
			},
		},
		{
			title: 'Since Last Run next to Remove Duplicates "Clean Database" (workflow and node scope) in every run',
			async run(ctx) {
				const state = ctx.cursorStore;
				const first = await runOn(ctx, state, IDS.C, 'cursor-store-C-1', { day: '2026-12-20' });
				const again = await runOn(ctx, state, IDS.C, 'cursor-store-C-again', { iso: '2026-12-20T11:00:00+08:00' });
				const next = await runOn(ctx, state, IDS.C, 'cursor-store-C-2', { day: '2026-12-21' });
				check('C: Clean Database leaves our cursor: 7 days, then none the same morning, then the next day', () => {
					const seen = [first, again, next].map((run) => `${run.status}:${run.days.length}`).join(' ');
					if (seen !== 'success:7 success:0 success:1') return seen;
				});
				await state.destination.close();
				await state.sim.stop();
				delete ctx.cursorStore;
			},
		},
	],
};
