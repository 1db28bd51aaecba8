// @tz-sensitive
/**
 * The report's period and the period it is compared with, against date-fns in China time as an
 * independent calendar: Last Week → the week before, Last Month → the calendar month before,
 * anything else → the same number of days just before; the 08:00 rule and the clamps included.
 */
import { TZDate } from '@date-fns/tz';
import {
	addDays,
	differenceInCalendarDays,
	endOfMonth,
	format,
	startOfMonth,
	subDays,
	subMonths,
	subWeeks,
} from 'date-fns';
import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import { dayCount, daysOf, previousPeriod, reportPeriods } from '../../nodes/WeChatOfficialAccount/report/period';
import { describeInMachineZone } from './timezones';

const china = (day: string) => new TZDate(`${day}T12:00:00+08:00`, 'Asia/Shanghai');
const text = (date: Date) => format(date, 'yyyy-MM-dd');
const at = (chinaTime: string) => Date.parse(`${chinaTime}+08:00`);

describeInMachineZone('report periods', () => {
	it('Last Week: the week before, Monday to Sunday, for every week of 2025-2027', () => {
		for (let monday = china('2025-01-06'); monday < china('2027-12-31'); monday = addDays(monday, 7)) {
			const period = { begin: text(monday), end: text(addDays(monday, 6)) };
			expect(previousPeriod('lastWeek', period)).toEqual({
				begin: text(subWeeks(monday, 1)),
				end: text(subDays(monday, 1)),
			});
		}
	});

	it('Last Month: the calendar month before, for every month of 2024-2027 (leap February included)', () => {
		for (
			let first = china('2024-01-01');
			first < china('2027-12-31');
			first = startOfMonth(addDays(endOfMonth(first), 1))
		) {
			const period = { begin: text(first), end: text(endOfMonth(first)) };
			const before = subMonths(first, 1);
			expect(previousPeriod('lastMonth', period)).toEqual({
				begin: text(startOfMonth(before)),
				end: text(endOfMonth(before)),
			});
		}
		expect(previousPeriod('lastMonth', { begin: '2024-03-01', end: '2024-03-31' })).toEqual({
			begin: '2024-02-01',
			end: '2024-02-29',
		});
	});

	it.each([
		['yesterday', '2026-03-09', '2026-03-09'],
		['last7Days', '2026-03-03', '2026-03-09'],
		['last30Days', '2026-02-08', '2026-03-09'],
		['custom', '2025-10-25', '2025-11-07'],
		['custom', '2026-02-01', '2026-02-28'],
		['custom', '2025-12-30', '2026-01-02'],
	])('%s %s..%s: the same number of days just before', (dateRange, begin, end) => {
		const days = differenceInCalendarDays(china(end), china(begin)) + 1;
		expect(previousPeriod(dateRange, { begin, end })).toEqual({
			begin: text(subDays(china(begin), days)),
			end: text(subDays(china(begin), 1)),
		});
	});

	it('after 08:00 China time: presets end yesterday; kinds daily/weekly/monthly/range', () => {
		const now = at('2026-03-10T10:00:00');
		expect(reportPeriods({ dateRange: 'yesterday' }, now)).toMatchObject({
			period: { begin: '2026-03-09', end: '2026-03-09' },
			previous: { begin: '2026-03-08', end: '2026-03-08' },
			kind: 'daily',
			latest: '2026-03-09',
			notes: [],
		});
		expect(reportPeriods({ dateRange: 'lastWeek' }, now)).toMatchObject({
			period: { begin: '2026-03-02', end: '2026-03-08' },
			previous: { begin: '2026-02-23', end: '2026-03-01' },
			kind: 'weekly',
		});
		expect(reportPeriods({ dateRange: 'lastMonth' }, now)).toMatchObject({
			period: { begin: '2026-02-01', end: '2026-02-28' },
			previous: { begin: '2026-01-01', end: '2026-01-31' },
			kind: 'monthly',
		});
		expect(reportPeriods({ dateRange: 'last7Days' }, now)).toMatchObject({
			period: { begin: '2026-03-03', end: '2026-03-09' },
			previous: { begin: '2026-02-24', end: '2026-03-02' },
			kind: 'range',
		});
	});

	it('before 08:00 China time: yesterday is the day before, Last Week on a Monday the week before, with the hint', () => {
		const early = reportPeriods({ dateRange: 'yesterday' }, at('2026-03-10T07:30:00'));
		expect(early.period).toEqual({ begin: '2026-03-08', end: '2026-03-08' });
		expect(early.previous).toEqual({ begin: '2026-03-07', end: '2026-03-07' });
		expect(early.notes.join(' ')).toMatch(/08:00 China time/);
		// Monday 07:30: Sunday is not served yet, so the last complete week is the one before.
		const monday = reportPeriods({ dateRange: 'lastWeek' }, at('2026-03-09T07:30:00'));
		expect(monday.period).toEqual({ begin: '2026-02-23', end: '2026-03-01' });
		expect(monday.previous).toEqual({ begin: '2026-02-16', end: '2026-02-22' });
		// The 1st at 07:00: the last day of the month is not served yet.
		const first = reportPeriods({ dateRange: 'lastMonth' }, at('2026-03-01T07:00:00'));
		expect(first.period).toEqual({ begin: '2026-01-01', end: '2026-01-31' });
		expect(first.previous).toEqual({ begin: '2025-12-01', end: '2025-12-31' });
	});

	it('a custom range past the latest served day is clamped; the previous period has the clamped length', () => {
		const periods = reportPeriods(
			{ dateRange: 'custom', beginDate: '2026-03-05', endDate: '2026-03-20' },
			at('2026-03-10T10:00:00'),
		);
		expect(periods.period).toEqual({ begin: '2026-03-05', end: '2026-03-09' });
		expect(periods.previous).toEqual({ begin: '2026-02-28', end: '2026-03-04' });
		expect(periods.notes.join(' ')).toMatch(/End Date moved from 2026-03-20 to 2026-03-09/);
	});

	it('bad input names the field: Since Last Run, an unknown preset, a range with no served day', () => {
		const now = at('2026-03-10T10:00:00');
		const fieldOf = (run: () => unknown) => {
			try {
				run();
			} catch (error) {
				return [(error as PlanError).field, (error as Error).message];
			}
			return 'no error';
		};
		expect(fieldOf(() => reportPeriods({ dateRange: 'sinceLastRun' }, now))).toEqual([
			'Date Range',
			expect.stringMatching(/not offered for Get Account Report/),
		]);
		expect(fieldOf(() => reportPeriods({ dateRange: 'lastYear' }, now))[0]).toBe('Date Range');
		expect(
			fieldOf(() => reportPeriods({ dateRange: 'custom', beginDate: '2026-03-10', endDate: '2026-03-12' }, now)),
		).toEqual(['Start Date', expect.stringMatching(/latest day WeChat serves now is 2026-03-09/)]);
	});

	it('counts and lists days', () => {
		expect(dayCount({ begin: '2024-02-01', end: '2024-02-29' })).toBe(29);
		expect(daysOf({ begin: '2025-12-30', end: '2026-01-02' })).toEqual([
			'2025-12-30',
			'2025-12-31',
			'2026-01-01',
			'2026-01-02',
		]);
	});
});
