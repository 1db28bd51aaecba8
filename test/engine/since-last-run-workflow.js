'use strict';
/** The "Since Last Run" workflow the engine suites run: Input → WeChat (Since Last Run) → Destination → WeChat (Confirm Delivery), as the examples wire it. */
const { NODE_TYPE } = require('./wechat-workflow');

const CREDENTIALS = { weChatOfficialAccountApi: { id: 'sim', name: 'WeChat (local simulator)' } };

function sinceLastRunWorkflow({
	operation = 'getDaily',
	resource = 'messageSummary',
	lookbackDays = 3,
	items = [{}],
	fail = false,
	confirm = true,
	wait = true,
} = {}) {
	const nodes = [
		{ name: 'Input', type: 'harness.input', parameters: { items: JSON.stringify(items) } },
		{
			id: 'wechat-fetch-node',
			name: 'WeChat',
			type: NODE_TYPE,
			parameters: {
				resource,
				operation,
				dateRange: 'sinceLastRun',
				lookbackDays,
				waitForConfirmation: wait,
				options: { addReadableFields: false },
			},
			credentials: CREDENTIALS,
		},
		{ name: 'Destination', type: 'harness.destination', parameters: { name: 'sheet', fail } },
	];
	const connections = {
		Input: { main: [[{ node: 'WeChat', type: 'main', index: 0 }]] },
		WeChat: { main: [[{ node: 'Destination', type: 'main', index: 0 }]] },
	};
	if (confirm) {
		nodes.push({ name: 'Confirm', type: NODE_TYPE, parameters: { resource: 'delivery', operation: 'confirm' } });
		connections.Destination = { main: [[{ node: 'Confirm', type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

module.exports = { CREDENTIALS, sinceLastRunWorkflow };
