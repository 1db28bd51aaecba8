// @tz-sensitive
import { TZDate } from '@date-fns/tz';
import { addDays as fnsAddDays, format, startOfISOWeek } from 'date-fns';
import {
	addDays,
	chinaDay,
	daysBetween,
	firstOfNextMonth,
	fromDayNumber,
	isRealDate,
	lastOfMonth,
	mondayOf,
	toDayNumber,
} from '../../nodes/WeChatOfficialAccount/dates/calendar';
import { describeInMachineZone } from './timezones';

describeInMachineZone('calendar', () => {
	it('agrees with date-fns in China time for every day from 1999 to 2041', () => {
		let expected = new TZDate(1999, 0, 1, 'Asia/Shanghai');
		let day = '1999-01-01';
		for (let i = 0; i < 365 * 42; i++) {
			expect(day).toBe(format(expected, 'yyyy-MM-dd'));
			expect(mondayOf(day)).toBe(format(startOfISOWeek(expected), 'yyyy-MM-dd'));
			expected = fnsAddDays(expected, 1);
			day = addDays(day, 1);
		}
	}, 60_000);

	it('round-trips day numbers and measures spans', () => {
		expect(toDayNumber('1970-01-01')).toBe(0);
		expect(fromDayNumber(toDayNumber('2024-02-29'))).toBe('2024-02-29');
		expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
		expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
	});

	it('knows month ends, leap years and year edges', () => {
		expect(lastOfMonth('2024-02-10')).toBe('2024-02-29');
		expect(lastOfMonth('2100-02-10')).toBe('2100-02-28');
		expect(lastOfMonth('2000-02-10')).toBe('2000-02-29');
		expect(firstOfNextMonth('2024-12-31')).toBe('2025-01-01');
		expect(firstOfNextMonth('2024-09-30')).toBe('2024-10-01');
		expect(mondayOf('2025-01-01')).toBe('2024-12-30');
		expect(isRealDate(2024, 2, 29)).toBe(true);
		expect(isRealDate(2023, 2, 29)).toBe(false);
		expect(isRealDate(2024, 13, 1)).toBe(false);
	});

	it('isRealDate: day 0, a fractional year and the century leap rules', () => {
		expect(isRealDate(2024, 1, 0)).toBe(false);
		expect(isRealDate(2024, 1, -1)).toBe(false);
		expect(isRealDate(2024.5, 3, 1)).toBe(false);
		expect(isRealDate(2024, 0, 1)).toBe(false);
		expect(isRealDate(1900, 2, 29)).toBe(false);
		expect(isRealDate(2000, 2, 29)).toBe(true);
		expect(isRealDate(2024, 12, 31)).toBe(true);
	});

	it.each(['2024-3-01', '2024-03-1', '2024/03/01', '2024-03/01', '2024.03-01', '20240-3-01'])(
		'toDayNumber refuses %j: only YYYY-MM-DD',
		(day) => {
			expect(() => toDayNumber(day)).toThrow(new RangeError(`Not a YYYY-MM-DD day: ${day}`));
		},
	);

	it('chinaDay is the date in UTC+8, whatever the machine zone', () => {
		expect(chinaDay(Date.parse('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
		expect(chinaDay(Date.parse('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
		expect(chinaDay(new Date('2024-06-30T23:30:00-07:00'))).toBe('2024-07-01');
	});
});
