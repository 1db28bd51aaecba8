/**
 * WeChat answers errcode 48001 (unverified account): the execution fails with the node's message and remedy.
 * A retired classic article API (WeChat answers 47009, as the simulator does by default): the execution fails
 * after one request, with a message naming the replacement operation and a description saying what differs.
 */
const { oneNodeWorkflow } = require('../lib/workflows');
const { check } = require('../lib/report');
const { failedWith } = require('../lib/failures');

const MESSAGE =
	'Could not fetch 2024-01-01 to 2024-01-07: This Official Account is not authorized to use the data statistics API (errcode 48001)';
const WORKFLOW = oneNodeWorkflow('e2eWeChatErr0001', 'e2e: WeChat answers errcode 48001', 'Unverified account', {
	operation: 'getDaily',
	beginDate: '2024-01-01',
	endDate: '2024-01-20',
	options: { parallelRequests: 1 },
});

const RETIRED_MESSAGE =
	'Could not fetch 2024-05-01 to 2024-05-07: WeChat has retired Get Shares by Scene (getusershare): use Published Content → Get Overview and Get Article Shares instead (errcode 47009)';
const RETIRED = oneNodeWorkflow('e2eWeChatErr0002', 'e2e: a retired classic API (47009)', 'Retired classic API', {
	resource: 'articleAnalysis',
	operation: 'getUserShare',
	beginDate: '2024-05-01',
	endDate: '2024-05-28',
	options: { parallelRequests: 4 },
});

module.exports = {
	workflows: () => [WORKFLOW, RETIRED],
	steps: [
		{
			title: 'POST /__sim/options {"forceErrcode":48001}, then n8n execute: fails with the node\'s message',
			async run(ctx) {
				await ctx.sim.setOptions({ forceErrcode: 48001 });
				const { result, execution } = await ctx.execute('execute-errcode-48001', WORKFLOW.id, { expectFailure: true });
				await ctx.sim.setOptions({ forceErrcode: null });
				check(
					`the execution fails: "${MESSAGE}", the description says the account must be verified (not possible for personal-entity accounts)`,
					() => {
						const problem = failedWith(result, execution, MESSAGE);
						if (problem) return problem;
						const { description } = execution.data.resultData.error;
						if (!/verified/.test(description || '')) return `description: ${description}`;
						if (!/personal-entity accounts\) cannot be verified/.test(description))
							return `description: ${description}`;
						if (!/0 of 3 request windows succeeded/.test(description)) return `description: ${description}`;
					},
				);
			},
		},
		{
			title: 'n8n execute of Article Analysis (Classic, Retired) → Get Shares by Scene: WeChat answers 47009 once',
			async run(ctx) {
				const { result, execution, log } = await ctx.execute('execute-errcode-47009', RETIRED.id, {
					expectFailure: true,
				});
				check(`the execution fails: "${RETIRED_MESSAGE}", the description says what differs`, () => {
					const problem = failedWith(result, execution, RETIRED_MESSAGE);
					if (problem) return problem;
					const { description } = execution.data.resultData.error;
					if (!/^What differs: data only from 2025-11-01; /.test(description || ''))
						return `description: ${description}`;
					if (!/permanent, so the node sent no further requests/.test(description))
						return `description: ${description}`;
				});
				check(
					'one request to WeChat (getusershare, errcode 47009) for the four windows: no retry, no further window',
					() => {
						const calls = log.filter((entry) => entry.path.startsWith('/datacube/'));
						const seen = calls.map((call) => `${call.endpoint}=${call.errcode}`).join(' ');
						if (seen !== 'getusershare=47009') return seen || 'no datacube request';
					},
				);
			},
		},
	],
};
