/** WeChat answers errcode 48001 (unverified account): the execution fails with the node's message and remedy. */
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

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: 'POST /__sim/options {"forceErrcode":48001}, then n8n execute: fails with the node\'s message',
			async run(ctx) {
				await ctx.sim.setOptions({ forceErrcode: 48001 });
				const { result, execution } = await ctx.execute('execute-errcode-48001', WORKFLOW.id, { expectFailure: true });
				await ctx.sim.setOptions({ forceErrcode: null });
				check(`the execution fails: "${MESSAGE}", the description says the account must be verified`, () => {
					const problem = failedWith(result, execution, MESSAGE);
					if (problem) return problem;
					const { description } = execution.data.resultData.error;
					if (!/verified/.test(description || '')) return `description: ${description}`;
					if (!/0 of 3 request windows succeeded/.test(description)) return `description: ${description}`;
				});
			},
		},
	],
};
