/**
 * "Since Last Run": which days to fetch, and the cursor that remembers what was delivered. Pure
 * (the node reads and writes the workflow's static data; this module only computes).
 *
 * The cursor lives in the workflow's global static data, one entry per node and operation, so
 * that a "Confirm Delivery" step elsewhere in the workflow can commit it. A run records what it
 * output as `pending` (with its execution id); days count as delivered only when confirmed, or at
 * once when the node does not wait for confirmation, or when there was nothing to deliver. A
 * pending range of an earlier execution was never confirmed (a later node failed): it is fetched
 * again. That is at-least-once delivery: destinations should upsert.
 */
import type { DatacubeApi } from './apis';
import { addDays, FIRST_DATA_DAY, latestServedDay, maxDay, type Day } from './dates/calendar';
import { PlanError } from './dates/PlanError';
import { periodsOverlapping } from './dates/planRequests';

export const STATE_KEY = 'weChatSinceLastRun';

export interface Cursor {
	/** Every day up to and including this one was delivered (and confirmed). */
	delivered?: Day;
	/** Output by node `node` in `execution`, waiting for a Confirm Delivery step after it. */
	pending?: { from: Day; through: Day; execution: string; node?: string };
}

export type CursorMap = Record<string, Cursor>;

export function cursorKey(nodeId: string, api: Pick<DatacubeApi, 'resource' | 'operation'>): string {
	return `${nodeId}/${api.resource}/${api.operation}`;
}

export const MAX_LOOKBACK_DAYS = 3650;

export function checkedLookbackDays(value: unknown): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LOOKBACK_DAYS) {
		throw new PlanError(
			'Lookback Days',
			`Lookback Days must be a whole number from 1 to ${MAX_LOOKBACK_DAYS} (got ${String(JSON.stringify(value)).slice(0, 40)})`,
			'Set how many days the first "Since Last Run" delivers, for example 7',
		);
	}
	return value;
}

export type SinceLastRunRange =
	| { kind: 'fetch'; begin: Day; end: Day; latest: Day; notes: string[] }
	| { kind: 'upToDate'; latest: Day; note: string };

/** Where the next delivery starts: after what this execution already output, else after what was confirmed. */
function deliveredThrough(cursor: Cursor | undefined, execution: string): Day | undefined {
	if (cursor?.pending && cursor.pending.execution === execution) return cursor.pending.through;
	return cursor?.delivered;
}

export function sinceLastRunRange(
	api: DatacubeApi,
	cursor: Cursor | undefined,
	execution: string,
	lookbackDays: number,
	now: number,
): SinceLastRunRange {
	const latest = latestServedDay(now);
	const notes: string[] = [];
	const through = deliveredThrough(cursor, execution);
	if (cursor?.pending && cursor.pending.execution !== execution) {
		notes.push(
			`Days ${cursor.pending.from} to ${cursor.pending.through}, output by an earlier run, were never confirmed (a later step failed, or the workflow has no Confirm Delivery step): they are fetched again`,
		);
	}
	const firstDay = maxDay(api.firstDay ?? FIRST_DATA_DAY, FIRST_DATA_DAY);
	const begin = maxDay(through === undefined ? addDays(latest, 1 - lookbackDays) : addDays(through, 1), firstDay);
	const upToDate = (why: string): SinceLastRunRange => ({ kind: 'upToDate', latest, note: why });
	if (begin > latest) {
		return upToDate(
			`Nothing new since the last run: everything up to ${through ?? latest} was delivered, and ${latest} is the latest day WeChat serves now (the next day comes after 08:00 China time)`,
		);
	}
	if (
		(api.grain === 'week' || api.grain === 'month') &&
		periodsOverlapping(api.grain, begin, latest, latest).length === 0
	) {
		return upToDate(
			`Nothing new since the last run: no ${api.grain} that starts after ${through ?? addDays(begin, -1)} has ended and been served yet (${latest} is the latest day WeChat serves now)`,
		);
	}
	return { kind: 'fetch', begin, end: latest, latest, notes };
}

/**
 * The last day a run delivered: the plan's end (for weeks/months, the last day of the last
 * completed period), but before the first day WeChat marked as not final (is_delay).
 */
export function lastDeliveredDay(plan: { end: Day; periods: Array<{ last: Day }> }, heldFrom: Day | undefined): Day {
	const end = plan.periods.length > 0 ? plan.periods[plan.periods.length - 1].last : plan.end;
	return heldFrom !== undefined && heldFrom <= end ? addDays(heldFrom, -1) : end;
}

/** The cursor after a run output [from, through]. */
export function afterDelivery(
	cursor: Cursor | undefined,
	from: Day,
	through: Day,
	execution: string,
	confirmNow: boolean,
	node?: string,
): Cursor {
	if (through < from) return { ...cursor };
	if (confirmNow) return { delivered: through };
	const start = cursor?.pending?.execution === execution ? cursor.pending.from : from;
	return { delivered: cursor?.delivered, pending: { from: start, through, execution, node } };
}

/**
 * Confirm Delivery: the cursors this execution left pending become delivered — only those of the
 * fetch nodes upstream of the confirming step (`upstream`: node names), so that a Confirm after one
 * destination never confirms what another branch has not stored yet. Returns what it confirmed.
 */
export function confirmPending(
	cursors: CursorMap,
	execution: string,
	upstream: ReadonlySet<string>,
): { cursors: CursorMap; confirmed: string[] } {
	const out: CursorMap = {};
	const confirmed: string[] = [];
	for (const [key, cursor] of Object.entries(cursors)) {
		const pending = cursor.pending;
		if (pending?.execution === execution && (pending.node === undefined || upstream.has(pending.node))) {
			out[key] = { delivered: maxDay(cursor.delivered ?? pending.through, pending.through) };
			confirmed.push(`${pending.node ?? key.split('/').slice(1).join('/')}: ${pending.from} to ${pending.through}`);
		} else {
			out[key] = cursor;
		}
	}
	return { cursors: out, confirmed };
}
