'use strict';
/**
 * The "Since Last Run" workflows the engine suites run: Input → WeChat (Since Last Run) → [nodes `between`] →
 * Destination → WeChat (Confirm Delivery), as the examples wire it, or without the Confirm step (`confirm: false`).
 * Parameters left undefined (lookbackDays: null) are not set: the node's defaults apply (Wait for Confirm Delivery on, Lookback Days 7).
 */
const { NODE_TYPE } = require('./wechat-workflow');

const CREDENTIALS = { weChatOfficialAccountApi: { id: 'sim', name: 'WeChat (local simulator)' } };

function sinceLastRunWorkflow({
	operation = 'getDaily',
	resource = 'messageSummary',
	lookbackDays = 3, // null: not set (the node's default)
	items = [{}],
	fail = false,
	failTimes = 0,
	confirm = true,
	wait,
	between = [],
	id,
} = {}) {
	const parameters = { resource, operation, dateRange: 'sinceLastRun', options: { addReadableFields: false } };
	if (lookbackDays !== null) parameters.lookbackDays = lookbackDays;
	if (wait !== undefined) parameters.waitForConfirmation = wait;
	const nodes = [
		{ name: 'Input', type: 'harness.input', parameters: { items: JSON.stringify(items) } },
		{ id: 'wechat-fetch-node', name: 'WeChat', type: NODE_TYPE, parameters, credentials: CREDENTIALS },
		...between,
		{ name: 'Destination', type: 'harness.destination', parameters: { name: 'sheet', fail, failTimes } },
	];
	const chain = nodes.map((node) => node.name);
	if (confirm) {
		nodes.push({
			id: 'wechat-confirm-node',
			name: 'Confirm',
			type: NODE_TYPE,
			parameters: { resource: 'delivery', operation: 'confirm' },
		});
		chain.push('Confirm');
	}
	const connections = {};
	for (let i = 0; i + 1 < chain.length; i++)
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	return { ...(id === undefined ? {} : { id }), nodes, connections };
}

module.exports = { CREDENTIALS, sinceLastRunWorkflow };
