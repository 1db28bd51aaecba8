/** The seven operations in one workflow, in n8n's first execution: every row once, the token fetched once. */
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { isTokenCall, isDatacubeCall } = require('../../../scripts/lib/simulator');
const { manualWorkflow, wechatNode } = require('../lib/workflows');
const { sameRows } = require('../lib/rows');
const { check } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');

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
				const {
					result: seven,
					execution,
					log,
				} = await executeExpectingSuccess(ctx, 'execute-seven-operations', WORKFLOW.id);
				check('the execution succeeded (status "success" in the execution JSON)', () => {
					if (!execution) return `no execution JSON in stdout (${seven.logBase}.out)`;
					if (execution.status !== 'success' || execution.data.resultData.error)
						return `status ${execution.status}: ${JSON.stringify(execution.data.resultData.error).slice(0, 300)}`;
				});
				for (const op of SEVEN_OPERATIONS) {
					const expected = await sim.expected(op.endpoint, op.begin, op.end);
					check(
						`${op.operation} ${op.begin}..${op.end}: exactly the ${expected.length} rows of the range, once each, in ${op.requests} requests`,
						() => {
							const items = nodeItems(execution, op.operation);
							const diff = sameRows(items && items.map((item) => item.json), expected);
							if (diff) return diff;
							if (!items.every((item) => item.pairedItem && item.pairedItem.item === 0))
								return 'pairedItem is not item 0';
							const calls = log.filter((entry) => entry.endpoint === op.endpoint);
							if (calls.length !== op.requests || calls.some((call) => call.errcode !== 0)) {
								return `${calls.length} requests: ${calls.map((c) => `${c.body.begin_date}..${c.body.end_date}=${c.errcode}`).join(' ')}`;
							}
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
