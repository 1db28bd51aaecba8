/** Checking a failed `n8n execute --rawOutput`. */

/**
 * Why this is not a failed execution with this error message (or nothing): n8n ended non-zero (or by a signal:
 * see README, SIGSEGV at exit), the execution JSON has status "error" and the message, and the message is also
 * printed on a line of its own.
 */
function failedWith(result, execution, message) {
	if (result.code === 0) return 'n8n exited 0';
	if (!execution) return `no execution JSON in the output (${result.logBase}.out)`;
	if (execution.status !== 'error') return `status ${execution.status}`;
	const error = execution.data.resultData.error || {};
	if (error.message !== message) return `message: ${error.message}`;
	if (!result.stdout.split('\n').includes(message)) return 'the message is not printed on a line of its own';
}

module.exports = { failedWith };
