/** `n8n export:nodes`: the community node is installed, and the examples use real node types and parameters. */
const fs = require('node:fs');
const path = require('node:path');
const { appWorkflowModule } = require('../../../scripts/lib/n8nApp');
const { NODE_TYPE, CREDENTIAL_TYPE } = require('../../../scripts/lib/entities');
const { problemsOf } = require('../lib/examples');
const { check } = require('../lib/report');

const EXAMPLE_FILES = [
	'account-report-to-feishu.json',
	'account-report-to-slack.json',
	'account-report-to-wecom.json',
	'daily-to-google-sheets.json',
	'follower-growth-to-google-sheets.json',
	'hourly-backfill-to-postgres.json',
	'mcp-server.json',
	'published-content-to-postgres.json',
	'weekly-digest-to-slack.json',
];

module.exports = {
	steps: [
		{
			title: 'n8n export:nodes: the community node is installed; the examples use real node types and parameters',
			async run(ctx) {
				const nodesFile = path.join(ctx.tmp, 'nodes.json');
				await ctx.n8n('export-nodes', ['export:nodes', `--output=${nodesFile}`]);
				const nodeTypes = JSON.parse(fs.readFileSync(nodesFile, 'utf8'));
				check(`export:nodes lists ${NODE_TYPE} (version 1) taking credential ${CREDENTIAL_TYPE}`, () => {
					const ours = nodeTypes.find((d) => d.name === NODE_TYPE);
					if (!ours) return `not among the ${nodeTypes.length} node types`;
					if (![].concat(ours.version).includes(1)) return `version ${ours.version}`;
					if (!(ours.credentials || []).some((c) => c.name === CREDENTIAL_TYPE))
						return `credentials ${JSON.stringify(ours.credentials)}`;
				});
				const { NodeHelpers } = appWorkflowModule(ctx.app);
				check(`examples/ holds the ${EXAMPLE_FILES.length} example workflows`, () => {
					const have = ctx.examples.map((e) => e.file);
					const missing = EXAMPLE_FILES.filter((file) => !have.includes(file));
					if (missing.length) return `missing ${missing.join(', ')}`;
				});
				for (const example of ctx.examples) {
					check(
						`examples/${example.file}: node types, versions, parameters and credentials exist in n8n 2.41.1`,
						() => {
							const problems = problemsOf(example.workflow, nodeTypes, NodeHelpers);
							if (problems.length) return problems.join('\n');
						},
					);
				}
				return `${nodeTypes.length} node types`;
			},
		},
	],
};
