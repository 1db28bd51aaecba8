/**
 * A cursor written as a few values of n8n's deduplication store, and read back. Pure.
 *
 * The store keeps a set of strings per node (as MD5 hashes: it cannot list them) and answers only
 * "which of these do you hold?" (recording the ones it did not). So a cursor is written as
 * independent fields, each one value: its year, its month, its day, and a flag when an earlier run
 * output days that were not confirmed yet. A read asks for every value a field could take — every
 * year since 2014, 12 months, 31 days, the flag: about 60 values in one request — and finds
 * the cursor in the answer.
 *
 * Each write replaces the whole set in one request: it records the new values with the store's
 * `maxEntries` set to their number, which keeps only the values just appended. That works when all
 * of them are new, so the values carry a generation (0 or 1): a write uses the generation the set
 * does not hold. Only a complete, unambiguous set is read as a cursor (`decode`).
 */
import { FIRST_DATA_DAY, isRealDate, type Day } from '../dates/calendar';

const PREFIX = 'wechat-analytics-since-last-run';

export type Generation = 0 | 1;

export interface CursorState {
	/** Every day up to and including this one was delivered. */
	delivered?: Day;
	/** An earlier run output the days after `delivered`, and they were not confirmed. */
	unconfirmed?: boolean;
}

/** What a read found. */
export type Decoded =
	| { kind: 'cursor'; state: CursorState; generation: Generation }
	| { kind: 'none' }
	/** Values no single write leaves (e.g. another execution's read seen half-way): ask again. */
	| { kind: 'unreadable'; found: number };

const value = (key: string, generation: Generation, field: string) => `${PREFIX}|${key}|${generation}|${field}`;

const two = (n: number) => String(n).padStart(2, '0');

/** The values that stand for `state` (never empty: an empty state is not written). */
export function valuesOf(key: string, state: CursorState, generation: Generation): string[] {
	const values: string[] = [];
	if (state.delivered !== undefined) {
		const [year, month, day] = state.delivered.split('-');
		values.push(
			value(key, generation, `year=${year}`),
			value(key, generation, `month=${month}`),
			value(key, generation, `day=${day}`),
		);
	}
	if (state.unconfirmed || values.length === 0) values.push(value(key, generation, 'unconfirmed'));
	return values;
}

/** Every value a cursor of `key` up to the year of `latest` can consist of, in both generations. */
export function probesFor(key: string, latest: Day): string[] {
	const probes: string[] = [];
	const lastYear = Number(latest.slice(0, 4));
	for (const generation of [0, 1] as const) {
		for (let year = Number(FIRST_DATA_DAY.slice(0, 4)); year <= lastYear; year++)
			probes.push(value(key, generation, `year=${year}`));
		for (let month = 1; month <= 12; month++) probes.push(value(key, generation, `month=${two(month)}`));
		for (let day = 1; day <= 31; day++) probes.push(value(key, generation, `day=${two(day)}`));
		probes.push(value(key, generation, 'unconfirmed'));
	}
	return probes;
}

/** The cursor that the values in `held` (the probes the store holds) stand for. */
export function decode(key: string, held: Iterable<string>): Decoded {
	const found = [...new Set(held)];
	if (found.length === 0) return { kind: 'none' };
	const parsed = found.map((text) => {
		const rest = text.slice(`${PREFIX}|${key}|`.length);
		return { generation: Number(rest[0]) as Generation, field: rest.slice(2) };
	});
	const generations = new Set(parsed.map((entry) => entry.generation));
	if (generations.size !== 1 || found.length > 4) return { kind: 'unreadable', found: found.length };
	const [generation] = generations;
	const fields = (name: string) =>
		parsed.filter((entry) => entry.field.startsWith(`${name}=`)).map((entry) => entry.field.slice(name.length + 1));
	const [years, months, days] = [fields('year'), fields('month'), fields('day')];
	const unconfirmed = parsed.some((entry) => entry.field === 'unconfirmed');
	if (years.length === 0 && months.length === 0 && days.length === 0) {
		return { kind: 'cursor', state: { unconfirmed: true }, generation };
	}
	if (
		years.length !== 1 ||
		months.length !== 1 ||
		days.length !== 1 ||
		!isRealDate(Number(years[0]), Number(months[0]), Number(days[0]))
	) {
		return { kind: 'unreadable', found: found.length };
	}
	const state: CursorState = { delivered: `${years[0]}-${months[0]}-${days[0]}` };
	if (unconfirmed) state.unconfirmed = true;
	return { kind: 'cursor', state, generation };
}
