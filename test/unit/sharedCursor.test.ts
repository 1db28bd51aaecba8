import {
	commitEntry,
	dayEntry,
	laterDay,
	monthEntry,
	monthsDescending,
	readSharedCursor,
	writeSharedCursor,
	type DeduplicationStore,
} from '../../nodes/WeChatOfficialAccount/sharedCursor';

/** n8n's deduplication store contract for mode "entries" (one set per scope), with a log of the values each call sent. */
function memoryStore() {
	const values = new Set<string>();
	const calls: Array<{ op: string; items: string[] }> = [];
	const store: DeduplicationStore = {
		async checkProcessedAndRecord(items) {
			calls.push({ op: 'check', items: items.map(String) });
			const result = { new: [] as string[], processed: [] as string[] };
			for (const item of items.map(String)) {
				if (values.has(item)) result.processed.push(item);
				else {
					result.new.push(item);
					values.add(item);
				}
			}
			return result;
		},
		async removeProcessed(items) {
			calls.push({ op: 'remove', items: items.map(String) });
			for (const item of items) values.delete(String(item));
		},
	};
	return { store, values, calls };
}

const KEY = 'node-1/messageSummary/getDaily';

describe('monthsDescending', () => {
	it('lists every month from the last day back to the first, across a year boundary', () => {
		expect(monthsDescending('2014-12-01', '2015-02-10')).toEqual(['2015-02', '2015-01', '2014-12']);
		expect(monthsDescending('2026-11-30', '2026-11-30')).toEqual(['2026-11']);
	});
});

describe('the cursor in the store', () => {
	it('is undefined when nothing was written, and the read leaves the store empty', async () => {
		const { store, values } = memoryStore();
		expect(await readSharedCursor(store, KEY, '2014-12-01', '2026-11-25')).toBeUndefined();
		expect(values.size).toBe(0);
	});

	it('reads back the latest day written, leaving only what was written', async () => {
		const { store, values } = memoryStore();
		await writeSharedCursor(store, KEY, '2026-10-31');
		await writeSharedCursor(store, KEY, '2026-11-03');
		expect([...values].sort()).toEqual(
			[
				monthEntry(KEY, '2026-10'),
				dayEntry(KEY, '2026-10-31'),
				commitEntry(KEY, '2026-10-31'),
				monthEntry(KEY, '2026-11'),
				dayEntry(KEY, '2026-11-03'),
				commitEntry(KEY, '2026-11-03'),
			].sort(),
		);
		expect(await readSharedCursor(store, KEY, '2014-12-01', '2026-11-25')).toBe('2026-11-03');
		expect(values.size).toBe(6);
	});

	it('keeps the cursors of different keys apart', async () => {
		const { store } = memoryStore();
		await writeSharedCursor(store, KEY, '2026-11-20');
		await writeSharedCursor(store, 'node-2/messageSummary/getDaily', '2026-11-24');
		expect(await readSharedCursor(store, KEY, '2014-12-01', '2026-11-25')).toBe('2026-11-20');
	});

	it('ignores a day after the latest served one, and falls back to an earlier month when a month has no day', async () => {
		const { store, values } = memoryStore();
		await writeSharedCursor(store, KEY, '2026-10-15');
		values.add(monthEntry(KEY, '2026-11')); // a month without its day (e.g. a write cut short)
		expect(await readSharedCursor(store, KEY, '2014-12-01', '2026-11-25')).toBe('2026-10-15');
		expect(await readSharedCursor(store, KEY, '2014-12-01', '2026-10-14')).toBeUndefined();
	});

	it('does not take a day entry without its commit entry for the cursor (a probe a concurrent write brought back)', async () => {
		const { store, values } = memoryStore();
		await writeSharedCursor(store, KEY, '2026-11-02');
		// What a read's day check records for a moment, written back by another execution's write.
		for (const day of ['2026-11-03', '2026-11-04', '2026-11-05']) values.add(dayEntry(KEY, day));
		expect(await readSharedCursor(store, KEY, '2014-12-01', '2026-11-05')).toBe('2026-11-02');
	});

	it('probes at most the months since the first day and the days of one month up to the latest', async () => {
		const { store, calls } = memoryStore();
		await writeSharedCursor(store, KEY, '2026-11-02');
		calls.length = 0;
		await readSharedCursor(store, KEY, '2026-09-10', '2026-11-05');
		const checks = calls.filter((call) => call.op === 'check').map((call) => call.items);
		expect(checks).toEqual([
			[monthEntry(KEY, '2026-11'), monthEntry(KEY, '2026-10'), monthEntry(KEY, '2026-09')],
			['2026-11-05', '2026-11-04', '2026-11-03', '2026-11-02', '2026-11-01'].map((day) => dayEntry(KEY, day)),
			[commitEntry(KEY, '2026-11-02')],
		]);
	});
});

describe('laterDay', () => {
	it('takes the later day, or the one present', () => {
		expect(laterDay('2026-11-02', '2026-11-20')).toBe('2026-11-20');
		expect(laterDay('2026-11-20', '2026-11-02')).toBe('2026-11-20');
		expect(laterDay(undefined, '2026-11-02')).toBe('2026-11-02');
		expect(laterDay('2026-11-02', undefined)).toBe('2026-11-02');
		expect(laterDay(undefined, undefined)).toBeUndefined();
	});
});
