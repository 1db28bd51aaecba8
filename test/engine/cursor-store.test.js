/**
 * The cursor in n8n's deduplication store (dist/.../cursor/dedupStore.js) on the harness's model of that
 * store (processed-data.js), and the model itself against n8n's own DeduplicationHelper.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ProcessedData, helpersFor, hashOf } = require('./processed-data');
const { DEFAULT_PACKAGE_DIR } = require('./harness');

const { DedupCursorStore } = require(
	path.join(DEFAULT_PACKAGE_DIR, 'dist/nodes/WeChatOfficialAccount/cursor/dedupStore.js'),
);
const { CursorKeeper } = require(path.join(DEFAULT_PACKAGE_DIR, 'dist/nodes/WeChatOfficialAccount/cursor/keeper.js'));
const { valuesOf, probesFor } = require(
	path.join(DEFAULT_PACKAGE_DIR, 'dist/nodes/WeChatOfficialAccount/cursor/register.js'),
);

const KEY = 'messageSummary/getDaily';
const NODE = { id: 'fetch-node', name: 'WeChat' };
const WORKFLOW = { id: 'workflow-1' };

/** The node's helpers on `store`, counting the helper calls. */
function countedHelpers(store, node = NODE) {
	const helpers = helpersFor(store, WORKFLOW, node);
	const calls = [];
	const counted = {};
	for (const [name, fn] of Object.entries(helpers)) {
		counted[name] = async (...args) => {
			calls.push(name);
			return await fn(...args);
		};
	}
	return { helpers: counted, calls };
}

const addDay = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

