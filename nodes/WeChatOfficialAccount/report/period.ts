/**
 * The days a report covers and the period it is compared with. The period is the Date Range after
 * the 08:00 China-time rule and the clamps (resolveRange). The previous period is the week before
 * for Last Week, the calendar month before for Last Month, and otherwise the same number of days
 * just before the period.
 */
import { addDays, daysBetween, firstOfMonth, type Day } from '../dates/calendar';
import { PlanError } from '../dates/PlanError';
import { resolveRange, type RangeInput } from '../dates/resolveRange';

/** The Date Range values a report offers (Since Last Run has no meaning for a report). */
export const REPORT_PRESETS = ['custom', 'last30Days', 'last7Days', 'lastMonth', 'lastWeek', 'yesterday'] as const;

export interface DayRange {
	begin: Day;
	end: Day;
}

export type ReportKind = 'daily' | 'weekly' | 'monthly' | 'range';

export interface ReportPeriods {
	period: DayRange;
	previous: DayRange;
	kind: ReportKind;
	/** The latest day WeChat serves at the run's "now". */
	latest: Day;
	/** Clamps and the 08:00 rule, for execution hints. */
	notes: string[];
}

/** Calendar days from begin to end, both included. */
export function dayCount(range: DayRange): number {
	return daysBetween(range.begin, range.end) + 1;
}

/** Every day of the range, in order. */
export function daysOf(range: DayRange): Day[] {
	const days: Day[] = [];
	for (let day = range.begin; day <= range.end; day = addDays(day, 1)) days.push(day);
	return days;
}

export function previousPeriod(dateRange: string, period: DayRange): DayRange {
	if (dateRange === 'lastWeek') return { begin: addDays(period.begin, -7), end: addDays(period.end, -7) };
	if (dateRange === 'lastMonth') {
		const end = addDays(period.begin, -1);
		return { begin: firstOfMonth(end), end };
	}
	const days = dayCount(period);
	return { begin: addDays(period.begin, -days), end: addDays(period.begin, -1) };
}

function kindOf(dateRange: string, period: DayRange): ReportKind {
	if (dateRange === 'lastWeek') return 'weekly';
	if (dateRange === 'lastMonth') return 'monthly';
	return period.begin === period.end ? 'daily' : 'range';
}

export function reportPeriods(input: RangeInput, now: Date | number): ReportPeriods {
	if (!(REPORT_PRESETS as readonly string[]).includes(input.dateRange)) {
		throw new PlanError(
			'Date Range',
			`Date Range "${String(input.dateRange).slice(0, 40)}" is not offered for Get Account Report`,
			`Pick one of: ${REPORT_PRESETS.join(', ')}`,
		);
	}
	const range = resolveRange(input, now);
	const period = { begin: range.begin, end: range.end };
	return {
		period,
		previous: previousPeriod(input.dateRange, period),
		kind: kindOf(input.dateRange, period),
		latest: range.latest,
		notes: range.notes,
	};
}
