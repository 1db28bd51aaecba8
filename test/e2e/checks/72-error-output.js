/**
 * Issue 8 §2 in the real app: three input items, the first with an impossible Start Date. With "On Error: Continue
 * (using error output)" n8n routes the failed item to the node's second output and the rows of the other two to the
 * first; with "Continue (using regular output)" everything stays in the one output, the failed item as
 * { error, details }. Both workflows run in one `n8n execute-batch` (one n8n boot); counts per output come from the
 * execution snapshots, and the downstream No Operation nodes show what each branch received.
 */
const { wechatNode } = require('../lib/workflows');
const { sameRows, wechatRows } = require('../lib/rows');
const { check } = require('../lib/report');
const { executeBatch } = require('../lib/batch');

const WECHAT = 'Three ranges';
const RANGES = [
	{ begin: '2024-02-30', end: '2024-03-05' },
	{ begin: '2024-01-01', end: '2024-01-03' },
	{ begin: '2024-01-10', end: '2024-01-11' },
];
const MESSAGE = 'Start Date "2024-02-30" is not a real calendar date (day 30 does not exist in 2024-02)';

const node = (id, name, type, typeVersion, position, parameters = {}) => ({
	id,
	name,
	type,
	typeVersion,
	position,
	parameters,
});

/** Manual Trigger → Code (the three ranges as items) → WeChat (onError) → No Operation on each output used. */
function errorWorkflow(id, name, onError) {
	const twoOutputs = onError === 'continueErrorOutput';
	const to = (target) => [{ node: target, type: 'main', index: 0 }];
	return {
		id,
		name,
		nodes: [
			node(`${id}-start`, 'Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0]),
			node(`${id}-ranges`, 'Ranges', 'n8n-nodes-base.code', 2, [200, 0], {
				jsCode: `return ${JSON.stringify(RANGES.map((json) => ({ json })))};`,
			}),
			wechatNode(
				WECHAT,
				{
					operation: 'getDaily',
					dateRange: 'custom',
					beginDate: '={{ $json.begin }}',
					endDate: '={{ $json.end }}',
					options: { addReadableFields: false },
				},
				[400, 0],
				{ onError },
			),
			node(`${id}-rows`, 'Rows', 'n8n-nodes-base.noOp', 1, [650, -100]),
			...(twoOutputs ? [node(`${id}-failures`, 'Failures', 'n8n-nodes-base.noOp', 1, [650, 100])] : []),
		],
		connections: {
			Start: { main: [to('Ranges')] },
			Ranges: { main: [to(WECHAT)] },
			[WECHAT]: { main: twoOutputs ? [to('Rows'), to('Failures')] : [to('Rows')] },
		},
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		pinData: {},
		active: false,
	};
}

const ERROR_OUTPUT = errorWorkflow('e2eErrorOutput01', 'e2e: Continue (using error output)', 'continueErrorOutput');
const REGULAR_OUTPUT = errorWorkflow(
	'e2eErrorOutput02',
	'e2e: Continue (using regular output)',
	'continueRegularOutput',
);

/** The items of output `index` of a node's last run in an execution snapshot. */
function outputItems(snapshot, nodeName, index = 0) {
	const runs = snapshot && snapshot.data.resultData.runData[nodeName];
	if (!runs || !runs.length) return undefined;
	const main = (runs[runs.length - 1].data || {}).main || [];
	return main[index] || [];
}

const isFailedItem = (item) =>
	item.json.error === MESSAGE &&
	typeof item.json.details === 'string' &&
	item.json.begin === RANGES[0].begin &&
	item.pairedItem &&
	item.pairedItem.item === 0;

module.exports = {
	workflows: () => [ERROR_OUTPUT, REGULAR_OUTPUT],
	steps: [
		{
			title:
				"n8n execute-batch: 3 items, the first with Start Date '2024-02-30', On Error set to the error output and to the regular output",
			async run(ctx) {
				const { sim } = ctx;
				await sim.resetLog();
				const batch = await executeBatch(ctx, 'execute-batch-error-output', [ERROR_OUTPUT.id, REGULAR_OUTPUT.id]);
				const withErrorOutput = batch.snapshot(ERROR_OUTPUT.id);
				const withRegularOutput = batch.snapshot(REGULAR_OUTPUT.id);
				const rows = [];
				for (const range of RANGES.slice(1))
					rows.push(...(await sim.expected('getupstreammsg', range.begin, range.end)));

				check('both executions succeeded (the failed item does not fail the execution)', () => {
					const { summary } = batch.summary;
					if (summary.successfulExecutions !== 2 || summary.failedExecutions || summary.warningExecutions)
						return JSON.stringify(summary).slice(0, 500);
				});
				check(
					`error output: output 0 holds exactly the ${rows.length} rows of items 2 and 3, output 1 the one failed item (${MESSAGE})`,
					() => {
						const main = outputItems(withErrorOutput, WECHAT, 0);
						const errors = outputItems(withErrorOutput, WECHAT, 1);
						if (!main) return 'the WeChat node did not run';
						if (main.some((item) => 'error' in item.json))
							return `${main.filter((item) => 'error' in item.json).length} error items in output 0`;
						const diff = sameRows(wechatRows(main), rows);
						if (diff) return `output 0: ${diff}`;
						if (errors.length !== 1) return `output 1 holds ${errors.length} items`;
						if (!isFailedItem(errors[0])) return `output 1: ${JSON.stringify(errors[0]).slice(0, 400)}`;
					},
				);
				check(
					`error output: the No Operation node on output 0 received ${rows.length} items, the one on output 1 received 1`,
					() => {
						const got = [outputItems(withErrorOutput, 'Rows'), outputItems(withErrorOutput, 'Failures')];
						if (!got[0] || !got[1]) return `Rows ran: ${Boolean(got[0])}, Failures ran: ${Boolean(got[1])}`;
						if (got[0].length !== rows.length || got[1].length !== 1)
							return `Rows ${got[0].length}, Failures ${got[1].length}`;
					},
				);
				check(
					`regular output: the one output holds the failed item as { error, details } (first, item 0) and the ${rows.length} rows`,
					() => {
						const main = outputItems(withRegularOutput, WECHAT, 0);
						if (!main) return 'the WeChat node did not run';
						if (outputItems(withRegularOutput, WECHAT, 1).length) return 'a second output holds items';
						const failed = main.filter((item) => 'error' in item.json);
						if (failed.length !== 1) return `${failed.length} error items`;
						if (main[0] !== failed[0]) return 'the failed item is not the first (item order)';
						if (Object.keys(failed[0].json).sort().join() !== 'details,error')
							return `keys ${Object.keys(failed[0].json)}`;
						if (failed[0].json.error !== MESSAGE || failed[0].pairedItem.item !== 0)
							return JSON.stringify(failed[0]).slice(0, 400);
						const diff = sameRows(wechatRows(main.slice(1)), rows);
						if (diff) return diff;
						const downstream = outputItems(withRegularOutput, 'Rows');
						if (!downstream || downstream.length !== rows.length + 1)
							return `the No Operation node received ${downstream ? downstream.length : 'no'} items`;
					},
				);
				const log = await sim.log();
				check('the failed item made no request; items 2 and 3 made one each, in each workflow', () => {
					const calls = log.filter((entry) => entry.endpoint === 'getupstreammsg');
					const ranges = calls.map((call) => `${call.body.begin_date}..${call.body.end_date}`).sort();
					const want = [
						'2024-01-01..2024-01-03',
						'2024-01-01..2024-01-03',
						'2024-01-10..2024-01-11',
						'2024-01-10..2024-01-11',
					];
					if (ranges.join() !== want.join()) return `requests: ${ranges.join(' ')}`;
				});
				return `${rows.length} rows, 1 failed item per workflow`;
			},
		},
	],
};