describe('the cursor in the deduplication store', () => {
	it('a node without a cursor: one request that writes nothing', async () => {
		const store = new ProcessedData();
		const { helpers, calls } = countedHelpers(store);
		expect(await new DedupCursorStore(helpers, KEY).read('2026-11-25')).toEqual({ kind: 'none' });
		expect(calls).toEqual(['getProcessedDataCount']);
		expect(store.rows()).toEqual([]);
	});

	it('after 30 daily writes the node holds 3 values, in its own row (scope node); a read costs 3 requests', async () => {
		const store = new ProcessedData();
		const { helpers, calls } = countedHelpers(store);
		let day = '2026-10-31';
		for (let run = 0; run < 30; run++) {
			const cursor = new DedupCursorStore(helpers, KEY);
			const read = await cursor.read(day);
			if (run > 0) expect(read).toMatchObject({ kind: 'cursor', state: { delivered: addDay(day, -1) } });
			calls.length = 0;
			await cursor.write({ delivered: day, unconfirmed: run % 2 === 0 ? true : undefined });
			expect(calls.length).toBe(1);
			await cursor.write({ delivered: day });
			day = addDay(day, 1);
		}
		expect(store.rows().map(({ workflowId, context }) => ({ workflowId, context }))).toEqual([
			{ workflowId: 'workflow-1', context: 'n:fetch-node' },
		]);
		expect(store.entries('n:fetch-node')).toHaveLength(3);
		calls.length = 0;
		expect(await new DedupCursorStore(helpers, KEY).read(day)).toMatchObject({ state: { delivered: '2026-11-29' } });
		expect(calls).toEqual(['getProcessedDataCount', 'checkProcessedAndRecord', 'removeProcessed']);
		expect(store.entries('n:fetch-node')).toHaveLength(3);
	});

	it('a write replaces the set in one request, also when the set holds some of its values (the other generation then)', async () => {
		const store = new ProcessedData();
		const { helpers } = countedHelpers(store);
		const first = new DedupCursorStore(helpers, KEY);
		await first.write({ delivered: '2026-11-25' });
		// A second keeper of the same node that read nothing writes the same generation first: it must switch.
		const blind = new DedupCursorStore(helpers, KEY);
		await blind.write({ delivered: '2026-11-26' });
		expect(await new DedupCursorStore(helpers, KEY).read('2026-11-26')).toMatchObject({
			kind: 'cursor',
			state: { delivered: '2026-11-26' },
		});
		expect(store.entries('n:fetch-node')).toHaveLength(3);
	});

	it('values of another operation of the node are not taken for its cursor, and the next write drops them', async () => {
		const store = new ProcessedData();
		const { helpers } = countedHelpers(store);
		await new DedupCursorStore(helpers, 'messageSummary/getWeekly').write({ delivered: '2026-11-22' });
		const daily = new DedupCursorStore(helpers, KEY);
		expect(await daily.read('2026-11-25')).toEqual({ kind: 'none' });
		await daily.write({ delivered: '2026-11-25' });
		expect(store.entries('n:fetch-node')).toEqual(valuesOf(KEY, { delivered: '2026-11-25' }, 0).map(hashOf));
	});

	it("another execution's probes seen half-way through its read: asked again, then read right", async () => {
		const store = new ProcessedData();
		const { helpers } = countedHelpers(store);
		await new DedupCursorStore(helpers, KEY).write({ delivered: '2026-11-25' });
		// The other execution's check has recorded its probes; its removal comes after our first check.
		const other = await helpers.checkProcessedAndRecord(probesFor(KEY, '2026-11-26'), 'node', { mode: 'entries' });
		let checks = 0;
		const slow = {
			...helpers,
			async checkProcessedAndRecord(...args) {
				const answer = await helpers.checkProcessedAndRecord(...args);
				if (++checks === 1) await helpers.removeProcessed(other.new, 'node', { mode: 'entries' });
				return answer;
			},
		};
		expect(await new DedupCursorStore(slow, KEY).read('2026-11-26')).toMatchObject({
			kind: 'cursor',
			state: { delivered: '2026-11-25' },
		});
		expect(checks).toBe(2);
		expect(store.entries('n:fetch-node')).toHaveLength(3);
	});

	it('probes left for good by a lost removal: unreadable after three reads; the next write cleans the set', async () => {
		const store = new ProcessedData();
		const { helpers } = countedHelpers(store);
		await new DedupCursorStore(helpers, KEY).write({ delivered: '2026-11-25' });
		await helpers.checkProcessedAndRecord(probesFor(KEY, '2026-11-26'), 'node', { mode: 'entries' });
		const cursor = new DedupCursorStore(helpers, KEY);
		expect(await cursor.read('2026-11-26')).toEqual({ kind: 'unreadable', found: 114 });
		await cursor.write({ delivered: '2026-11-26' });
		expect(store.entries('n:fetch-node')).toHaveLength(3);
		expect(await new DedupCursorStore(helpers, KEY).read('2026-11-26')).toMatchObject({
			state: { delivered: '2026-11-26' },
		});
	});

	it('two first writes at once: the second insert fails like the primary key (the keeper then tries again)', async () => {
		const store = new ProcessedData();
		const a = new DedupCursorStore(countedHelpers(store).helpers, KEY);
		const b = new DedupCursorStore(countedHelpers(store).helpers, KEY);
		const results = await Promise.allSettled([
			a.write({ delivered: '2026-11-25' }),
			b.write({ delivered: '2026-11-25' }),
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(String(results.find((r) => r.status === 'rejected').reason)).toMatch(/duplicate key/);
		expect(await b.write({ delivered: '2026-11-25' })).toBeUndefined();
		expect(store.entries('n:fetch-node')).toHaveLength(3);
	});
	it('a cursor read in either generation: the write after it costs one request (the other generation is all new)', async () => {
		for (const writes of [1, 2]) {
			const store = new ProcessedData();
			const { helpers, calls } = countedHelpers(store);
			const writer = new DedupCursorStore(helpers, KEY);
			for (let i = 0; i < writes; i++) await writer.write({ delivered: '2026-11-24' });
			const cursor = new DedupCursorStore(helpers, KEY);
			expect(await cursor.read('2026-11-25')).toMatchObject({ kind: 'cursor', generation: writes - 1 });
			calls.length = 0;
			await cursor.write({ delivered: '2026-11-25' });
			expect(calls).toEqual(['checkProcessedAndRecord']);
			expect(await new DedupCursorStore(helpers, KEY).read('2026-11-25')).toMatchObject({
				state: { delivered: '2026-11-25' },
			});
		}
	});

	it('a set holding values of both generations (writes that overlapped): a write stops after its second request, and the set is its cursor', async () => {
		const store = new ProcessedData();
		const { helpers, calls } = countedHelpers(store);
		const cursor = new DedupCursorStore(helpers, KEY);
		await cursor.write({ delivered: '2026-11-24' });
		expect(await cursor.read('2026-11-25')).toMatchObject({ kind: 'cursor', generation: 0 });
		// Another execution of the node wrote meanwhile, and a third one's write overlapped it.
		await helpers.checkProcessedAndRecord(
			[...valuesOf(KEY, { delivered: '2026-11-25' }, 1), ...valuesOf(KEY, { delivered: '2026-11-25' }, 0)],
			'node',
			{ mode: 'entries' },
		);
		calls.length = 0;
		await cursor.write({ delivered: '2026-11-25' });
		expect(calls).toEqual(['checkProcessedAndRecord', 'checkProcessedAndRecord']);
		expect(await new DedupCursorStore(helpers, KEY).read('2026-11-25')).toMatchObject({
			kind: 'cursor',
			state: { delivered: '2026-11-25' },
		});
	});

	it('the other generation after a clash is the one the set did not hold: the cursor written is read back', async () => {
		const store = new ProcessedData();
		const { helpers } = countedHelpers(store);
		const cursor = new DedupCursorStore(helpers, KEY);
		await cursor.write({ delivered: '2026-11-24' });
		expect(await cursor.read('2026-11-25')).toMatchObject({ generation: 0 });
		// Another execution moved the cursor on in generation 1 since this one read it.
		await new DedupCursorStore(helpers, KEY).write({ delivered: '2026-11-26' });
		expect(store.entries('n:fetch-node')).toEqual(valuesOf(KEY, { delivered: '2026-11-26' }, 1).map(hashOf));
		await cursor.write({ delivered: '2026-11-25' });
		expect(store.entries('n:fetch-node')).toEqual(valuesOf(KEY, { delivered: '2026-11-25' }, 0).map(hashOf));
	});

	it('an unreadable set is asked three times, no more', async () => {
		const store = new ProcessedData();
		const { helpers, calls } = countedHelpers(store);
		await helpers.checkProcessedAndRecord(probesFor(KEY, '2026-11-26'), 'node', { mode: 'entries' });
		calls.length = 0;
		expect(await new DedupCursorStore(helpers, KEY).read('2026-11-26')).toEqual({ kind: 'unreadable', found: 114 });
		expect(calls.filter((name) => name === 'getProcessedDataCount')).toHaveLength(3);
		expect(calls.filter((name) => name === 'checkProcessedAndRecord')).toHaveLength(3);
	});
});

describe('the keeper (the store that works, else static data)', () => {
	/** What the keeper uses of an execution context: the logger and the workflow's static data. */
	const context = () => {
		const staticData = {};
		const warnings = [];
		return {
			staticData,
			warnings,
			logger: { warn: (line) => warnings.push(line) },
			getWorkflowStaticData: () => staticData,
		};
	};
	const KEYS = { dedup: KEY, static: `fetch-node/${KEY}` };

	it('a write that loses the race for the first row is tried once more: stored, no warning, no static data', async () => {
		const store = new ProcessedData();
		const { helpers } = countedHelpers(store);
		let raced = false;
		const racing = {
			...helpers,
			async checkProcessedAndRecord(...args) {
				if (!raced) {
					raced = true;
					// Another execution inserts the row between this call's read and its insert.
					await helpers.checkProcessedAndRecord(valuesOf(KEY, { delivered: '2026-11-25' }, 0), 'node', {
						mode: 'entries',
						maxEntries: 3,
					});
					throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
				}
				return await helpers.checkProcessedAndRecord(...args);
			},
		};
		const ctx = context();
		expect(await new CursorKeeper(racing, KEYS).write(ctx, { delivered: '2026-11-25' })).toEqual([]);
		expect(ctx.warnings).toEqual([]);
		expect(ctx.staticData).toEqual({});
		expect(store.entries('n:fetch-node')).toHaveLength(3);
	});

	it('a store that keeps failing: static data, with a warning', async () => {
		const store = new ProcessedData();
		store.failWith = 'connection refused';
		const ctx = context();
		const keeper = new CursorKeeper(countedHelpers(store).helpers, KEYS);
		const [warning] = await keeper.write(ctx, { delivered: '2026-11-25' });
		expect(warning).toMatch(/could not use n8n's deduplication store \(connection refused\)/);
		expect(ctx.staticData).toEqual({ weChatSinceLastRun: { [`fetch-node/${KEY}`]: { delivered: '2026-11-25' } } });
		// From then on the keeper uses static data without asking the store.
		store.failWith = undefined;
		expect(await keeper.write(ctx, { delivered: '2026-11-26' })).toEqual([]);
		expect(store.rows()).toEqual([]);
		expect(ctx.staticData.weChatSinceLastRun[`fetch-node/${KEY}`]).toEqual({ delivered: '2026-11-26' });
	});

	it('reads: no cursor or a cursor, no warning; an unreadable set, a warning with what it found; each warning also in the log', async () => {
		const store = new ProcessedData();
		const { helpers } = countedHelpers(store);
		const ctx = context();
		expect(await new CursorKeeper(helpers, KEYS).read(ctx, '2026-11-25')).toEqual({ state: {}, warnings: [] });
		expect(await new CursorKeeper(helpers, KEYS).write(ctx, { delivered: '2026-11-24' })).toEqual([]);
		expect(await new CursorKeeper(helpers, KEYS).read(ctx, '2026-11-25')).toEqual({
			state: { delivered: '2026-11-24' },
			warnings: [],
		});
		expect(ctx.warnings).toEqual([]);
		await helpers.checkProcessedAndRecord(probesFor(KEY, '2026-11-26'), 'node', { mode: 'entries' });
		const read = await new CursorKeeper(helpers, KEYS).read(ctx, '2026-11-26');
		expect(read.state).toEqual({});
		expect(read.warnings).toHaveLength(1);
		expect(read.warnings[0]).toMatch(/could not read its progress .* \(114 values where a cursor has at most 4/);
		expect(ctx.warnings).toEqual([`WeChat Official Account: ${read.warnings[0]}`]);
	});

	it('without the store (an n8n that offers none): static data, no warning from the keeper', async () => {
		const ctx = context();
		const keeper = new CursorKeeper(undefined, KEYS);
		expect(await keeper.read(ctx, '2026-11-25')).toEqual({ state: {}, warnings: [] });
		expect(await keeper.write(ctx, { delivered: '2026-11-24' })).toEqual([]);
		expect(await keeper.read(ctx, '2026-11-25')).toEqual({ state: { delivered: '2026-11-24' }, warnings: [] });
		expect(ctx.staticData).toEqual({ weChatSinceLastRun: { [`fetch-node/${KEY}`]: { delivered: '2026-11-24' } } });
		expect(ctx.warnings).toEqual([]);
	});

	it('a read that fails: the cursor in static data, a warning naming the error (clipped), and the store is not asked again', async () => {
		const store = new ProcessedData();
		const { helpers, calls } = countedHelpers(store);
		const ctx = context();
		ctx.staticData.weChatSinceLastRun = { [`fetch-node/${KEY}`]: { delivered: '2026-11-20' } };
		store.failWith = `database is locked ${'x'.repeat(300)}`;
		const keeper = new CursorKeeper(helpers, KEYS);
		const read = await keeper.read(ctx, '2026-11-25');
		expect(read.state).toEqual({ delivered: '2026-11-20' });
		expect(read.warnings).toHaveLength(1);
		expect(read.warnings[0]).toContain(`(database is locked ${'x'.repeat(200 - 'database is locked '.length)}):`);
		expect(ctx.warnings).toEqual([`WeChat Official Account: ${read.warnings[0]}`]);
		store.failWith = undefined;
		calls.length = 0;
		expect(await keeper.write(ctx, { delivered: '2026-11-25' })).toEqual([]);
		expect(calls).toEqual([]);
		expect(ctx.staticData.weChatSinceLastRun[`fetch-node/${KEY}`]).toEqual({ delivered: '2026-11-25' });
	});

	it('a store that fails with something not an Error: the warning shows what it threw', async () => {
		for (const thrown of ['timeout', undefined]) {
			const failing = {
				getProcessedDataCount: async () => {
					throw thrown;
				},
			};
			const ctx = context();
			const read = await new CursorKeeper(failing, KEYS).read(ctx, '2026-11-25');
			expect(read.warnings[0]).toContain(`could not use n8n's deduplication store (${String(thrown)})`);
		}
	});
});

/**
 * n8n's own DeduplicationHelper (n8n/dist/deduplication/deduplication-helper.js of the provisioned app) on an
 * in-memory ProcessedDataRepository, next to the model, given the same calls: same answers, errors and rows.
 */
const APP_MODULES = path.join(
	process.env.N8N_APP_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-wechat-analytics'),
	'n8n-2.41.1',
	'node_modules',
);
const provisioned = fs.existsSync(path.join(APP_MODULES, 'n8n', 'dist', 'deduplication', 'deduplication-helper.js'));
if (!provisioned)
	console.warn(`cursor-store.test.js: no n8n app at ${APP_MODULES}; the model is not compared with n8n's helper`);

(provisioned ? describe : describe.skip)("the model against n8n's DeduplicationHelper", () => {
	let real;
	let rows;
	beforeAll(() => {
		const { Container } = require(path.join(APP_MODULES, '@n8n', 'di'));
		const { ProcessedDataRepository } = require(path.join(APP_MODULES, '@n8n', 'db'));
		const { DeduplicationHelper } = require(path.join(APP_MODULES, 'n8n/dist/deduplication/deduplication-helper.js'));
		rows = new Map();
		const key = (where) => `${where.workflowId}\u0000${where.context}`;
		Container.set(ProcessedDataRepository, {
			async findOne({ where }) {
				const text = rows.get(key(where));
				return text === undefined ? null : JSON.parse(text);
			},
			async insert(row) {
				if (rows.has(key(row))) throw new Error('duplicate key');
				rows.set(key(row), JSON.stringify(row));
			},
			async update(where, row) {
				if (rows.has(key(where))) rows.set(key(where), JSON.stringify(row));
			},
			async delete(where) {
				rows.delete(key(where));
			},
		});
		real = new DeduplicationHelper();
	}, 60000);

	const scripted = [
		['check', ['a', 'b', 'a', 1, true], 'workflow', { mode: 'entries' }],
		['check', ['b', 'c', 'c', 'd'], 'workflow', { mode: 'entries', maxEntries: 4 }],
		['count', 'workflow', { mode: 'entries' }],
		['remove', ['c', 'x'], 'workflow', { mode: 'entries' }],
		['count', 'workflow', { mode: 'entries' }],
		['check', ['a'], 'workflow', { mode: 'latestIncrementalKey' }],
		['check', ['10', '3', '7'], 'node', { mode: 'latestIncrementalKey' }],
		['check', ['9', '11', '10'], 'node', { mode: 'latestIncrementalKey' }],
		['check', ['abc'], 'node', { mode: 'latestIncrementalKey' }],
		['remove', ['9'], 'node', { mode: 'latestIncrementalKey' }],
		['count', 'node', { mode: 'entries' }],
		['check', ['x'], 'node', { mode: 'entries' }],
		['clear', 'node', { mode: 'entries' }],
		['check', ['2026-11-25', '2026-11-20'], 'node', { mode: 'latestDate' }],
		['check', ['2026-11-25', '2026-11-26T08:00:00+08:00', 'not a date'], 'node', { mode: 'latestDate' }],
		['check', ['2026-11-25', '2026-11-27'], 'node', { mode: 'latestDate' }],
		['clear', 'workflow', { mode: 'entries' }],
		['check', Array.from({ length: 12 }, (_, i) => `v${i}`), 'workflow', { mode: 'entries', maxEntries: 5 }],
		['count', 'workflow', { mode: 'entries' }],
		['check', ['v11', 'v0', 'w'], 'workflow', { mode: 'entries', maxEntries: 5 }],
		['check', ['y'], 'workflow', { mode: 'latestDate' }],
	];

	it('answers, errors and the rows they leave are the same', async () => {
		const model = new ProcessedData();
		const modelHelpers = helpersFor(model, { id: 'w1' }, { id: 'n1' });
		const contextData = { workflow: { id: 'w1' }, node: { id: 'n1' } };
		const outcome = async (call) => {
			try {
				return { value: await call() };
			} catch (error) {
				return { error: error.message };
			}
		};
		for (const [op, ...args] of scripted) {
			const [items, scope, options] = op === 'count' || op === 'clear' ? [undefined, ...args] : args;
			const byReal = {
				check: () => real.checkProcessedAndRecord(items, scope, contextData, options),
				remove: () => real.removeProcessed(items, scope, contextData, options),
				count: () => real.getProcessedDataCount(scope, contextData, options),
				clear: () => real.clearAllProcessedItems(scope, contextData, options),
			}[op];
			const byModel = {
				check: () => modelHelpers.checkProcessedAndRecord(items, scope, options),
				remove: () => modelHelpers.removeProcessed(items, scope, options),
				count: () => modelHelpers.getProcessedDataCount(scope, options),
				clear: () => modelHelpers.clearAllProcessedItems(scope, options),
			}[op];
			const [expected, actual] = [await outcome(byReal), await outcome(byModel)];
			expect({ op, args, ...actual }).toEqual({ op, args, ...expected });
			const realRows = [...rows.values()]
				.map((text) => JSON.parse(text))
				.map(({ context, value }) => ({ context, value }));
			const modelRows = model.rows().map(({ context, value }) => ({ context, value }));
			expect({ op, args, rows: modelRows }).toEqual({ op, args, rows: realRows });
		}
	});
});
