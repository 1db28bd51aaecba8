// @tz-sensitive
import { DateTime } from 'luxon';
import { parseDateInput } from '../../nodes/WeChatOfficialAccount/dates/parseDateInput';
import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import { describeInMachineZone } from './timezones';

function failure(value: unknown): PlanError {
	try {
		parseDateInput(value, 'Begin Date');
	} catch (error) {
		expect(error).toBeInstanceOf(PlanError);
		return error as PlanError;
	}
	throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describeInMachineZone('parseDateInput', () => {
	it.each([
		['2024-03-01', '2024-03-01'],
		[' 2024-3-1 ', '2024-03-01'],
		['2024-03-01T00:00:00', '2024-03-01'],
		['2024-03-01T23:30:00Z', '2024-03-01'],
		['2024-03-01T00:30:00.000+08:00', '2024-03-01'],
		['2024-03-01T23:59:59-0700', '2024-03-01'],
		['2024-02-29', '2024-02-29'],
		['2000-02-29', '2000-02-29'],
	])('reads %j as %s (the date as written)', (input, expected) => {
		expect(parseDateInput(input, 'Begin Date')).toBe(expected);
	});

	it('reads a Luxon DateTime by its own calendar date, in any zone', () => {
		expect(parseDateInput(DateTime.fromISO('2024-03-01T23:30:00', { zone: 'America/Los_Angeles' }), 'Begin Date')).toBe(
			'2024-03-01',
		);
		expect(parseDateInput(DateTime.fromISO('2024-03-01T00:10:00', { zone: 'Asia/Shanghai' }), 'Begin Date')).toBe(
			'2024-03-01',
		);
	});

	it('reads a JS Date (an instant) by its calendar day in China', () => {
		expect(parseDateInput(new Date('2024-03-01T12:00:00Z'), 'Start Date')).toBe('2024-03-01');
		// Midnight China time is 16:00 UTC the day before: still 1 March in China.
		expect(parseDateInput(new Date('2024-03-01T00:00:00+08:00'), 'Start Date')).toBe('2024-03-01');
		expect(parseDateInput(new Date('2024-03-01T23:59:59+08:00'), 'Start Date')).toBe('2024-03-01');
		expect(parseDateInput(new Date('2024-02-29T16:00:00Z'), 'Start Date')).toBe('2024-03-01');
	});

	it.each([
		['2024-02-30', /not a real calendar date/],
		['2023-02-29', /not a real calendar date/],
		['2024-13-01', /month 13/],
		['2024-00-10', /month 0, which does not exist/],
		['2024-02-00', /day 0 does not exist in 2024-02/],
		['1900-02-29', /not a real calendar date/],
		[{ year: 2024, month: 3, day: 1 }, /gave an object/],
		[{ isValid: true, month: 3, day: 1 }, /gave an object/],
		[{ isValid: true, year: 2024, day: 1 }, /gave an object/],
		[{ isValid: true, year: 2024, month: 3 }, /gave an object/],
		['yesterday', /is not a date/],
		['01/03/2024', /is not a date/],
		['2024-03-01T25:00', /is not a date/],
		['', /is empty/],
		[undefined, /is empty/],
		[20240301, /gave a number/],
		[{ date: '2024-03-01' }, /gave an object/],
		[['2024-03-01'], /gave an array/],
		[true, /gave a boolean/],
		[DateTime.invalid('bad input'), /invalid DateTime/],
		[new Date('nope'), /invalid Date/],
	])('refuses %j, naming the field: %s', (input, message) => {
		const error = failure(input);
		expect(error.field).toBe('Begin Date');
		expect(error.message).toMatch(/^Begin Date/);
		expect(error.message).toMatch(message);
		expect(error.hint).toMatch(/YYYY-MM-DD|date|expression|preset/i);
	});
});
