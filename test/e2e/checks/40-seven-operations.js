/** The seven operations in one workflow, in n8n's first execution: every row once, the token fetched once. */
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { isTokenCall, isDatacubeCall } = require('../../../scripts/lib/simulator');
const { manualWorkflow, wechatNode } = require('../lib/workflows');
const { check } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');
const { notSucceeded, notTheRows, notAnsweredIn } = require('../lib/execution');

/** The seven operations, each on a range whose rows and number of requests are known. */
const SEVEN_OPERATIONS = [
	{ operation: 'getDaily', endpoint: 'getupstreammsg', begin: '2024-01-01', end: '2024-04-09', requests: 15 },
	{ operation: 'getHourly', endpoint: 'getupstreammsghour', begin: '2024-02-28', end: '2024-03-01', requests: 3 },
	{ operation: 'getWeekly', endpoint: 'getupstreammsgweek', begin: '2024-01-03', end: '2024-04-06', requests: 3 },
	{ operation: 'getMonthly', endpoint: 'getupstreammsgmonth', begin: '2023-10-01', end: '2024-11-03', requests: 13 },
	{
		operation: 'getDailyDistribution',
		endpoint: 'getupstreammsgdist',
		begin: '2024-01-01',
		end: '2024-02-09',
		requests: 3,
	},
	{
		operation: 'getWeeklyDistribution',
		endpoint: 'getupstreammsgdistweek',
		begin: '2024-01-01',
		end: '2024-03-10',
		requests: 2,
	},
	{
		operation: 'getMonthlyDistribution',
		endpoint: 'getupstreammsgdistmonth',
		begin: '2023-12-15',
		end: '2024-06-30',
		requests: 6,
	},
];

const WORKFLOW = manualWorkflow(
	'e2eSevenOps00001',
	'e2e: the seven operations',
	SEVEN_OPERATIONS.map((op, i) =>
		wechatNode(
			op.operation,
			{
				operation: op.operation,
				dateRange: 'custom',
				beginDate: op.begin,
				endDate: op.end,
				options: { addReadableFields: false },
			},
			[300, i * 160],
		),
	),
);

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: 'n8n execute: the seven operations in one workflow (first execution: fetches the token)',
			async run(ctx) {
				const { sim } = ctx;
				const { result, execution, log } = await executeExpectingSuccess(ctx, 'execute-seven-operations', WORKFLOW.id);
				check('the execution succeeded (status "success" in the execution JSON)', () =>
					notSucceeded(result, execution),
				);
				for (const op of SEVEN_OPERATIONS) {
					const expected = await sim.expected(op.endpoint, op.begin, op.end);
					check(
						`${op.operation} ${op.begin}..${op.end}: exactly the ${expected.length} rows of the range, once each, in ${op.requests} requests`,
						() => {
							const diff = notTheRows(result, execution, op.operation, expected);
							if (diff) return diff;
							if (!nodeItems(execution, op.operation).every((item) => item.pairedItem && item.pairedItem.item === 0))
								return 'pairedItem is not item 0';
							return notAnsweredIn(log, op.endpoint, op.requests);
						},
					);
				}
				const tokens = [...new Set(log.filter(isDatacubeCall).map((entry) => entry.token))];
				ctx.tokens.first = tokens[0];
				const requests = SEVEN_OPERATIONS.reduce((total, op) => total + op.requests, 0);
				check(
					`n8n ran the credential's preAuthentication once (one stable_token request); all ${requests} requests used that token`,
					() => {
						const tokenCalls = log.filter(isTokenCall);
						if (tokenCalls.length !== 1 || tokenCalls[0].endpoint !== 'stable_token')
							return `token calls: ${tokenCalls.map((c) => c.endpoint).join(', ') || 'none'}`;
						if (tokens.length !== 1 || !tokens[0]) return `${tokens.length} distinct tokens in datacube calls`;
						if (log.filter(isDatacubeCall).length !== requests)
							return `${log.filter(isDatacubeCall).length} datacube calls`;
					},
				);
			},
		},
	],
};
