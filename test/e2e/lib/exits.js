/**
 * n8n's CLI sometimes ends with SIGSEGV (exit 139) after it has printed or written everything (see README: a V8
 * worker thread still allocating during process.exit). On a loaded machine that also happens after successful
 * executions. These helpers accept that end only when the command's whole result is there.
 */
const { info } = require('./report');

const crashedAtExit = (result) => result.signal === 'SIGSEGV' || result.code === 139;

/**
 * ctx.execute for an execution that must succeed: a SIGSEGV at exit is accepted when the execution JSON was
 * printed (the checks then read its status); any other non-zero end stops the run, as ctx.execute does.
 */
async function executeExpectingSuccess(ctx, label, workflowId) {
	const run = await ctx.execute(label, workflowId, { expectFailure: true });
	const { result, execution } = run;
	if (result.code === 0) return run;
	if (!crashedAtExit(result) || !execution)
		ctx.stop(`${result.command} exits 0`, `see ${result.logBase}.out/.err\n${ctx.tail(result.output)}`);
	info(
		`n8n ended by ${result.signal || result.code} after printing the execution (status ${execution.status}); accepted`,
	);
	return run;
}

module.exports = { crashedAtExit, executeExpectingSuccess };
