/**
 * The "Since Last Run" cursor, also kept in n8n's deduplication store (the database table behind
 * the Remove Duplicates node), so that every process of an n8n installation sees it.
 *
 * Why: in queue mode n8n 2.41 starts a new execution on a worker without the workflow's static data
 * (the execution's workflow snapshot has none, and the worker reloads it only when it resumes an
 * execution). A cursor kept only in static data is saved by the worker but never read back.
 *
 * How: the store keeps a set of strings per workflow and can only "check and record" or remove them.
 * A delivered cursor `day` of `key` is recorded in one write as three entries: its month, its day
 * and a commit entry for that day. Reading checks the months, then the days of the latest month
 * found, then the commit entries of the days found, and removes every value a check recorded. The
 * cursor only ever moves forward, so the latest day found with its commit entry is the cursor.
 *
 * Why a commit entry: n8n's store is read-modify-write without a transaction, so a write of another
 * execution that read the set while a check had recorded its probes can write those probes back. A
 * day entry brought back that way has no commit entry (the commit check comes later, in a separate
 * write), so it is not taken for the cursor. A lost write leaves an earlier cursor: days come again
 * (at least once), none is skipped.
 */
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedOptions,
	IDeduplicationOutput,
	IExecuteFunctions,
} from 'n8n-workflow';
import { addDays, FIRST_DATA_DAY, lastOfMonth, latestServedDay, maxDay, type Day } from './dates/calendar';
import type { Cursor, CursorMap } from './sinceLastRun';

/** The part of n8n's helpers this module uses (IExecuteFunctions['helpers']). */
export interface DeduplicationStore {
	checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput>;
	removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		options: ICheckProcessedOptions,
	): Promise<void>;
}

const SCOPE: DeduplicationScope = 'workflow';
const OPTIONS: ICheckProcessedOptions = { mode: 'entries' };
const PREFIX = 'wechat-analytics-since-last-run';

export function monthEntry(key: string, month: string): string {
	return `${PREFIX}|${key}|month|${month}`;
}

export function dayEntry(key: string, day: Day): string {
	return `${PREFIX}|${key}|day|${day}`;
}

export function commitEntry(key: string, day: Day): string {
	return `${PREFIX}|${key}|commit|${day}`;
}

/** The months from `first`'s to `last`'s, latest first (YYYY-MM). */
export function monthsDescending(first: Day, last: Day): string[] {
	const months: string[] = [];
	for (let day = `${last.slice(0, 7)}-01`; day >= first.slice(0, 7); day = `${addDays(day, -1).slice(0, 7)}-01`) {
		months.push(day.slice(0, 7));
	}
	return months;
}

/** Which of `entries` the store holds; leaves the store as it was (the probes it had to record are removed). */
async function holds(store: DeduplicationStore, entries: string[]): Promise<Set<string>> {
	const { new: added, processed } = await store.checkProcessedAndRecord(entries, SCOPE, OPTIONS);
	if (added.length > 0) await store.removeProcessed(added, SCOPE, OPTIONS);
	return new Set(processed.map(String));
}

/** The latest day recorded as delivered for `key`, from `first` through `latest`; undefined if none. */
export async function readSharedCursor(
	store: DeduplicationStore,
	key: string,
	first: Day,
	latest: Day,
): Promise<Day | undefined> {
	const months = monthsDescending(first, latest);
	const recorded = await holds(
		store,
		months.map((month) => monthEntry(key, month)),
	);
	for (const month of months) {
		if (!recorded.has(monthEntry(key, month))) continue;
		const days: Day[] = [];
		for (let day = lastOfMonth(`${month}-01`); day >= `${month}-01`; day = addDays(day, -1)) {
			if (day <= latest && day >= first) days.push(day);
		}
		const found = await holds(
			store,
			days.map((day) => dayEntry(key, day)),
		);
		const candidates = days.filter((day) => found.has(dayEntry(key, day)));
		if (candidates.length === 0) continue;
		const committed = await holds(
			store,
			candidates.map((day) => commitEntry(key, day)),
		);
		const cursor = candidates.find((day) => committed.has(commitEntry(key, day)));
		if (cursor !== undefined) return cursor;
	}
	return undefined;
}

/** Records that everything of `key` up to and including `day` was delivered. */
export async function writeSharedCursor(store: DeduplicationStore, key: string, day: Day): Promise<void> {
	await store.checkProcessedAndRecord(
		[monthEntry(key, day.slice(0, 7)), dayEntry(key, day), commitEntry(key, day)],
		SCOPE,
		OPTIONS,
	);
}

/** The later of two cursors (either may be missing). */
export function laterDay(a: Day | undefined, b: Day | undefined): Day | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return maxDay(a, b);
}

/**
 * The cursors in n8n's deduplication store, next to the static data, for one node's execution: a queue-mode
 * worker starts without the static data, the store is in the database every process shares. Read
 * in every mode (a manual run shows what the next production run delivers), written only by
 * production executions, like static data. A store n8n cannot offer leaves static data alone.
 */
export class SharedCursors {
	private readonly read = new Map<string, Day | undefined>();
	private unavailable = false;
	readonly notes: string[] = [];

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly hints: { add(note: string): unknown },
	) {}

	/** The cursor with `delivered` = the later of static data's and the store's. */
	async merged(
		key: string,
		cursor: Cursor | undefined,
		firstDay: Day | undefined,
		now: number,
	): Promise<Cursor | undefined> {
		if (!this.read.has(key)) {
			const first = maxDay(firstDay ?? FIRST_DATA_DAY, FIRST_DATA_DAY);
			this.read.set(
				key,
				await this.attempt(() => readSharedCursor(this.ctx.helpers, key, first, latestServedDay(now))),
			);
		}
		const delivered = laterDay(cursor?.delivered, this.read.get(key));
		return delivered === cursor?.delivered ? cursor : { ...cursor, delivered };
	}

	/** Records in the store every cursor whose `delivered` moved from `before` to `after`. */
	async recordDelivered(before: CursorMap, after: CursorMap): Promise<void> {
		if (this.ctx.getMode() === 'manual') return;
		for (const [key, cursor] of Object.entries(after)) {
			const day = cursor.delivered;
			if (day === undefined || day === before[key]?.delivered) continue;
			await this.attempt(() => writeSharedCursor(this.ctx.helpers, key, day));
		}
	}

	private async attempt<T>(operation: () => Promise<T>): Promise<T | undefined> {
		// n8n keeps processed data per saved workflow: a workflow without an id has nothing to share.
		if (
			this.unavailable ||
			!this.ctx.getWorkflow().id ||
			typeof this.ctx.helpers.checkProcessedAndRecord !== 'function'
		) {
			return undefined;
		}
		try {
			return await operation();
		} catch (error) {
			this.unavailable = true;
			const note = `"Since Last Run" could not use n8n's deduplication store (${String((error as Error)?.message ?? error).slice(0, 200)}): its progress is kept in the workflow's static data only, which n8n's queue mode does not carry from one execution to the next`;
			this.ctx.logger.warn(`WeChat Official Account: ${note}`);
			this.hints.add(note);
			this.notes.push(note);
			return undefined;
		}
	}
}
