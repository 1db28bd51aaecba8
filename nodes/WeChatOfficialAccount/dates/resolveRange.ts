/**
 * From the node's Date Range parameters and the run's "now" to the calendar days WeChat can
 * serve. Everything is China time. WeChat finishes a day by 08:00 China time the next morning, so
 * the latest day it serves is yesterday from 08:00 on and the day before yesterday until then.
 * Presets end at that day and keep their length; custom ranges are clamped to
 * [first day with data, latest served day].
 */
import {
	addDays,
	chinaDay,
	FIRST_DATA_DAY,
	firstOfMonth,
	lastOfMonth,
	latestServedDay,
	maxDay,
	minDay,
	mondayOf,
	type Day,
} from './calendar';
import { parseDateInput } from './parseDateInput';
import { PlanError } from './PlanError';

export const DATE_RANGE_PRESETS = [
	'yesterday',
	'last7Days',
	'last30Days',
	'lastWeek',
	'lastMonth',
	'custom',
	'sinceLastRun',
] as const;

export const START_DATE = 'Start Date';
export const END_DATE = 'End Date';

export interface RangeInput {
	dateRange: string;
	beginDate?: unknown;
	endDate?: unknown;
	/** For 'sinceLastRun': the days to fetch, already decided from the stored marker. */
	resolved?: { begin: Day; end: Day };
}

export interface ResolvedRange {
	/** The range as the user asked for it. */
	requested: { begin: Day; end: Day };
	/** The part WeChat can serve: first data day .. latest served day. */
	begin: Day;
	end: Day;
	/** The latest day WeChat serves at the run's "now" (the 08:00 China-time rule). */
	latest: Day;
	/** Things the user should know (clamping, the 08:00 rule): shown as execution hints. */
	notes: string[];
}

/** The latest completed Monday..Sunday week ending on or before `latest`. */
export function latestWeek(latest: Day): { begin: Day; end: Day } {
	const sunday = addDays(mondayOf(addDays(latest, 1)), -1);
	return { begin: addDays(sunday, -6), end: sunday };
}

/** The latest completed month ending on or before `latest`. */
export function latestMonth(latest: Day): { begin: Day; end: Day } {
	const end = lastOfMonth(latest) === latest ? latest : addDays(firstOfMonth(latest), -1);
	return { begin: firstOfMonth(end), end };
}

function presetRange(preset: string, latest: Day): { begin: Day; end: Day } {
	switch (preset) {
		case 'yesterday':
			return { begin: latest, end: latest };
		case 'last7Days':
			return { begin: addDays(latest, -6), end: latest };
		case 'last30Days':
			return { begin: addDays(latest, -29), end: latest };
		case 'lastWeek':
			return latestWeek(latest);
		case 'lastMonth':
			return latestMonth(latest);
		default:
			throw new PlanError(
				'Date Range',
				`Date Range "${String(preset).slice(0, 40)}" is not a known option`,
				`Choose one of: ${DATE_RANGE_PRESETS.join(', ')}`,
			);
	}
}

export function resolveRange(input: RangeInput, now: Date | number, firstDay: Day = FIRST_DATA_DAY): ResolvedRange {
	const latest = latestServedDay(now);
	const yesterday = addDays(chinaDay(now), -1);
	const notes: string[] = [];
	let requested: { begin: Day; end: Day };
	if (input.dateRange === 'custom') {
		requested = { begin: parseDateInput(input.beginDate, START_DATE), end: parseDateInput(input.endDate, END_DATE) };
	} else if (input.dateRange === 'sinceLastRun' && input.resolved) {
		requested = input.resolved;
	} else {
		requested = presetRange(input.dateRange, latest);
		if (latest !== yesterday) {
			notes.push(
				`WeChat finishes a day's statistics by 08:00 China time, so before then the latest day it serves is ${latest}, not yesterday (${yesterday}); the preset ends on ${requested.end}`,
			);
		}
	}

	if (requested.begin > requested.end) {
		throw new PlanError(
			START_DATE,
			`${START_DATE} ${requested.begin} is after ${END_DATE} ${requested.end}`,
			`Set ${START_DATE} on or before ${END_DATE}`,
		);
	}
	if (requested.end < firstDay) {
		throw new PlanError(
			END_DATE,
			`The range ${requested.begin} to ${requested.end} ends before ${firstDay}, the first day WeChat keeps these statistics for`,
			`Choose dates from ${firstDay} on`,
		);
	}
	if (requested.begin > latest) {
		throw new PlanError(
			START_DATE,
			`The range starts on ${requested.begin}, but the latest day WeChat serves now is ${latest} (China time)`,
			`Choose a ${START_DATE} up to ${latest}: WeChat finishes a day's statistics by 08:00 China time the next morning`,
		);
	}

	const begin = maxDay(requested.begin, firstDay);
	const end = minDay(requested.end, latest);
	if (begin !== requested.begin)
		notes.push(`${START_DATE} moved from ${requested.begin} to ${begin}: WeChat has no data before it`);
	if (end !== requested.end) {
		notes.push(
			`${END_DATE} moved from ${requested.end} to ${end}: the latest day WeChat serves now (it finishes a day by 08:00 China time the next morning)`,
		);
	}
	return { requested, begin, end, latest, notes };
}
