'use strict';
/**
 * Stand-in for n8n's Remove Duplicates node, version 2 (n8n-nodes-base 2.41.1,
 * dist/nodes/Transform/RemoveDuplicates/v2/RemoveDuplicatesV2.node.js), for the parts that use the
 * deduplication store: "Remove Items Processed in Previous Executions" in its three modes and
 * "Clear Deduplication History" → "Clean Database". n8n-nodes-base is not installed next to the
 * engine; this copies the node's behaviour as read there (the real node runs in test/e2e):
 *
 * - Value Is New (`entries`): items grouped by their "Value to Dedupe On"; the node FAILS with
 *   "The number of items to be processed exceeds the maximum history size…" when the stored count
 *   plus the number of input items exceeds History Size (default 10000), before it records; it then
 *   records with maxEntries = History Size and adds a hint when the store is over half full.
 * - Value Is Higher than Any Previous Value (`latestIncrementalKey`) / Value Is a Date Later than
 *   Any Previous Date (`latestDate`): empty values and non-numbers / non-dates fail.
 * - Clean Database: clearAllProcessedItems of the scope.
 * - Scope (Options → Scope) defaults to "node". It returns [kept, discarded] like the real node.
 */
const { NodeOperationError, tryToParseDateTime } = require('n8n-workflow');

const DEFAULT_MAX_ENTRIES = 10000;

function grouped(items, key) {
	const mapping = {};
	items.forEach((item, index) => {
		const value = key(index);
		(mapping[value] ??= []).push(item);
	});
	return mapping;
}

const outputs = (mapping, result) => [
	result.new.flatMap((key) => mapping[key]),
	result.processed.flatMap((key) => mapping[key]),
];

const removeDuplicates = {
	description: {
		displayName: 'Remove Duplicates (harness stand-in for v2)',
		name: 'n8n-nodes-base.removeDuplicates',
		group: ['transform'],
		version: 2,
		defaults: { name: 'Remove Duplicates' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'removeDuplicateInputItems' },
			{ displayName: 'Logic', name: 'logic', type: 'string', default: 'removeItemsWithAlreadySeenKeyValues' },
			{ displayName: 'Value', name: 'dedupeValue', type: 'string', default: '' },
			{ displayName: 'Incremental Value', name: 'incrementalDedupeValue', type: 'number', default: '' },
			{ displayName: 'Date Value', name: 'dateDedupeValue', type: 'dateTime', default: '' },
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'cleanDatabase' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Scope', name: 'scope', type: 'string', default: 'node' },
					{ displayName: 'History Size', name: 'historySize', type: 'number', default: DEFAULT_MAX_ENTRIES },
				],
			},
		],
	},
	async execute() {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0);
		const scope = this.getNodeParameter('options.scope', 0, 'node');
		if (operation === 'clearDeduplicationHistory') {
			if (this.getNodeParameter('mode', 0) === 'cleanDatabase')
				await this.helpers.clearAllProcessedItems(scope, { mode: 'entries' });
			return [items];
		}
		if (operation !== 'removeItemsSeenInPreviousExecutions') return [items];
		const logic = this.getNodeParameter('logic', 0);
		if (logic === 'removeItemsWithAlreadySeenKeyValues') {
			const mapping = grouped(items, (i) => this.getNodeParameter('dedupeValue', i, '')?.toString() ?? '');
			const maxEntries = this.getNodeParameter('options.historySize', 0, DEFAULT_MAX_ENTRIES);
			const count = await this.helpers.getProcessedDataCount(scope, { mode: 'entries', maxEntries });
			if (count + items.length > Number(maxEntries)) {
				throw new NodeOperationError(
					this.getNode(),
					'The number of items to be processed exceeds the maximum history size. Please increase the history size or reduce the number of items to be processed.',
				);
			}
			const result = await this.helpers.checkProcessedAndRecord(Object.keys(mapping), scope, {
				mode: 'entries',
				maxEntries,
			});
			const after = await this.helpers.getProcessedDataCount(scope, { mode: 'entries', maxEntries });
			if (Number(maxEntries) > 0 && after / Number(maxEntries) > 0.5) {
				this.addExecutionHints({
					message: `Some duplicates may be not be removed since you're approaching the maximum history size (${maxEntries} items). You can raise this limit using the ‘history size’ option.`,
					location: 'outputPane',
				});
			}
			return outputs(mapping, result);
		}
		if (logic === 'removeItemsUpToStoredIncrementalKey') {
			const mapping = grouped(items, (i) => {
				const value = this.getNodeParameter('incrementalDedupeValue', i, '');
				if (!value?.toString())
					throw new NodeOperationError(this.getNode(), 'The `Value to Dedupe` On is empty. Please provide a value.');
				const number = Number(value);
				if (isNaN(number))
					throw new NodeOperationError(
						this.getNode(),
						`The value '${value}' is not a number. Please provide a number.`,
					);
				return number;
			});
			const result = await this.helpers.checkProcessedAndRecord(Object.keys(mapping), scope, {
				mode: 'latestIncrementalKey',
			});
			return outputs(mapping, result);
		}
		if (logic === 'removeItemsUpToStoredDate') {
			const mapping = grouped(items, (i) => {
				const value = this.getNodeParameter('dateDedupeValue', i, '')?.toString() ?? '';
				if (!value)
					throw new NodeOperationError(this.getNode(), 'The `Value to Dedupe` On is empty. Please provide a value.');
				try {
					tryToParseDateTime(value);
				} catch {
					throw new NodeOperationError(
						this.getNode(),
						`The value '${value}' is not a valid date. Please provide a valid date.`,
					);
				}
				return value;
			});
			const result = await this.helpers.checkProcessedAndRecord(Object.keys(mapping), scope, { mode: 'latestDate' });
			return outputs(mapping, result);
		}
		return [items];
	},
};

module.exports = { removeDuplicates };
