// @tz-sensitive
import { findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import {
	checkedLookbackDays,
	deliveredRows,
	lastDeliveredDay,
	MAX_LOOKBACK_DAYS,
	sinceLastRunRange,
} from '../../nodes/WeChatOfficialAccount/sinceLastRun';
import { describeInMachineZone } from './timezones';

const DAILY = findApi('userAnalysis', 'getUserSummary')!;
const WEEKLY = findApi('messageSummary', 'getWeekly')!;
const MONTHLY = findApi('messageSummary', 'getMonthly')!;
const PUBLISHED = findApi('publishedContent', 'getOverview')!;

/** An instant given as China wall-clock time (UTC+8). */
const china = (isoLocal: string) => Date.parse(`${isoLocal}+08:00`);
/** Sunday 2024-03-10 10:00 China time: WeChat serves up to Saturday 2024-03-09. */
const NOW = china('2024-03-10T10:00:00');

describeInMachineZone('sinceLastRun', () => {
	it('the apis the tests use', () => {
		expect([DAILY.grain, WEEKLY.grain, MONTHLY.grain, PUBLISHED.grain]).toEqual(['day', 'week', 'month', 'day']);
		expect(DAILY.firstDay).toBeUndefined();
		expect(PUBLISHED.firstDay).toBe('2025-11-01');
	});

	describe('checkedLookbackDays', () => {
		it('accepts whole days from 1 to 3650', () => {
			expect(checkedLookbackDays(1)).toBe(1);
			expect(checkedLookbackDays(MAX_LOOKBACK_DAYS)).toBe(3650);
		});

		it.each([0, 3651, 1.5, '7', undefined])('refuses %p', (value) => {
			let error: unknown;
			try {
				checkedLookbackDays(value);
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(PlanError);
			expect(error).toMatchObject({
				field: 'Lookback Days',
				message: `Lookback Days must be a whole number from 1 to 3650 (got ${String(JSON.stringify(value)).slice(0, 40)})`,
				hint: 'Set how many days the first "Since Last Run" delivers, for example 7',
			});
		});

		it('clips a long value in the message', () => {
			expect(() => checkedLookbackDays('y'.repeat(100))).toThrow(`(got "${'y'.repeat(39)})`);
		});
	});

	describe('sinceLastRunRange', () => {
		it('first run: Lookback Days up to the latest day WeChat serves', () => {
			expect(sinceLastRunRange(DAILY, undefined, 7, NOW)).toEqual({
				kind: 'fetch',
				from: '2024-03-03',
				begin: '2024-03-03',
				end: '2024-03-09',
				latest: '2024-03-09',
			});
			expect(sinceLastRunRange(DAILY, undefined, 1, NOW)).toMatchObject({ begin: '2024-03-09', end: '2024-03-09' });
		});

		it('before 08:00 China time the latest day is the day before yesterday', () => {
			expect(sinceLastRunRange(DAILY, undefined, 1, china('2024-03-10T07:59:59'))).toMatchObject({
				begin: '2024-03-08',
			});
			expect(sinceLastRunRange(DAILY, undefined, 1, china('2024-03-10T08:00:00'))).toMatchObject({
				begin: '2024-03-09',
			});
		});

		it('later runs start the day after the last delivered day', () => {
			expect(sinceLastRunRange(DAILY, '2024-03-05', 7, NOW)).toMatchObject({
				kind: 'fetch',
				from: '2024-03-06',
				begin: '2024-03-06',
				end: '2024-03-09',
			});
		});

		it('up to date when everything served was delivered', () => {
			expect(sinceLastRunRange(DAILY, '2024-03-09', 7, NOW)).toEqual({
				kind: 'upToDate',
				latest: '2024-03-09',
				note: 'Nothing new since the last run: everything up to 2024-03-09 was delivered, and 2024-03-09 is the latest day WeChat serves now (the next day comes after 08:00 China time)',
			});
			expect(sinceLastRunRange(DAILY, '2024-03-10', 7, NOW).kind).toBe('upToDate');
		});

		it('never before the first day WeChat keeps, for the API or in general', () => {
			expect(sinceLastRunRange(DAILY, undefined, 3650, NOW)).toMatchObject({ begin: '2014-12-01' });
			const early = { ...DAILY, firstDay: '2010-01-01' } as DatacubeApi;
			expect(sinceLastRunRange(early, undefined, 3650, NOW)).toMatchObject({ begin: '2014-12-01' });
			expect(sinceLastRunRange(PUBLISHED, undefined, 30, china('2025-11-05T10:00:00'))).toMatchObject({
				kind: 'fetch',
				begin: '2025-11-01',
				end: '2025-11-04',
			});
		});

		it('up to date when the API has no data yet', () => {
			expect(sinceLastRunRange(PUBLISHED, undefined, 7, NOW)).toEqual({
				kind: 'upToDate',
				latest: '2024-03-09',
				note: 'Nothing new since the last run: everything up to 2024-03-09 was delivered, and 2024-03-09 is the latest day WeChat serves now (the next day comes after 08:00 China time)',
			});
		});

		it('weeks: up to date until a week that starts after the delivered day has ended and been served', () => {
			// Served through Saturday 2024-03-09: the week of 2024-03-04 has not ended.
			expect(sinceLastRunRange(WEEKLY, '2024-03-03', 7, NOW)).toEqual({
				kind: 'upToDate',
				latest: '2024-03-09',
				note: 'Nothing new since the last run: no week that starts after 2024-03-03 has ended and been served yet (2024-03-09 is the latest day WeChat serves now)',
			});
			expect(sinceLastRunRange(WEEKLY, undefined, 1, NOW)).toMatchObject({
				kind: 'upToDate',
				note: expect.stringContaining('no week that starts after 2024-03-08 has ended'),
			});
			// Monday 08:00: Sunday 2024-03-10 is served, the week of 2024-03-04 is complete.
			expect(sinceLastRunRange(WEEKLY, '2024-03-03', 7, china('2024-03-11T08:00:00'))).toMatchObject({
				kind: 'fetch',
				begin: '2024-03-04',
				end: '2024-03-10',
			});
		});

		it('months: the same for months', () => {
			expect(sinceLastRunRange(MONTHLY, '2024-02-29', 7, NOW)).toMatchObject({
				kind: 'upToDate',
				note: expect.stringContaining('no month that starts after 2024-02-29'),
			});
			expect(sinceLastRunRange(MONTHLY, '2024-01-31', 7, NOW)).toMatchObject({
				kind: 'fetch',
				begin: '2024-02-01',
				end: '2024-03-09',
			});
		});

		it('days and hours are never held back for a period', () => {
			const hourly = findApi('messageSummary', 'getHourly')!;
			expect(sinceLastRunRange(hourly, '2024-03-08', 7, NOW)).toMatchObject({
				kind: 'fetch',
				begin: '2024-03-09',
			});
		});
	});

	describe('lastDeliveredDay', () => {
		it('is the end of the plan, or of its last period', () => {
			expect(lastDeliveredDay({ end: '2024-03-09', periods: [] }, undefined)).toBe('2024-03-09');
			expect(
				lastDeliveredDay({ end: '2024-03-09', periods: [{ last: '2024-02-25' }, { last: '2024-03-03' }] }, undefined),
			).toBe('2024-03-03');
		});

		it('stops before the first day that is not final (is_delay)', () => {
			expect(lastDeliveredDay({ end: '2024-03-09', periods: [] }, '2024-03-07')).toBe('2024-03-06');
			expect(lastDeliveredDay({ end: '2024-03-09', periods: [] }, '2024-03-09')).toBe('2024-03-08');
			expect(lastDeliveredDay({ end: '2024-03-09', periods: [] }, '2024-03-10')).toBe('2024-03-09');
		});
	});

	describe('deliveredRows', () => {
		const plan = { end: '2024-03-09', periods: [] };
		const rows = ['2024-03-07', '2024-03-08', '2024-03-09'].map((ref_date) => ({ ref_date }));
		const range = {
			kind: 'fetch',
			from: '2024-03-07',
			begin: '2024-03-07',
			end: '2024-03-09',
			latest: '2024-03-09',
		} as const;

		it('everything final: every row, through the end of the plan', () => {
			expect(deliveredRows(DAILY, range, plan, rows, [])).toEqual({ rows, through: '2024-03-09', heldFrom: undefined });
		});

		it('is_delay: the last day of the earliest delayed window and later are held back', () => {
			const delayed = [
				{ begin: '2024-03-09', end: '2024-03-09' },
				{ begin: '2024-03-08', end: '2024-03-08' },
			];
			expect(deliveredRows(DAILY, range, plan, rows, delayed)).toEqual({
				rows: rows.slice(0, 1),
				through: '2024-03-07',
				heldFrom: '2024-03-08',
			});
		});
	});

	describe('article series (Get Article Details: 30 statistics days per article)', () => {
		const SERIES = findApi('publishedContent', 'getArticleDetails')!;
		const AT = china('2026-01-20T09:00:00'); // latest served day 2026-01-19

		it('the api table gives the series length', () => {
			expect(SERIES.seriesDays).toBe(30);
			expect(findApi('articleAnalysis', 'getArticleTotal')!.seriesDays).toBe(7);
			expect(DAILY.seriesDays).toBeUndefined();
		});

		it('a daily run: the new statistics day, from the 30 publish days whose series hold it (30 requests)', () => {
			expect(sinceLastRunRange(SERIES, '2026-01-18', 7, AT)).toEqual({
				kind: 'fetch',
				from: '2026-01-19',
				begin: '2025-12-21',
				end: '2026-01-19',
				latest: '2026-01-19',
			});
		});

		it('after a gap: the missed statistics days, one more publish day per missed day', () => {
			expect(sinceLastRunRange(SERIES, '2026-01-15', 7, AT)).toMatchObject({ from: '2026-01-16', begin: '2025-12-18' });
		});

		it('first run: the statistics days of the last Lookback Days, never before the first day WeChat keeps', () => {
			expect(sinceLastRunRange(SERIES, undefined, 7, AT)).toMatchObject({ from: '2026-01-13', begin: '2025-12-15' });
			expect(sinceLastRunRange(SERIES, undefined, 7, china('2025-11-20T09:00:00'))).toMatchObject({
				from: '2025-11-13',
				begin: '2025-11-01',
			});
		});

		it('delivers only the rows of the new statistics days', () => {
			const range = sinceLastRunRange(SERIES, '2026-01-17', 7, AT) as Extract<
				ReturnType<typeof sinceLastRunRange>,
				{ kind: 'fetch' }
			>;
			const rows = ['2026-01-16', '2026-01-17', '2026-01-18', '2026-01-19'].map((stat_date) => ({
				ref_date: '2026-01-10',
				stat_date,
			}));
			expect(deliveredRows(SERIES, range, { end: range.end, periods: [] }, rows, [])).toEqual({
				rows: rows.slice(2),
				through: '2026-01-19',
				heldFrom: undefined,
			});
		});

		it('is_delay: the last statistics day of a delayed answer and later are held back', () => {
			const range = sinceLastRunRange(SERIES, '2026-01-17', 7, AT) as Extract<
				ReturnType<typeof sinceLastRunRange>,
				{ kind: 'fetch' }
			>;
			const rows = ['2026-01-18', '2026-01-19'].map((stat_date) => ({ ref_date: '2026-01-10', stat_date }));
			// The answer for publish day 2026-01-10 reaches the latest day; one for 2025-12-19 ends on 2026-01-17.
			const delayed = [{ begin: '2026-01-10', end: '2026-01-10' }];
			expect(deliveredRows(SERIES, range, { end: range.end, periods: [] }, rows, delayed)).toEqual({
				rows: rows.slice(0, 1),
				through: '2026-01-18',
				heldFrom: '2026-01-19',
			});
			const early = [{ begin: '2025-12-20', end: '2025-12-20' }];
			expect(deliveredRows(SERIES, range, { end: range.end, periods: [] }, rows, early)).toMatchObject({
				rows: [],
				through: '2026-01-17',
				heldFrom: '2026-01-18',
			});
		});
	});
});
