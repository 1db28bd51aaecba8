/**
 * From the node's Date Range parameters and the run's "now" to the calendar days WeChat can
 * serve: presets are computed in China time, then the range is clamped to 2014-12-01 .. yesterday.
 */
import {
	addDays,
	chinaDay,
	FIRST_DATA_DAY,
	firstOfMonth,
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
] as const;
export type DateRangePreset = (typeof DATE_RANGE_PRESETS)[number];

export interface RangeInput {
	dateRange: string;
	beginDate?: unknown;
	endDate?: unknown;
}

export interface ResolvedRange {
	/** The range as the user asked for it. */
	requested: { begin: Day; end: Day };
	/** The part WeChat can serve: 2014-12-01 .. yesterday (China time). */
	begin: Day;
	end: Day;
	/** Yesterday in China time at the run's "now". */
	yesterday: Day;
	/** Human-readable notes about clamping (not errors). */
	notes: string[];
}

function presetRange(preset: string, today: Day): { begin: Day; end: Day } {
	const yesterday = addDays(today, -1);
	switch (preset) {
		case 'yesterday':
			return { begin: yesterday, end: yesterday };
		case 'last7Days':
			return { begin: addDays(today, -7), end: yesterday };
		case 'last30Days':
			return { begin: addDays(today, -30), end: yesterday };
		case 'lastWeek': {
			const monday = addDays(mondayOf(today), -7);
			return { begin: monday, end: addDays(monday, 6) };
		}
		case 'lastMonth': {
			const lastDay = addDays(firstOfMonth(today), -1);
			return { begin: firstOfMonth(lastDay), end: lastDay };
		}
		default:
			throw new PlanError(
				'Date Range',
				`Date Range "${String(preset).slice(0, 40)}" is not a known option`,
				`Choose one of: ${DATE_RANGE_PRESETS.join(', ')}`,
			);
	}
}

export function resolveRange(input: RangeInput, now: Date | number): ResolvedRange {
	const today = chinaDay(now);
	const yesterday = addDays(today, -1);
	const requested =
		input.dateRange === 'custom'
			? {
					begin: parseDateInput(input.beginDate, 'Begin Date'),
					end: parseDateInput(input.endDate, 'End Date'),
				}
			: presetRange(input.dateRange, today);

	if (requested.begin > requested.end) {
		throw new PlanError(
			'Begin Date',
			`Begin Date ${requested.begin} is after End Date ${requested.end}`,
			'Set Begin Date on or before End Date',
		);
	}
	if (requested.end < FIRST_DATA_DAY) {
		throw new PlanError(
			'End Date',
			`The range ${requested.begin} to ${requested.end} ends before ${FIRST_DATA_DAY}, the first day WeChat keeps statistics for`,
			`Choose dates from ${FIRST_DATA_DAY} on`,
		);
	}
	if (requested.begin > yesterday) {
		throw new PlanError(
			'Begin Date',
			`The range starts on ${requested.begin}, but the latest day WeChat serves is yesterday, ${yesterday} (China time)`,
			'Choose a Begin Date up to yesterday; data for a day is complete after 08:00 China time the next day',
		);
	}

	const notes: string[] = [];
	const begin = maxDay(requested.begin, FIRST_DATA_DAY);
	const end = minDay(requested.end, yesterday);
	if (begin !== requested.begin) notes.push(`Begin Date moved from ${requested.begin} to ${begin}: WeChat has no data before it`);
	if (end !== requested.end) notes.push(`End Date moved from ${requested.end} to ${end}: yesterday (China time) is the latest day WeChat serves`);
	return { requested, begin, end, yesterday, notes };
}
