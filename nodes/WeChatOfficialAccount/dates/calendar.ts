/**
 * Calendar dates in China time (Asia/Shanghai, UTC+8, no daylight saving since 1991). A `Day` is
 * a 'YYYY-MM-DD' string: it sorts lexicographically, is what WeChat sends and expects, and never
 * depends on the machine's time zone. China has kept UTC+8 without daylight saving since 1991, so
 * "which day is it in China" is a fixed offset; day arithmetic is integer arithmetic on days since
 * 1970-01-01 (proleptic Gregorian), exact and fast enough for plans of thousands of windows.
 * No date library: the package has no runtime dependencies (n8n's verification requires it).
 */

import { CHINA_OFFSET_MS } from '../../wechat/chinaTime';

export type Day = string;

/** WeChat keeps no trustworthy data before this day. */
export const FIRST_DATA_DAY: Day = '2014-12-01';

const DAY_MS = 86_400_000;

/** The calendar day in China at the given instant. */
export function chinaDay(instant: Date | number): Day {
	const ms = typeof instant === 'number' ? instant : instant.getTime();
	return fromDayNumber(Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS));
}

/** WeChat finishes computing a day by 08:00 China time the next morning. */
export const DATA_READY_HOUR = 8;

/**
 * The latest day WeChat serves at `instant`: yesterday (China time) from 08:00 China time on,
 * the day before yesterday until then.
 */
export function latestServedDay(instant: Date | number): Day {
	const today = chinaDay(instant);
	return addDays(today, chinaTimeOfDay(instant) >= DATA_READY_HOUR * 3_600_000 ? -1 : -2);
}

/** Milliseconds since midnight China time at the given instant. */
export function chinaTimeOfDay(instant: Date | number): number {
	const ms = typeof instant === 'number' ? instant : instant.getTime();
	return (((ms + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** Inverse of dayNumber. */
export function civil(days: number): { year: number; month: number; day: number } {
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function digits(day: Day, from: number, to: number): number {
	let value = 0;
	for (let i = from; i < to; i++) value = value * 10 + (day.charCodeAt(i) - 48);
	return value;
}

export function toDayNumber(day: Day): number {
	if (day.length !== 10 || day[4] !== '-' || day[7] !== '-') throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
	return dayNumber(digits(day, 0, 4), digits(day, 5, 7), digits(day, 8, 10));
}

export function fromDayNumber(days: number): Day {
	const { year, month, day } = civil(days);
	return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addDays(day: Day, amount: number): Day {
	return fromDayNumber(toDayNumber(day) + amount);
}

/** b - a in calendar days. */
export function daysBetween(a: Day, b: Day): number {
	return toDayNumber(b) - toDayNumber(a);
}

/** The Monday of the ISO week (Monday..Sunday) containing `day`. 1970-01-01 was a Thursday. */
export function mondayOf(day: Day): Day {
	const n = toDayNumber(day);
	const weekday = (((n + 3) % 7) + 7) % 7; // 0 = Monday
	return fromDayNumber(n - weekday);
}

export function firstOfMonth(day: Day): Day {
	return `${day.slice(0, 8)}01`;
}

export function lastOfMonth(day: Day): Day {
	return addDays(firstOfNextMonth(day), -1);
}

export function firstOfNextMonth(day: Day): Day {
	const year = digits(day, 0, 4);
	const month = digits(day, 5, 7);
	return month === 12 ? `${year + 1}-01-01` : `${year}-${month < 9 ? '0' : ''}${month + 1}-01`;
}

export function maxDay(a: Day, b: Day): Day {
	return a > b ? a : b;
}

export function minDay(a: Day, b: Day): Day {
	return a < b ? a : b;
}

/** True when year/month/day name a real calendar date (2024-02-30 does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
	if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	return day <= lengths[month - 1];
}
