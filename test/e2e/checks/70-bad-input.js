/** An impossible custom Start Date fails the execution with the node's message, before any request. */
const { oneNodeWorkflow } = require('../lib/workflows');
const { check } = require('../lib/report');
const { failedWith } = require('../lib/failures');

const NODE = 'Bad Start Date';
const MESSAGE = 'Start Date "2024-02-30" is not a real calendar date (day 30 does not exist in 2024-02)';
const WORKFLOW = oneNodeWorkflow('e2eBadInput00001', 'e2e: impossible Start Date', NODE, {
	operation: 'getDaily',
	beginDate: '2024-02-30',
	endDate: '2024-03-05',
});

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: "n8n execute: custom Start Date '2024-02-30' fails before any request, with the node's message",
			async run(ctx) {
				const { result, execution, log } = await ctx.execute('execute-bad-input', WORKFLOW.id, { expectFailure: true });
				check(`the execution fails: "${MESSAGE}" on node "${NODE}"`, () => {
					const problem = failedWith(result, execution, MESSAGE);
					if (problem) return problem;
					const error = execution.data.resultData.error;
					if (!error.node || error.node.name !== NODE) return `node ${JSON.stringify(error.node && error.node.name)}`;
				});
				check('no request reached WeChat (the input is checked first)', () => {
					if (log.length) return `${log.length} requests: ${log.map((e) => e.path).join(', ')}`;
				});
			},
		},
	],
};
