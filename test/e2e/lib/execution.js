/** What the checks read from an `n8n execute` that must succeed and from the simulator's log of it. */
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { sameRows } = require('./rows');

/** Why this is not a successful execution (or nothing): no execution JSON, another status, or an error. */
function notSucceeded(result, execution) {
	if (!execution) return `no execution JSON in stdout (${result.logBase}.out)`;
	if (execution.status !== 'success' || execution.data.resultData.error)
		return `status ${execution.status}: ${JSON.stringify(execution.data.resultData.error).slice(0, 300)}`;
}

/** Why the execution did not succeed with exactly these rows from node `node` (or nothing). */
function notTheRows(result, execution, node, expected) {
	const problem = notSucceeded(result, execution);
	if (problem) return problem;
	const items = nodeItems(execution, node);
	return sameRows(items && items.map((item) => item.json), expected);
}

/** Why the log does not hold exactly `count` requests to `endpoint`, each answered with errcode 0 (or nothing). */
function notAnsweredIn(log, endpoint, count) {
	const calls = log.filter((entry) => entry.endpoint === endpoint);
	if (calls.length !== count || calls.some((call) => call.errcode !== 0))
		return `${calls.length} requests: ${calls.map((c) => `${c.body.begin_date}..${c.body.end_date}=${c.errcode}`).join(' ')}`;
}

/** Requests from the simulator's log as `endpoint(appId)=errcode`, for a check's message. */
const describeCalls = (calls) => calls.map((c) => `${c.endpoint}(${c.appId})=${c.errcode}`).join(' ') || 'none';

module.exports = { notSucceeded, notTheRows, notAnsweredIn, describeCalls };
