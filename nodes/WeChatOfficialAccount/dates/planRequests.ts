/**
 * Pure request planning: which date windows to ask WeChat for so that every row of the range
 * arrives with the fewest requests. Day and hour APIs: consecutive windows of at most `span`
 * days. Week and month APIs: WeChat answers a period when the window contains its label date
 * (Monday / 1st), so windows are runs of label dates no more than `span - 1` days apart.
 */
import type { DatacubeApi } from '../apis/types';
import {
	addDays,
	daysBetween,
	firstOfMonth,
	firstOfNextMonth,
	lastOfMonth,
	minDay,
	mondayOf,
	type Day,
} from './calendar';
import { PlanError } from './PlanError';
import { resolveRange, type RangeInput, type ResolvedRange } from './resolveRange';

export interface Period {
	/** ref_date WeChat uses: the Monday or the 1st. */
	label: Day;
	/** Last day of the period (Sunday / last day of the month). */
	last: Day;
}

export interface RequestWindow {
	begin: Day;
	end: Day;
	/** For week/month APIs: the period labels this window must return. */
	labels?: Day[];
}

export interface Plan extends ResolvedRange {
	api: DatacubeApi;
	/** Week/month APIs: the completed periods overlapping the range, in order. */
	periods: Period[];
	windows: RequestWindow[];
}

/** Completed weeks/months overlapping [begin, end]; a period counts when its last day <= the latest served day. */
export function periodsOverlapping(grain: 'week' | 'month', begin: Day, end: Day, latest: Day): Period[] {
	const periods: Period[] = [];
	let label = grain === 'week' ? mondayOf(begin) : firstOfMonth(begin);
	while (label <= end) {
		const last = grain === 'week' ? addDays(label, 6) : lastOfMonth(label);
		if (last <= latest) periods.push({ label, last });
		label = grain === 'week' ? addDays(label, 7) : firstOfNextMonth(label);
	}
	return periods;
}

/** Consecutive windows of at most `span` days covering [begin, end]. */
export function dayWindows(begin: Day, end: Day, span: number): RequestWindow[] {
	const windows: RequestWindow[] = [];
	for (let start = begin; start <= end; start = addDays(start, span)) {
		windows.push({ begin: start, end: minDay(addDays(start, span - 1), end) });
	}
	return windows;
}

/** Greedy grouping of label dates: each window starts at a label and takes every later label within span - 1 days. */
export function labelWindows(labels: Day[], span: number): RequestWindow[] {
	const windows: RequestWindow[] = [];
	let index = 0;
	while (index < labels.length) {
		const first = labels[index];
		const group = [first];
		index++;
		while (index < labels.length && daysBetween(first, labels[index]) <= span - 1) {
			group.push(labels[index]);
			index++;
		}
		windows.push({ begin: first, end: group[group.length - 1], labels: group });
	}
	return windows;
}

const PERIOD_WORD = { week: 'week (Monday to Sunday)', month: 'month' } as const;

export function planRequests(api: DatacubeApi, input: RangeInput, now: Date | number): Plan {
	const range = resolveRange(input, now, api.firstDay);
	if (api.grain === 'day' || api.grain === 'hour') {
		return { ...range, api, periods: [], windows: dayWindows(range.begin, range.end, api.span) };
	}
	const periods = periodsOverlapping(api.grain, range.begin, range.end, range.latest);
	if (periods.length === 0) {
		throw new PlanError(
			'Date Range',
			`No completed ${PERIOD_WORD[api.grain]} overlaps ${range.begin} to ${range.end}: WeChat serves a ${api.grain} only after it has ended and its last day is served (${range.latest} is the latest now)`,
			api.grain === 'week'
				? `Choose "Last Week", or a range that includes a week that ended by ${range.latest} (China time)`
				: `Choose "Last Month", or a range that includes a month that ended by ${range.latest} (China time)`,
		);
	}
	const windows = labelWindows(
		periods.map((period) => period.label),
		api.span,
	);
	return { ...range, api, periods, windows };
}

/**
 * Consecutive windows of one plan (a run no request has covered yet) planned again at `span`: the
 * fewest windows for their days, or for their week/month labels.
 */
export function retile(run: RequestWindow[], span: number): RequestWindow[] {
	if (run.length === 0) return [];
	if (run[0].labels)
		return labelWindows(
			run.flatMap((window) => window.labels ?? []),
			span,
		);
	return dayWindows(run[0].begin, run[run.length - 1].end, span);
}
