'use strict';
/**
 * n8n's deduplication store ("processed data", the database table behind Remove Duplicates and
 * `this.helpers.checkProcessedAndRecord`), in memory, for the in-process engine.
 *
 * n8n's CLI initialises n8n-core's DataDeduplicationService with a database-backed store
 * (packages/cli deduplication-helper); the harness initialises it once with this one. Contract as n8n
 * implements it for mode "entries": one set of values per workflow and context (scope "workflow":
 * the whole workflow; scope "node": that node), `checkProcessedAndRecord` answers which values were
 * already there and records the rest, `removeProcessed` forgets values, `getProcessedDataCount`
 * counts them. Only mode "entries" is modelled; the other modes throw.
 *
 * Each engine.run gets a fresh store unless `options.processedData` passes one (a ProcessedData), so
 * a test can carry it from run to run the way n8n's database does, with or without the static data.
 * A store with `failWith` set throws that message on every call.
 */
class ProcessedData {
	constructor() {
		/** context ('' for the workflow, 'n:<node id>') → Set of values */
		this.contexts = new Map();
	}

	entries(context = '') {
		return [...(this.contexts.get(context) ?? [])];
	}

	clear() {
		this.contexts.clear();
	}
}

const storeOfWorkflow = new WeakMap();

function contextOf(scope, { node }) {
	if (scope === 'node') return `n:${node.id}`;
	return '';
}

function setOf(scope, contextData) {
	const store = storeOfWorkflow.get(contextData.workflow);
	if (!store) throw new Error('harness: no processed-data store for this workflow');
	// A store that cannot be used, e.g. n8n's DeduplicationError when the workflow's entry was saved in another mode.
	if (store.failWith) throw new Error(store.failWith);
	const context = contextOf(scope, contextData);
	if (!store.contexts.has(context)) store.contexts.set(context, new Set());
	return store.contexts.get(context);
}

function entriesOnly(options) {
	if (options?.mode !== 'entries')
		throw new Error(`harness: processed-data mode ${JSON.stringify(options?.mode)} is not modelled`);
}

const deduplicator = {
	async checkProcessedAndRecord(items, scope, contextData, options) {
		entriesOnly(options);
		const set = setOf(scope, contextData);
		const result = { new: [], processed: [] };
		for (const item of items) {
			const value = String(item);
			if (set.has(value)) result.processed.push(item);
			else {
				result.new.push(item);
				set.add(value);
			}
		}
		return result;
	},
	async removeProcessed(items, scope, contextData, options) {
		entriesOnly(options);
		const set = setOf(scope, contextData);
		for (const item of items) set.delete(String(item));
	},
	async clearAllProcessedItems(scope, contextData) {
		setOf(scope, contextData).clear();
	},
	async getProcessedDataCount(scope, contextData, options) {
		entriesOnly(options);
		return setOf(scope, contextData).size;
	},
};

let initialised;
/** Initialises n8n-core's DataDeduplicationService once per process; binds `store` to `workflow` for one run. */
async function bindProcessedData(workflow, store) {
	if (!initialised) {
		const { DataDeduplicationService } = require('n8n-core');
		initialised = DataDeduplicationService.init(deduplicator);
	}
	await initialised;
	storeOfWorkflow.set(workflow, store);
	return store;
}

module.exports = { ProcessedData, bindProcessedData };
