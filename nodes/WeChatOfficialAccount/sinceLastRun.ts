/**
 * "Since Last Run": which days a run fetches and which of the fetched rows it delivers, given the
 * cursor (the last day delivered). Pure; where the cursor is kept is cursor/'s business.
 *
 * Most operations select data days: a run fetches the days after the cursor up to the latest day
 * WeChat serves (weeks and months: the completed ones). Article series (Get Article Details, Get
 * Article Total) select publish days, and each article's cumulative series gains one statistics day
 * (stat_date) a day for `seriesDays` days: there the cursor is a stat_date, a run fetches every
 * publish day whose series can hold a stat_date after it, and delivers just the rows of the new
 * stat_dates — each (msgid, stat_date) once, as WeChat serves that day.
 */
import type { IDataObject } from 'n8n-workflow';
import type { DatacubeApi } from './apis';
import { addDays, FIRST_DATA_DAY, latestServedDay, maxDay, minDay, type Day } from './dates/calendar';
import { PlanError } from './dates/PlanError';
import { periodsOverlapping, type RequestWindow } from './dates/planRequests';

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
	| {
			kind: 'fetch';
			/** The first day to deliver (for article series: the first new stat_date). */
			from: Day;
			/** The days to request (for article series: publish days). */
			begin: Day;
			end: Day;
			latest: Day;
	  }
	| { kind: 'upToDate'; latest: Day; note: string };

/** The range of a run: after `delivered` (none yet: the last `lookbackDays` days) up to the latest day served. */
export function sinceLastRunRange(
	api: DatacubeApi,
	delivered: Day | undefined,
	lookbackDays: number,
	now: number,
): SinceLastRunRange {
	const latest = latestServedDay(now);
	const firstDay = maxDay(api.firstDay ?? FIRST_DATA_DAY, FIRST_DATA_DAY);
	const from = maxDay(delivered === undefined ? addDays(latest, 1 - lookbackDays) : addDays(delivered, 1), firstDay);
	const upToDate = (why: string): SinceLastRunRange => ({ kind: 'upToDate', latest, note: why });
	if (from > latest) {
		return upToDate(
			`Nothing new since the last run: everything up to ${delivered ?? latest} was delivered, and ${latest} is the latest day WeChat serves now (the next day comes after 08:00 China time)`,
		);
	}
	if (
		(api.grain === 'week' || api.grain === 'month') &&
		periodsOverlapping(api.grain, from, latest, latest).length === 0
	) {
		return upToDate(
			`Nothing new since the last run: no ${api.grain} that starts after ${delivered ?? addDays(from, -1)} has ended and been served yet (${latest} is the latest day WeChat serves now)`,
		);
	}
	const begin = api.seriesDays ? maxDay(addDays(from, 1 - api.seriesDays), firstDay) : from;
	return { kind: 'fetch', from, begin, end: latest, latest };
}

/**
 * The last day a run delivered: the plan's end (for weeks/months, the last day of the last
 * completed period), but before the first day WeChat marked as not final (is_delay).
 */
export function lastDeliveredDay(plan: { end: Day; periods: Array<{ last: Day }> }, heldFrom: Day | undefined): Day {
	const end = plan.periods.length > 0 ? plan.periods[plan.periods.length - 1].last : plan.end;
	return heldFrom !== undefined && heldFrom <= end ? addDays(heldFrom, -1) : end;
}

export interface Delivered {
	rows: IDataObject[];
	/** Every day up to this one is delivered by this run (before `from`: nothing). */
	through: Day;
	/** The first day held back because WeChat has not finalised it (is_delay). */
	heldFrom?: Day;
}

/**
 * What a run delivers of the rows it fetched for `range`: the days WeChat has finalised. A window
 * WeChat answered with is_delay holds back its last day and everything after it; for an article
 * series that is the window's last stat_date (the publish day's series end, or the latest day).
 */
export function deliveredRows(
	api: DatacubeApi,
	range: Extract<SinceLastRunRange, { kind: 'fetch' }>,
	plan: { end: Day; periods: Array<{ last: Day }> },
	rows: IDataObject[],
	delayed: RequestWindow[],
): Delivered {
	const series = api.seriesDays;
	const lastFigures = (window: RequestWindow) =>
		series ? minDay(addDays(window.end, series - 1), range.latest) : window.end;
	const heldFrom = delayed.length > 0 ? delayed.map(lastFigures).sort()[0] : undefined;
	if (series) {
		const day = (row: IDataObject) => String(row.stat_date);
		return {
			rows: rows.filter((row) => day(row) >= range.from && (heldFrom === undefined || day(row) < heldFrom)),
			through: heldFrom === undefined ? range.end : addDays(heldFrom, -1),
			heldFrom,
		};
	}
	return {
		rows: heldFrom === undefined ? rows : rows.filter((row) => String(row.ref_date) < heldFrom),
		through: lastDeliveredDay(plan, heldFrom),
		heldFrom,
	};
}
