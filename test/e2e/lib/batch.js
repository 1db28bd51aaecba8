/**
 * `n8n execute-batch` of a few workflows in one n8n process (one boot instead of one per workflow), with their
 * execution snapshots. n8n sometimes ends such a process with SIGSEGV after everything is written (see README: a
 * V8 worker thread still allocating during process.exit); that end is accepted when the summary file is complete,
 * any other non-zero end stops the run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { info } = require('./report');
const { crashedAtExit } = require('./exits');

/** Runs the workflows; resolves { summary, snapshot(id) } (snapshot: the execution data of a workflow, or null). */
async function executeBatch(ctx, label, workflowIds) {
	const dir = fs.mkdtempSync(path.join(ctx.tmp, `${label}-`));
	const summaryFile = path.join(dir, 'summary.json');
	const result = await ctx.n8n(
		label,
		['execute-batch', `--ids=${workflowIds.join(',')}`, `--snapshot=${dir}`, `--output=${summaryFile}`],
		{ expectFailure: true },
	);
	let summary;
	try {
		summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
	} catch {
		summary = undefined;
	}
	if (result.code !== 0 && !(crashedAtExit(result) && summary))
		ctx.stop(`${result.command} exits 0`, `see ${result.logBase}.out/.err\n${ctx.tail(result.output)}`);
	if (result.code !== 0) info(`n8n ended by ${result.signal || result.code} after writing its summary (accepted)`);
	const snapshot = (id) => {
		const file = path.join(dir, `${id}-snapshot.json`);
		return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
	};
	return { summary, snapshot };
}

module.exports = { executeBatch };
