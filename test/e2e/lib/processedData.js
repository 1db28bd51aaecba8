'use strict';
/**
 * n8n's deduplication store as the e2e's n8n keeps it: table processed_data of the user folder's SQLite database,
 * read with Node's own node:sqlite in the provisioned Node 24 (after the n8n process has ended).
 */
const path = require('node:path');
const { run } = require('../../../scripts/lib/processes');

const QUERY = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const rows = db.prepare('SELECT "workflowId", context, value FROM processed_data ORDER BY "workflowId", context').all();
process.stdout.write(JSON.stringify(rows.map((r) => ({ workflowId: r.workflowId, context: r.context, value: JSON.parse(r.value) }))));
`;

/** Every row of processed_data: [{ workflowId, context, value: { mode, data } }]. */
async function processedDataRows(ctx) {
	const file = path.join(ctx.userFolder, '.n8n', 'database.sqlite');
	const result = await run(ctx.app.NODE24, ['-e', QUERY, file], { timeoutMs: 60000, name: 'node:sqlite' });
	if (result.code !== 0) throw new Error(`reading processed_data failed: ${result.stderr.slice(0, 500)}`);
	return JSON.parse(result.stdout);
}

/** Rows and values of one workflow's rows (a latest-mode row holds one value). */
function storeSize(rows, workflowId) {
	const mine = rows.filter((row) => row.workflowId === workflowId);
	return {
		rows: mine.length,
		values: mine.reduce((n, row) => n + (Array.isArray(row.value.data) ? row.value.data.length : 1), 0),
	};
}

module.exports = { processedDataRows, storeSize };
