'use strict';
/**
 * n8n's deduplication store ("processed data": the table behind Remove Duplicates and
 * `this.helpers.checkProcessedAndRecord`), in memory, behaving as n8n 2.41.1's database-backed
 * store does. Modelled on packages/cli `deduplication/deduplication-helper.js` (DeduplicationHelper)
 * and the `processed_data` entity, read in the provisioned app; the behaviour is copied, not the code:
 *
 * - One row per (workflowId, context): context '' for scope "workflow", `n:<node id>` for scope
 *   "node" (no node: DeduplicationError). The row's value is { mode, data }. A workflow without an id
 *   fails an assertion, as n8n's `assert.ok(contextData.workflow.id)` does.
 * - Every call reads the row, computes, then inserts or updates the whole row: no lock, no
 *   transaction. Calls that overlap can lose each other's writes; an insert of a row that another
 *   call inserted meanwhile fails like the primary key does in the database.
 * - A row saved in another mode than the call's fails with n8n's "incompatible setting" error.
 * - Mode "entries": each value is stored as the MD5 of `value.toString()`, base64. The first call
 *   stores all values (only the last `maxEntries`); a later one answers against the values stored
 *   before the call (duplicates within one call are all new and all appended), appends the new ones
 *   and keeps only the last `maxEntries`. `removeProcessed` drops the first occurrence of each value.
 *   `getProcessedDataCount` counts the stored values (0 for no row or a row of a "latest" mode).
 * - Modes "latestIncrementalKey" / "latestDate": one value, the largest; a value strictly greater
 *   is new, the others processed. A first call stores the largest of its values. Non-numbers / non-dates fail;
 *   `removeProcessed` fails.
 * - `clearAllProcessedItems` deletes the row.
 *
 * Each engine.run gets a fresh store unless `options.processedData` passes one (a ProcessedData),
 * so a test can carry it from run to run as n8n's database does. `failWith` set: every call throws it.
 * `operations` counts the database operations (find, insert, update, delete) since `resetOperations()`.
 */
const { createHash } = require('node:crypto');

class DeduplicationError extends Error {
	constructor(message) {
		super(`Deduplication Failed: ${message}`);
		this.name = 'DeduplicationError';
	}
}

const LATEST_MODES = ['latestIncrementalKey', 'latestDate'];

/** n8n's DeduplicationHelper.createValueHash. */
function hashOf(value) {
	return createHash('md5').update(value.toString()).digest('base64');
}

function compareValues(mode, a, b) {
	if (mode === 'latestIncrementalKey') {
		const x = Number(a);
		const y = Number(b);
		if (!isNaN(x) && !isNaN(y)) return x === y ? 0 : x > y ? 1 : -1;
		throw new DeduplicationError('Invalid value. Only numbers are supported in mode "latestIncrementalKey"');
	}
	if (mode === 'latestDate') {
		const { tryToParseDateTime } = require('n8n-workflow');
		let x;
		let y;
		try {
			x = tryToParseDateTime(a);
			y = tryToParseDateTime(b);
		} catch {
			throw new DeduplicationError('Invalid value. Only valid dates are supported in mode "latestDate"');
		}
		// n8n compares the parsed Luxon DateTimes with === and >, as the helper does.
		return x === y ? 0 : x > y ? 1 : -1;
	}
	throw new DeduplicationError("Invalid mode. Only 'latestIncrementalKey' and 'latestDate' are supported.");
}

function contextOf(scope, { node }) {
	if (scope === 'node') {
		if (!node) throw new DeduplicationError("No node information has been provided and so cannot use scope 'node'");
		return `n:${node.id}`;
	}
	return '';
}

/** The database: rows of processed_data, stored as JSON text as a database would keep them. */
class ProcessedData {
	constructor() {
		/** `${workflowId}\u0000${context}` → JSON text of { workflowId, context, value } */
		this.table = new Map();
		this.failWith = undefined;
		this.resetOperations();
	}

	resetOperations() {
		this.operations = { find: 0, insert: 0, update: 0, delete: 0 };
	}

	/** Every row, parsed: [{ workflowId, context, value: { mode, data } }]. */
	rows() {
		return [...this.table.values()].map((text) => JSON.parse(text));
	}

	row(workflowId, context = '') {
		const text = this.table.get(`${workflowId}\u0000${context}`);
		return text === undefined ? undefined : JSON.parse(text);
	}

	/** The stored values (hashes in mode entries) of a context, of the only workflow unless workflowId is given. */
	entries(context = '', workflowId) {
		const rows = this.rows().filter(
			(r) => r.context === context && (workflowId === undefined || r.workflowId === workflowId),
		);
		if (rows.length > 1) throw new Error(`processed data: ${rows.length} workflows have context "${context}"`);
		const data = rows[0]?.value.data;
		return Array.isArray(data) ? [...data] : data === undefined ? [] : [data];
	}

	/** How many values the store holds in all: { rows, values } (a latest-mode row holds one). */
	size() {
		const rows = this.rows();
		const values = rows.reduce((n, r) => n + (Array.isArray(r.value.data) ? r.value.data.length : 1), 0);
		return { rows: rows.length, values };
	}

	clear() {
		this.table.clear();
	}

	static hash(value) {
		return hashOf(value);
	}

	// --- the repository, as the helper uses it (each call a separate round trip) ---

	async findOne(workflowId, context) {
		this.check();
		this.operations.find++;
		await tick();
		return this.row(workflowId, context);
	}

	async insert(row) {
		this.check();
		this.operations.insert++;
		await tick();
		const key = `${row.workflowId}\u0000${row.context}`;
		if (this.table.has(key)) {
			throw new Error(
				'duplicate key value violates unique constraint "PK_processed_data" (workflowId, context): another execution inserted the row first',
			);
		}
		this.table.set(key, JSON.stringify(row));
	}

