'use strict';
// Tiny node types the harness provides because n8n-nodes-base is not installed.
//   harness.input                 parameter `items` (JSON array, or JSON text of one) -> one item per element
//   n8n-nodes-base.manualTrigger  stand-in: emits one empty item (so workflows exported from n8n run here)
//   n8n-nodes-base.noOp           stand-in: passes its input through
//   harness.destination           a destination (Sheets, Postgres …) that stores its input in `destinationStore`
//                                 (by parameter `name`), or fails like one that is down (parameter `fail`, or
//                                 `failTimes`: the first N runs of that name fail)
//   harness.drop                  outputs no items (a step whose items go no further, e.g. a filter that kept none)
//   harness.attachFile            adds a small text file as binary property `report` to each item (a chart or a
//                                 file a report step made), json passed through
//   n8n-nodes-base.removeDuplicates  stand-in for Remove Duplicates v2 (./remove-duplicates.js), on the harness's
//                                 deduplication store

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
/** How many times each destination (by name) ran, for `failTimes`; cleared with destinationStore. */
const failures = new Map();
const clearDestinations = () => {
	destinationStore.clear();
	failures.clear();
};

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
			{ displayName: 'Fail Times', name: 'failTimes', type: 'number', default: 0 },
		],
	},
	async execute() {
		const name = this.getNodeParameter('name', 0);
		const failTimes = this.getNodeParameter('failTimes', 0);
		failures.set(name, (failures.get(name) ?? 0) + 1);
		if (this.getNodeParameter('fail', 0) || failures.get(name) <= failTimes)
			throw new Error('harness.destination: the destination is down');
		const items = this.getInputData();
		if (!destinationStore.has(name)) destinationStore.set(name, []);
		destinationStore.get(name).push(items.map((item) => item.json));
		return [items];
	},
};

const attachFile = {
	description: {
		displayName: 'Attach File (harness)',
		name: 'harness.attachFile',
		group: ['transform'],
		version: 1,
		defaults: { name: 'Attach File' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [
			this.getInputData().map((item, index) => ({
				json: item.json,
				binary: {
					report: {
						data: Buffer.from(`report for item ${index}`).toString('base64'),
						mimeType: 'text/plain',
						fileName: `report-${index}.txt`,
					},
				},
				pairedItem: { item: index },
			})),
		];
	},
};

const drop = {
	description: {
		displayName: 'Drop (harness)',
		name: 'harness.drop',
		group: ['transform'],
		version: 1,
		defaults: { name: 'Drop' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [[]];
	},
};

const BUILTIN_NODE_TYPES = {
	'harness.attachFile': attachFile,
	'harness.drop': drop,
	'harness.destination': destination,
	'n8n-nodes-base.removeDuplicates': require('./remove-duplicates').removeDuplicates,
	'harness.input': harnessInput,
	'n8n-nodes-base.manualTrigger': manualTrigger,
	'n8n-nodes-base.noOp': noOp,
};

module.exports = { BUILTIN_NODE_TYPES, HARNESS_INPUT_TYPE: 'harness.input', destinationStore, clearDestinations };
