// @tz-sensitive
import { findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import {
	afterDelivery,
	checkedLookbackDays,
	confirmPending,
	cursorKey,
	lastDeliveredDay,
	MAX_LOOKBACK_DAYS,
	sinceLastRunRange,
	STATE_KEY,
	type Cursor,
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

	describe('cursorKey and checkedLookbackDays', () => {
		it('one cursor per node and operation', () => {
			expect(cursorKey('node-1', DAILY)).toBe('node-1/userAnalysis/getUserSummary');
			expect(STATE_KEY).toBe('weChatSinceLastRun');
		});

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
			expect(sinceLastRunRange(DAILY, undefined, 'e1', 7, NOW)).toEqual({
				kind: 'fetch',
				begin: '2024-03-03',
				end: '2024-03-09',
				latest: '2024-03-09',
				notes: [],
			});
			expect(sinceLastRunRange(DAILY, {}, 'e1', 1, NOW)).toMatchObject({ begin: '2024-03-09', end: '2024-03-09' });
		});

		it('before 08:00 China time the latest day is the day before yesterday', () => {
			expect(sinceLastRunRange(DAILY, undefined, 'e1', 1, china('2024-03-10T07:59:59'))).toMatchObject({
				begin: '2024-03-08',
			});
			expect(sinceLastRunRange(DAILY, undefined, 'e1', 1, china('2024-03-10T08:00:00'))).toMatchObject({
				begin: '2024-03-09',
			});
		});

		it('later runs start the day after the last delivered day', () => {
			expect(sinceLastRunRange(DAILY, { delivered: '2024-03-05' }, 'e2', 7, NOW)).toMatchObject({
				kind: 'fetch',
				begin: '2024-03-06',
				end: '2024-03-09',
				notes: [],
			});
		});

		it('a range this execution already output (pending) is not fetched again by it', () => {
			const cursor: Cursor = {
				delivered: '2024-03-01',
				pending: { from: '2024-03-02', through: '2024-03-07', execution: 'e2' },
			};
			expect(sinceLastRunRange(DAILY, cursor, 'e2', 7, NOW)).toMatchObject({ begin: '2024-03-08', notes: [] });
		});

		it("an earlier execution's unconfirmed range is fetched again, with a note", () => {
			const cursor: Cursor = {
				delivered: '2024-03-01',
				pending: { from: '2024-03-02', through: '2024-03-07', execution: 'e1' },
			};
			expect(sinceLastRunRange(DAILY, cursor, 'e2', 7, NOW)).toEqual({
				kind: 'fetch',
				begin: '2024-03-02',
				end: '2024-03-09',
				latest: '2024-03-09',
				notes: [
					'Days 2024-03-02 to 2024-03-07, output by an earlier run, were never confirmed (a later step failed, or the workflow has no Confirm Delivery step): they are fetched again',
				],
			});
		});

		it('an unconfirmed first run starts again from Lookback Days', () => {
			const cursor: Cursor = { pending: { from: '2024-03-03', through: '2024-03-09', execution: 'e1' } };
			expect(sinceLastRunRange(DAILY, cursor, 'e2', 7, NOW)).toMatchObject({ kind: 'fetch', begin: '2024-03-03' });
		});

		it('up to date when everything served was delivered', () => {
			expect(sinceLastRunRange(DAILY, { delivered: '2024-03-09' }, 'e2', 7, NOW)).toEqual({
				kind: 'upToDate',
				latest: '2024-03-09',
				note: 'Nothing new since the last run: everything up to 2024-03-09 was delivered, and 2024-03-09 is the latest day WeChat serves now (the next day comes after 08:00 China time)',
			});
			expect(sinceLastRunRange(DAILY, { delivered: '2024-03-10' }, 'e2', 7, NOW).kind).toBe('upToDate');
		});

		it('never before the first day WeChat keeps, for the API or in general', () => {
			expect(sinceLastRunRange(DAILY, undefined, 'e1', 3650, NOW)).toMatchObject({ begin: '2014-12-01' });
			const early = { ...DAILY, firstDay: '2010-01-01' } as DatacubeApi;
			expect(sinceLastRunRange(early, undefined, 'e1', 3650, NOW)).toMatchObject({ begin: '2014-12-01' });
			expect(sinceLastRunRange(PUBLISHED, undefined, 'e1', 30, china('2025-11-05T10:00:00'))).toMatchObject({
				kind: 'fetch',
				begin: '2025-11-01',
				end: '2025-11-04',
			});
		});

		it('up to date when the API has no data yet', () => {
			expect(sinceLastRunRange(PUBLISHED, undefined, 'e1', 7, NOW)).toEqual({
				kind: 'upToDate',
				latest: '2024-03-09',
				note: 'Nothing new since the last run: everything up to 2024-03-09 was delivered, and 2024-03-09 is the latest day WeChat serves now (the next day comes after 08:00 China time)',
			});
		});

		it('weeks: up to date until a week that starts after the delivered day has ended and been served', () => {
			// Served through Saturday 2024-03-09: the week of 2024-03-04 has not ended.
			expect(sinceLastRunRange(WEEKLY, { delivered: '2024-03-03' }, 'e2', 7, NOW)).toEqual({
				kind: 'upToDate',
				latest: '2024-03-09',
				note: 'Nothing new since the last run: no week that starts after 2024-03-03 has ended and been served yet (2024-03-09 is the latest day WeChat serves now)',
			});
			expect(sinceLastRunRange(WEEKLY, undefined, 'e1', 1, NOW)).toMatchObject({
				kind: 'upToDate',
				note: expect.stringContaining('no week that starts after 2024-03-08 has ended'),
			});
			// Monday 08:00: Sunday 2024-03-10 is served, the week of 2024-03-04 is complete.
			expect(
				sinceLastRunRange(WEEKLY, { delivered: '2024-03-03' }, 'e2', 7, china('2024-03-11T08:00:00')),
			).toMatchObject({
				kind: 'fetch',
				begin: '2024-03-04',
				end: '2024-03-10',
			});
		});

		it('months: the same for months', () => {
			expect(sinceLastRunRange(MONTHLY, { delivered: '2024-02-29' }, 'e2', 7, NOW)).toMatchObject({
				kind: 'upToDate',
				note: expect.stringContaining('no month that starts after 2024-02-29'),
			});
			expect(sinceLastRunRange(MONTHLY, { delivered: '2024-01-31' }, 'e2', 7, NOW)).toMatchObject({
				kind: 'fetch',
				begin: '2024-02-01',
				end: '2024-03-09',
			});
		});

		it('days and hours are never held back for a period', () => {
			const hourly = findApi('messageSummary', 'getHourly')!;
			expect(sinceLastRunRange(hourly, { delivered: '2024-03-08' }, 'e2', 7, NOW)).toMatchObject({
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

	describe('afterDelivery', () => {
		it('nothing output: the cursor does not move', () => {
			const cursor: Cursor = { delivered: '2024-03-01' };
			const after = afterDelivery(cursor, '2024-03-02', '2024-03-01', 'e2', false);
			expect(after).toEqual(cursor);
			expect(after).not.toBe(cursor);
			expect(afterDelivery(undefined, '2024-03-02', '2024-03-01', 'e2', true)).toEqual({});
		});

		it('confirmed at once: delivered through the last day', () => {
			expect(afterDelivery({ delivered: '2024-03-01' }, '2024-03-02', '2024-03-09', 'e2', true)).toEqual({
				delivered: '2024-03-09',
			});
			expect(afterDelivery(undefined, '2024-03-09', '2024-03-09', 'e2', true)).toEqual({ delivered: '2024-03-09' });
		});

		it('waiting for confirmation: pending for this execution, delivered kept', () => {
			expect(afterDelivery({ delivered: '2024-03-01' }, '2024-03-02', '2024-03-09', 'e2', false)).toEqual({
				delivered: '2024-03-01',
				pending: { from: '2024-03-02', through: '2024-03-09', execution: 'e2' },
			});
		});

		it('a second item of the same execution extends its pending range', () => {
			const cursor: Cursor = {
				delivered: '2024-03-01',
				pending: { from: '2024-03-02', through: '2024-03-05', execution: 'e2' },
			};
			expect(afterDelivery(cursor, '2024-03-06', '2024-03-09', 'e2', false)).toEqual({
				delivered: '2024-03-01',
				pending: { from: '2024-03-02', through: '2024-03-09', execution: 'e2' },
			});
		});

		it("an earlier execution's pending range is replaced", () => {
			const cursor: Cursor = {
				delivered: '2024-03-01',
				pending: { from: '2024-03-02', through: '2024-03-05', execution: 'e1' },
			};
			expect(afterDelivery(cursor, '2024-03-02', '2024-03-09', 'e2', false)).toEqual({
				delivered: '2024-03-01',
				pending: { from: '2024-03-02', through: '2024-03-09', execution: 'e2' },
			});
		});
	});

	describe('confirmPending', () => {
		it("confirms this execution's pending ranges and leaves the others", () => {
			const other: Cursor = {
				delivered: '2024-03-01',
				pending: { from: '2024-03-02', through: '2024-03-04', execution: 'e1' },
			};
			const plain: Cursor = { delivered: '2024-03-05' };
			const cursors = {
				'node-1/userAnalysis/getUserSummary': {
					delivered: '2024-03-01',
					pending: { from: '2024-03-02', through: '2024-03-09', execution: 'e2' },
				},
				'node-2/messageSummary/getWeekly': { pending: { from: '2024-02-26', through: '2024-03-03', execution: 'e2' } },
				'node-3/userAnalysis/getUserCumulate': other,
				'node-4/userAnalysis/getUserCumulate': plain,
			};
			const { cursors: out, confirmed } = confirmPending(cursors, 'e2', new Set());
			expect(out).toEqual({
				'node-1/userAnalysis/getUserSummary': { delivered: '2024-03-09' },
				'node-2/messageSummary/getWeekly': { delivered: '2024-03-03' },
				'node-3/userAnalysis/getUserCumulate': other,
				'node-4/userAnalysis/getUserCumulate': plain,
			});
			expect(out['node-3/userAnalysis/getUserCumulate']).toBe(other);
			expect(confirmed).toEqual([
				'userAnalysis/getUserSummary: 2024-03-02 to 2024-03-09',
				'messageSummary/getWeekly: 2024-02-26 to 2024-03-03',
			]);
		});

		it('never moves the delivered day back', () => {
			const cursors = {
				'n/r/o': { delivered: '2024-03-09', pending: { from: '2024-03-01', through: '2024-03-05', execution: 'e2' } },
			};
			expect(confirmPending(cursors, 'e2', new Set()).cursors).toEqual({ 'n/r/o': { delivered: '2024-03-09' } });
		});

		it('confirms only what fetch nodes upstream of the Confirm step left pending', () => {
			const cursors = {
				'a/r/o': { pending: { from: '2024-03-01', through: '2024-03-05', execution: 'e2', node: 'WeChat A' } },
				'b/r/o': { pending: { from: '2024-03-01', through: '2024-03-05', execution: 'e2', node: 'WeChat B' } },
			};
			const { cursors: out, confirmed } = confirmPending(cursors, 'e2', new Set(['Input', 'WeChat A']));
			expect(out['a/r/o']).toEqual({ delivered: '2024-03-05' });
			expect(out['b/r/o']).toBe(cursors['b/r/o']);
			expect(confirmed).toEqual(['WeChat A: 2024-03-01 to 2024-03-05']);
		});

		it('nothing pending: nothing confirmed', () => {
			expect(confirmPending({}, 'e2', new Set())).toEqual({ cursors: {}, confirmed: [] });
		});
	});
});
