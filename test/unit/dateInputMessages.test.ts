/**
 * What the date parameters' errors say, beyond the formats: a blank (whitespace-only) field counts
 * as empty, a long wrong value is quoted only up to 40 characters, an invalid Luxon DateTime gives
 * its reason (and no empty brackets without one), a DateTime-like object naming a day that does not
 * exist is quoted as year-month-day. Also: the hint for an unknown Date Range lists the options,
 * and a range already decided for "Since Last Run" is used only with that Date Range.
 */
import { DateTime } from 'luxon';
import { parseDateInput } from '../../nodes/WeChatOfficialAccount/dates/parseDateInput';
import { resolveRange } from '../../nodes/WeChatOfficialAccount/dates/resolveRange';
import { planErrorOf } from './support/toolVariant';

const refused = (value: unknown) => planErrorOf(() => parseDateInput(value, 'Start Date'));

describe('parseDateInput messages', () => {
	it.each(['   ', '\t', ' \n '])('a field of only blanks (%j) is empty, not a wrong date', (value) => {
		const error = refused(value);
		expect(error.message).toBe('Start Date is empty');
		expect(error.hint).toBe('Pick a date, or choose a preset in Date Range instead of "Custom"');
		expect(error.field).toBe('Start Date');
	});

	it('quotes a long value that is not a date only up to 40 characters', () => {
		const value = `last monday of the quarter ${'x'.repeat(60)}`;
		expect(refused(value).message).toBe(`Start Date "${value.slice(0, 40)}" is not a date`);
		expect(refused(value).message).toBe('Start Date "last monday of the quarter xxxxxxxxxxxxx" is not a date');
	});

	it('gives the reason of an invalid DateTime in brackets', () => {
		const error = refused(DateTime.invalid('unparsable'));
		expect(error.message).toBe('Start Date is an invalid DateTime (unparsable)');
		expect(error.hint).toBe('Check the expression that produces it');
	});

	it('says only "invalid DateTime" when the DateTime gives no reason', () => {
		const noReason = { isValid: false, year: NaN, month: NaN, day: NaN, invalidReason: null };
		expect(refused(noReason).message).toBe('Start Date is an invalid DateTime');
		expect(refused({ ...noReason, invalidReason: undefined }).message).toBe('Start Date is an invalid DateTime');
	});

	it('quotes a DateTime-like object for a day that does not exist as year-month-day', () => {
		const error = refused({ isValid: true, year: 2023, month: 2, day: 29 });
		expect(error.message).toBe('Start Date "2023-2-29" is not a real calendar date (day 29 does not exist in 2023-02)');
		expect(refused({ isValid: true, year: 2024, month: 13, day: 1 }).message).toBe(
			'Start Date "2024-13-1" has month 13, which does not exist',
		);
	});
});

describe('resolveRange: which range a Date Range means', () => {
	// 2024-03-10 12:00 China time: the latest day WeChat serves is 2024-03-09.
	const now = Date.UTC(2024, 2, 10, 4);

	it('lists the Date Range options in the hint for an unknown one', () => {
		const error = planErrorOf(() => resolveRange({ dateRange: 'lastQuarter' }, now));
		expect(error.message).toBe('Date Range "lastQuarter" is not a known option');
		expect(error.hint).toBe(
			'Choose one of: yesterday, last7Days, last30Days, lastWeek, lastMonth, custom, sinceLastRun',
		);
	});

	it('uses a range decided for "Since Last Run" only with that Date Range', () => {
		const resolved = { begin: '2024-03-01', end: '2024-03-03' };
		expect(resolveRange({ dateRange: 'sinceLastRun', resolved }, now)).toMatchObject({
			begin: '2024-03-01',
			end: '2024-03-03',
		});
		expect(resolveRange({ dateRange: 'last7Days', resolved }, now)).toMatchObject({
			begin: '2024-03-03',
			end: '2024-03-09',
		});
		expect(resolveRange({ dateRange: 'yesterday', resolved }, now)).toMatchObject({
			begin: '2024-03-09',
			end: '2024-03-09',
		});
	});
});