	async update(row) {
		this.check();
		this.operations.update++;
		await tick();
		const key = `${row.workflowId}\u0000${row.context}`;
		// An UPDATE of a row that was deleted meanwhile changes nothing.
		if (this.table.has(key)) this.table.set(key, JSON.stringify(row));
	}

	async delete(workflowId, context) {
		this.check();
		this.operations.delete++;
		await tick();
		this.table.delete(`${workflowId}\u0000${context}`);
	}

	check() {
		// A store that cannot be used, e.g. a database that is down.
		if (this.failWith) throw new Error(this.failWith);
	}
}

/** Lets other calls run between a read and the write that follows it, as database round trips do. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

const storeOfWorkflow = new WeakMap();

function storeOf(contextData) {
	const store = storeOfWorkflow.get(contextData.workflow);
	if (!store) throw new Error('harness: no processed-data store for this workflow');
	if (!contextData.workflow.id) {
		// n8n: assert.ok(contextData.workflow.id)
		const error = new Error('The expression evaluated to a falsy value:\n\n  assert.ok(contextData.workflow.id)\n');
		error.name = 'AssertionError';
		throw error;
	}
	return store;
}

function validateMode(row, options) {
	if (row && row.value.mode !== options.mode) {
		throw new DeduplicationError(
			'Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter. Try ’Clean Database’ operation to reset.',
		);
	}
}

async function handleLatestModes(store, items, workflowId, context, options, row) {
	const incoming = items.slice().sort((a, b) => compareValues(options.mode, a, b));
	if (!row) {
		await store.insert({ workflowId, context, value: { mode: options.mode, data: incoming.pop() } });
		return { new: items, processed: [] };
	}
	const result = { new: [], processed: [] };
	if (Array.isArray(row.value.data)) return result;
	let largest = row.value.data;
	for (const item of incoming) {
		if (compareValues(options.mode, item, row.value.data) === 1) {
			result.new.push(item);
			if (compareValues(options.mode, item, largest) === 1) largest = item;
		} else {
			result.processed.push(item);
		}
	}
	row.value.data = largest;
	await store.update(row);
	return result;
}

async function handleHashedItems(store, items, workflowId, context, options, row) {
	const hashed = items.map(hashOf);
	if (!row) {
		if (options.maxEntries) hashed.splice(0, hashed.length - options.maxEntries);
		await store.insert({ workflowId, context, value: { mode: options.mode, data: hashed } });
		return { new: items, processed: [] };
	}
	const result = { new: [], processed: [] };
	if (!Array.isArray(row.value.data)) return result;
	const before = new Set(row.value.data);
	hashed.forEach((hash, index) => {
		if (before.has(hash)) result.processed.push(items[index]);
		else {
			result.new.push(items[index]);
			row.value.data.push(hash);
		}
	});
	if (options.maxEntries) row.value.data.splice(0, row.value.data.length - options.maxEntries);
	await store.update(row);
	return result;
}

/** What n8n-core's DataDeduplicationService.init receives: n8n's DeduplicationHelper, on a ProcessedData. */
const deduplicator = {
	async checkProcessedAndRecord(items, scope, contextData, options) {
		const store = storeOf(contextData);
		const context = contextOf(scope, contextData);
		const row = await store.findOne(contextData.workflow.id, context);
		validateMode(row, options);
		if (LATEST_MODES.includes(options.mode))
			return await handleLatestModes(store, items, contextData.workflow.id, context, options, row);
		return await handleHashedItems(store, items, contextData.workflow.id, context, options, row);
	},
	async removeProcessed(items, scope, contextData, options) {
		if (LATEST_MODES.includes(options.mode))
			throw new DeduplicationError('Removing processed data is not possible in mode "latest"');
		const store = storeOf(contextData);
		const row = await store.findOne(contextData.workflow.id, contextOf(scope, contextData));
		if (!row || !Array.isArray(row.value.data)) return;
		for (const hash of items.map(hashOf)) {
			const index = row.value.data.indexOf(hash);
			if (index !== -1) row.value.data.splice(index, 1);
		}
		await store.update(row);
	},
	async clearAllProcessedItems(scope, contextData) {
		const store = storeOf(contextData);
		await store.delete(contextData.workflow.id, contextOf(scope, contextData));
	},
	async getProcessedDataCount(scope, contextData, options) {
		const store = storeOf(contextData);
		const row = await store.findOne(contextData.workflow.id, contextOf(scope, contextData));
		return options.mode === 'entries' && row && Array.isArray(row.value.data) ? row.value.data.length : 0;
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

/**
 * The helpers n8n-core gives a node's execution (getDeduplicationHelperFunctions(workflow, node): each call
 * bound to that workflow and node), on `store`, without an engine.
 */
function helpersFor(store, workflow = { id: 'workflow-1' }, node = { id: 'node-1', name: 'Node 1' }) {
	storeOfWorkflow.set(workflow, store);
	const contextData = { workflow, node };
	return {
		checkProcessedAndRecord: (items, scope, options) =>
			deduplicator.checkProcessedAndRecord(items, scope, contextData, options),
		removeProcessed: (items, scope, options) => deduplicator.removeProcessed(items, scope, contextData, options),
		clearAllProcessedItems: (scope, options) => deduplicator.clearAllProcessedItems(scope, contextData, options),
		getProcessedDataCount: (scope, options) => deduplicator.getProcessedDataCount(scope, contextData, options),
	};
}

module.exports = { ProcessedData, bindProcessedData, helpersFor, hashOf, DeduplicationError };
