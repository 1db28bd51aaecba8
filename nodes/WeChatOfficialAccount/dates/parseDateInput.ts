/**
 * Turns what a date parameter may hold into a calendar day. The date as written is the date
 * meant: '2024-03-01', '2024-03-01T23:30:00Z' and a Luxon DateTime for 1 March (in any zone) all
 * mean 2024-03-01. A JS Date has no written form: it is an instant, read as the calendar day in
 * China at that instant (midnight China time is that day, not the previous UTC day).
 */
import { chinaDay, isRealDate, type Day } from './calendar';
import { PlanError } from './PlanError';

const ISO_PREFIX =
	/^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$)/;

interface LuxonLike {
	isValid: boolean;
	year: number;
	month: number;
	day: number;
	invalidReason?: string | null;
}

function isLuxonLike(value: object): value is LuxonLike {
	const candidate = value as Partial<LuxonLike>;
	return (
		typeof candidate.isValid === 'boolean' &&
		typeof candidate.year === 'number' &&
		typeof candidate.month === 'number' &&
		typeof candidate.day === 'number'
	);
}

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

function toDay(year: number, month: number, day: number, label: string, written: string): Day {
	if (month < 1 || month > 12) {
		throw new PlanError(
			label,
			`${label} "${written}" has month ${month}, which does not exist`,
			'Use a real date as YYYY-MM-DD, for example 2024-03-01',
		);
	}
	if (!isRealDate(year, month, day)) {
		throw new PlanError(
			label,
			`${label} "${written}" is not a real calendar date (day ${day} does not exist in ${year}-${pad(month, 2)})`,
			'Use a real date as YYYY-MM-DD, for example 2024-03-01',
		);
	}
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `label` is the field's display name ("Start Date"), used in messages. */
export function parseDateInput(value: unknown, label: string): Day {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new PlanError(
			label,
			`${label} is empty`,
			'Pick a date, or choose a preset in Date Range instead of "Custom"',
		);
	}
	if (typeof value === 'string') {
		const written = value.trim();
		const match = ISO_PREFIX.exec(written);
		if (!match) {
			throw new PlanError(
				label,
				`${label} "${written.slice(0, 40)}" is not a date`,
				'Use YYYY-MM-DD (for example 2024-03-01), an ISO date-time, or an expression such as {{ $today.minus({days: 7}) }}; for relative ranges choose a preset in Date Range',
			);
		}
		return toDay(Number(match[1]), Number(match[2]), Number(match[3]), label, written);
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) {
			throw new PlanError(label, `${label} is an invalid Date`, 'Use YYYY-MM-DD');
		}
		return chinaDay(value);
	}
	if (typeof value === 'object' && isLuxonLike(value)) {
		if (!value.isValid) {
			throw new PlanError(
				label,
				`${label} is an invalid DateTime${value.invalidReason ? ` (${value.invalidReason})` : ''}`,
				'Check the expression that produces it',
			);
		}
		return toDay(value.year, value.month, value.day, label, `${value.year}-${value.month}-${value.day}`);
	}
	const kind = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
	throw new PlanError(
		label,
		`${label} must be a date, but the expression gave ${kind}`,
		'Make the expression return a date such as "2024-03-01" or {{ $today.minus({days: 7}) }}',
	);
}
