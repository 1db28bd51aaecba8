'use strict';
// Turns n8n's IRun into the harness result:
//   status, data[node] (main output 0 of the node's last run), outputs[node] (all main outputs of it),
//   runData (n8n's raw runData), nodeErrors[node] (error of the node's last run, also when continued),
//   error (the execution's error, or undefined)

function plainError(error) {
	if (!error) return undefined;
	return {
		name: error.name,
		message: error.message,
		description: error.description ?? undefined,
		node: typeof error.node === 'object' ? error.node?.name : error.node,
		httpCode: error.httpCode ?? undefined,
		context: error.context ?? undefined,
		raw: error,
	};
}

function summarizeRun(run) {
	const runData = run.data.resultData.runData ?? {};
	const data = {};
	const outputs = {};
	const nodeErrors = {};
	for (const [nodeName, tasks] of Object.entries(runData)) {
		const last = tasks[tasks.length - 1];
		outputs[nodeName] = last?.data?.main ?? [];
		data[nodeName] = outputs[nodeName][0] ?? [];
		if (last?.error) nodeErrors[nodeName] = plainError(last.error);
	}
	return {
		status: run.status,
		data,
		outputs,
		nodeErrors,
		error: plainError(run.data.resultData.error),
		runData,
		lastNodeExecuted: run.data.resultData.lastNodeExecuted,
	};
}

module.exports = { summarizeRun, plainError };
