'use strict';
// Tiny node types the harness provides because n8n-nodes-base is not installed.
//   harness.input                 parameter `items` (JSON array, or JSON text of one) -> one item per element
//   n8n-nodes-base.manualTrigger  stand-in: emits one empty item (so workflows exported from n8n run here)
//   n8n-nodes-base.noOp           stand-in: passes its input through

function parseItems(value) {
	const parsed = typeof value === 'string' ? JSON.parse(value || '[]') : value;
	if (!Array.isArray(parsed)) throw new Error('harness.input: parameter "items" must be a JSON array');
	return parsed.map((json) => ({ json }));
}

const harnessInput = {
	description: {
		displayName: 'Harness Input',
		name: 'harness.input',
		group: ['input'],
		version: 1,
		description: 'Outputs the items given in its "items" parameter',
		defaults: { name: 'Input' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	},
	async execute() {
		return [parseItems(this.getNodeParameter('items', 0))];
	},
};

const manualTrigger = {
	description: {
		displayName: 'Manual Trigger (harness stand-in)',
		name: 'n8n-nodes-base.manualTrigger',
		group: ['trigger'],
		version: 1,
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [[{ json: {} }]];
	},
};

const noOp = {
	description: {
		displayName: 'No Operation (harness stand-in)',
		name: 'n8n-nodes-base.noOp',
		group: ['organization'],
		version: 1,
		defaults: { name: 'No Operation' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [this.getInputData()];
	},
};

const BUILTIN_NODE_TYPES = {
	'harness.input': harnessInput,
	'n8n-nodes-base.manualTrigger': manualTrigger,
	'n8n-nodes-base.noOp': noOp,
};

module.exports = { BUILTIN_NODE_TYPES, HARNESS_INPUT_TYPE: 'harness.input' };
