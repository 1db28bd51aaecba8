/**
 * The fourteen user / published-content / article / interface operations, one node each in one workflow,
 * in the real app. Every operation gives one item per row of WeChat's answer (for the nested answers of
 * getarticletotal / getarticletotaldetail: one per article per stat_date), each carrying WeChat's values at the top
 * level, unique by its row key, in ceil(days / span) requests. The published-content ranges lie after 2025-11-01.
 */
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { isTokenCall } = require('../../../scripts/lib/simulator');
const { manualWorkflow, wechatNode } = require('../lib/workflows');
const { check } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');
const { notSucceeded, notAnsweredIn } = require('../lib/execution');
const { CONTRACT, expectedUnits, compareUnits, itemPer } = require('../lib/analytics');

/** A range with rows for each operation of the table in lib/analytics.js. */
const RANGES = {
	getUserSummary: ['2025-12-10', '2025-12-23'],
	getUserCumulate: ['2025-12-10', '2025-12-23'],
	getOverview: ['2025-11-01', '2025-12-30'],
	getArticleReads: ['2026-02-01', '2026-02-03'],
	getArticleShares: ['2026-02-01', '2026-02-03'],
	getArticleDetails: ['2026-02-01', '2026-02-05'],
	getArticleSummary: ['2024-05-01', '2024-05-03'],
	getArticleTotal: ['2024-05-01', '2024-05-07'],
	getUserRead: ['2024-05-01', '2024-05-09'],
	getUserReadHourly: ['2024-05-01', '2024-05-02'],
	getUserShare: ['2024-05-01', '2024-05-14'],
	getUserShareHourly: ['2024-05-01', '2024-05-02'],
	getInterfaceSummary: ['2024-01-01', '2024-03-30'],
	getInterfaceSummaryHourly: ['2024-05-01', '2024-05-02'],
};
const OPERATIONS = CONTRACT.map((op) => ({ ...op, begin: RANGES[op.operation][0], end: RANGES[op.operation][1] }));

const dayCount = (begin, end) => (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${begin}T00:00:00Z`)) / 86400000 + 1;

const WORKFLOW = manualWorkflow(
	'e2eAnalyticsOps1',
	'e2e: the fourteen analytics operations',
	OPERATIONS.map((op, i) =>
		wechatNode(
			op.operation,
			{ resource: op.resource, operation: op.operation, dateRange: 'custom', beginDate: op.begin, endDate: op.end },
			[300 + 300 * Math.floor(i / 7), (i % 7) * 160],
		),
	),
);

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: 'n8n execute: the fourteen user, published-content, article and interface operations in one workflow',
			async run(ctx) {
				const { sim } = ctx;
				// WeChat has retired the classic article APIs (checks/80-wechat-error.js has their 47009); the simulator
				// serves them here so that their rows and row shapes stay checked in the real app.
				await sim.setOptions({ serveRetired: true });
				let ran;
				try {
					ran = await executeExpectingSuccess(ctx, 'execute-analytics-operations', WORKFLOW.id);
				} finally {
					await sim.setOptions({ serveRetired: false });
				}
				const { result, execution, log } = ran;
				check('the execution succeeded (status "success" in the execution JSON)', () =>
					notSucceeded(result, execution),
				);
				let total = 0;
				for (const op of OPERATIONS) {
					const rows = await sim.expected(op.endpoint, op.begin, op.end);
					const units = expectedUnits(op.endpoint, rows);
					const requests = Math.ceil(dayCount(op.begin, op.end) / op.span);
					const per = itemPer(op, rows);
					total += units.length;
					check(
						`${op.resource} / ${op.operation} ${op.begin}..${op.end}: ${units.length} items, ${per}, WeChat's values at the top level, in ${requests} ${op.endpoint} requests`,
						() => {
							return (
								compareUnits(op, nodeItems(execution, op.operation), units) ?? notAnsweredIn(log, op.endpoint, requests)
							);
						},
					);
				}
				check('no token request: the token stored by the earlier execution was used', () => {
					const tokenCalls = log.filter(isTokenCall);
					if (tokenCalls.length) return `${tokenCalls.length} token requests`;
				});
				return `${total} items from ${OPERATIONS.length} operations`;
			},
		},
	],
};
