/**
 * `n8n import:credentials` and `n8n import:workflow`: the credential pointing at the simulator, every examples/
 * file as it is, and the workflows that the other checks declare (their `workflows(ctx)`).
 */
const fs = require('node:fs');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { importCredentials, importWorkflows } = require('../../../scripts/lib/n8nApp');
const { simCredential } = require('../../../scripts/lib/entities');
const { check } = require('../lib/report');

module.exports = {
	steps: [
		{
			title: 'n8n import:credentials: a WeChat credential pointing at the simulator (plain data, n8n encrypts it)',
			async run(ctx) {
				const result = await importCredentials(ctx.n8n, [simCredential(ctx.sim)], path.join(ctx.tmp, 'credentials'));
				check('import:credentials imported 1 credential', () => {
					if (!/Successfully imported 1 credential/.test(result.stdout)) return ctx.tail(result.stdout, 3);
				});
			},
		},
		{
			title: 'n8n import:workflow: every examples/ file, runnable copies of them and the test workflows',
			async run(ctx) {
				const entries = [
					...ctx.examples.map((example) => ({ file: `example-${example.file}`, workflow: example.workflow })),
					...ctx.checks.flatMap((c) => (c.workflows ? c.workflows(ctx) : [])).map((workflow) => ({ workflow })),
				];
				const result = await importWorkflows(ctx.n8n, entries, path.join(ctx.tmp, 'workflows'));
				check(`import:workflow imported all ${entries.length} files, none skipped`, () => {
					if (/Skipping|skipped/i.test(result.output)) return ctx.tail(result.output, 5);
					if (!new RegExp(`Successfully imported ${entries.length} workflows?`).test(result.output))
						return ctx.tail(result.output, 3);
				});
				const exportedFile = path.join(ctx.tmp, 'exported-workflows.json');
				await ctx.n8n('export-workflows', ['export:workflow', '--all', `--output=${exportedFile}`]);
				const exported = JSON.parse(fs.readFileSync(exportedFile, 'utf8'));
				for (const example of ctx.examples) {
					check(
						`examples/${example.file} is in n8n as written (nodes, parameters, credentials, connections, time zone)`,
						() => storedAsWritten(exported, example.workflow),
					);
				}
			},
		},
	],
};

/** How the stored copy of a workflow differs from the file (first difference), or nothing. */
function storedAsWritten(exported, workflow) {
	const found = exported.filter((w) => w.name === workflow.name);
	if (found.length !== 1) return `${found.length} workflows named "${workflow.name}"`;
	const [stored] = found;
	const pick = (node) => [
		node.name,
		node.type,
		node.typeVersion,
		node.parameters,
		node.credentials || null,
		node.notes || null,
	];
	const want = workflow.nodes.map(pick);
	const got = stored.nodes.map(pick);
	for (let i = 0; i < want.length; i++) {
		if (!isDeepStrictEqual(want[i], got[i]))
			return `node ${want[i][0]}: stored as ${JSON.stringify(got[i]).slice(0, 300)}`;
	}
	if (got.length !== want.length) return `${got.length} nodes stored, ${want.length} in the file`;
	if (!isDeepStrictEqual(stored.connections, workflow.connections)) return 'connections differ';
	if ((stored.settings || {}).timezone !== (workflow.settings || {}).timezone)
		return `timezone ${JSON.stringify(stored.settings)}`;
}
