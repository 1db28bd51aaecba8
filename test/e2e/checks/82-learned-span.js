/**
 * WeChat answering fewer days per request than documented (the simulator's `spans` option): in the real app the
 * node learns the span after the first rejection (61501) and fetches the rest with it, every row once, in the
 * minimum number of answered requests plus the ones that found the span, and says so in an execution hint.
 */
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { oneNodeWorkflow } = require('../lib/workflows');
const { check } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');

const NODE = 'Follower growth';
const [BEGIN, END] = ['2025-01-01', '2025-02-28']; // 59 days: 9 requests of 7 days as documented, 30 of 2
const WORKFLOW = oneNodeWorkflow('e2eLearnedSpan01', 'e2e: WeChat answers 2 days per request', NODE, {
	resource: 'userAnalysis',
	operation: 'getUserSummary',
	beginDate: BEGIN,
	endDate: END,
	options: { parallelRequests: 1 },
});
const FIELDS = ['ref_date', 'user_source', 'new_user', 'cancel_user'];
const rowKey = (row) => FIELDS.map((field) => row[field]).join('|');

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: 'POST /__sim/options {"spans":{"getusersummary":2}}, then n8n execute: 59 days of follower growth',
			async run(ctx) {
				await ctx.sim.setOptions({ spans: { getusersummary: 2 } });
				const { result, execution, log } = await executeExpectingSuccess(ctx, 'execute-learned-span', WORKFLOW.id);
				await ctx.sim.setOptions({ spans: {} });
				const expected = (await ctx.sim.expected('getusersummary', BEGIN, END)).map(rowKey).sort();
				check(`every row of ${BEGIN}..${END} once (${expected.length} items), as at the documented span`, () => {
					if (!execution || execution.status !== 'success') return `no successful execution (${result.logBase}.out)`;
					const items = (nodeItems(execution, NODE) || []).map((item) => rowKey(item.json)).sort();
					if (JSON.stringify(items) !== JSON.stringify(expected))
						return `${items.length} items, expected ${expected.length}; first: ${items.slice(0, 3).join(', ')}`;
				});
				check('30 answered requests (the minimum at 2 days) + 3 rejected (61501): 7 days, 4 days, then 3', () => {
					const calls = log.filter((entry) => entry.endpoint === 'getusersummary');
					const answered = calls.filter((call) => call.errcode === 0).length;
					const rejected = calls.filter((call) => call.errcode === 61501);
					const sizes = rejected.map(
						(call) => (Date.parse(call.body.end_date) - Date.parse(call.body.begin_date)) / 86400000 + 1,
					);
					if (answered !== 30 || sizes.join(',') !== '7,4,3' || calls.length !== 33)
						return `${calls.length} requests: ${answered} answered, rejected sizes ${sizes.join(',')}`;
				});
				check('an execution hint says WeChat answers at most 2 days per request for getusersummary', () => {
					const runs = execution?.data.resultData.runData[NODE] || [];
					const hints = (runs.slice(-1)[0]?.hints || []).map((hint) => hint.message);
					if (
						!hints.some((hint) => hint.startsWith('WeChat answers at most 2 days per request for Get Follower Growth'))
					)
						return `hints: ${JSON.stringify(hints)}`;
				});
			},
		},
	],
};
