'use strict';
// IWorkflowExecuteAdditionalData for in-process runs, modelled on n8n's
// packages/cli/src/workflow-execute-additional-data.ts getBase(): URLs must be absolute (n8n-core builds
// $execution.resumeUrl with `new URL()`), features that need the n8n server throw a clear error.
const BASE_URL = 'http://localhost:5678';

function notAvailable(what) {
	return async () => {
		throw new Error(`${what} is not available in the in-process test harness`);
	};
}

function buildAdditionalData({ credentialsHelper, hooks, executionId, variables = {}, userId = 'harness-user' }) {
	return {
		credentialsHelper,
		hooks,
		executionId,
		userId,
		variables,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		executeWorkflow: notAvailable('Execute Workflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		startRunnerTask: notAvailable('The Code node task runner'),
	};
}

module.exports = { buildAdditionalData, BASE_URL };
