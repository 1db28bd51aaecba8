'use strict';
// Tiny node types the harness provides because n8n-nodes-base is not installed.
//   harness.input                 parameter `items` (JSON array, or JSON text of one) -> one item per element
//   n8n-nodes-base.manualTrigger  stand-in: emits one empty item (so workflows exported from n8n run here)
//   n8n-nodes-base.noOp           stand-in: passes its input through
//   harness.destination           a destination (Sheets, Postgres …) that stores its input in `destinationStore`
//                                 (by parameter `name`), or fails like one that is down (parameter `fail`)

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

/** What harness.destination nodes stored, by their `name` parameter: an array of item json per run. */
const destinationStore = new Map();

const destination = {
	description: {
		displayName: 'Destination (harness)',
		name: 'harness.destination',
		group: ['output'],
		version: 1,
		defaults: { name: 'Destination' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Name', name: 'name', type: 'string', default: 'default' },
			{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
		],
	},
	async execute() {
		if (this.getNodeParameter('fail', 0)) throw new Error('harness.destination: the destination is down');
		const items = this.getInputData();
		const name = this.getNodeParameter('name', 0);
		if (!destinationStore.has(name)) destinationStore.set(name, []);
		destinationStore.get(name).push(items.map((item) => item.json));
		return [items];
	},
};

const BUILTIN_NODE_TYPES = {
	'harness.destination': destination,
	'harness.input': harnessInput,
	'n8n-nodes-base.manualTrigger': manualTrigger,
	'n8n-nodes-base.noOp': noOp,
};

module.exports = { BUILTIN_NODE_TYPES, HARNESS_INPUT_TYPE: 'harness.input', destinationStore };
