/** WeChat expires the stored token: the next execution is rejected once (42001), refreshes the token once and succeeds. */
const { isTokenCall, isDatacubeCall } = require('../../../scripts/lib/simulator');
const { oneNodeWorkflow } = require('../lib/workflows');
const { check } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');
const { notTheRows } = require('../lib/execution');

const NODE = 'getHourly 12 days';
const RANGE = { begin: '2024-01-01', end: '2024-01-12' };
const WORKFLOW = oneNodeWorkflow('e2eAfterExpiry01', 'e2e: token expired in WeChat', NODE, {
	operation: 'getHourly',
	beginDate: RANGE.begin,
	endDate: RANGE.end,
	options: { addReadableFields: false, parallelRequests: 4 },
});

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: 'POST /__sim/expire-tokens, then n8n execute: the node refreshes the token once and succeeds',
			async run(ctx) {
				const { sim } = ctx;
				await sim.expireTokens();
				const { result, execution, log } = await executeExpectingSuccess(ctx, 'execute-after-expiry', WORKFLOW.id);
				const refreshed = [...new Set(log.filter((e) => isDatacubeCall(e) && e.errcode === 0).map((e) => e.token))];
				ctx.tokens.refreshed = refreshed[0];
				const expected = await sim.expected('getupstreammsghour', RANGE.begin, RANGE.end);
				check(`getHourly ${RANGE.begin}..${RANGE.end} after expiry: success, all ${expected.length} rows once`, () =>
					notTheRows(result, execution, NODE, expected),
				);
				check('WeChat rejected the old token (errcode 42001) and n8n fetched a new one exactly once', () => {
					const rejected = log.filter((e) => isDatacubeCall(e) && e.errcode === 42001);
					const tokenCalls = log.filter(isTokenCall);
					if (rejected.length < 1 || rejected.length > 4) return `${rejected.length} requests rejected with 42001`;
					if (rejected.some((e) => e.token !== ctx.tokens.first))
						return 'a rejected request did not carry the stored token';
					if (tokenCalls.length !== 1) return `${tokenCalls.length} token requests`;
					if (refreshed.length !== 1 || refreshed[0] === ctx.tokens.first)
						return `${refreshed.length} tokens in successful requests`;
				});
			},
		},
	],
};
