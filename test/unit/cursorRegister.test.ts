import { decode, probesFor, valuesOf } from '../../nodes/WeChatOfficialAccount/cursor/register';

const KEY = 'messageSummary/getDaily';
const P = `wechat-analytics-since-last-run|${KEY}`;

describe('a cursor as values of the deduplication store', () => {
	it('a day is its year, month and day; the unconfirmed flag one more value; nothing delivered yet: the flag alone', () => {
		expect(valuesOf(KEY, { delivered: '2026-11-25' }, 0)).toEqual([
			`${P}|0|year=2026`,
			`${P}|0|month=11`,
			`${P}|0|day=25`,
		]);
		expect(valuesOf(KEY, { delivered: '2026-01-05', unconfirmed: true }, 1)).toEqual([
			`${P}|1|year=2026`,
			`${P}|1|month=01`,
			`${P}|1|day=05`,
			`${P}|1|unconfirmed`,
		]);
		expect(valuesOf(KEY, { unconfirmed: true }, 0)).toEqual([`${P}|0|unconfirmed`]);
	});

	it('a read asks for every value of both generations: each year since 2014, 12 months, 31 days, the flag', () => {
		const probes = probesFor(KEY, '2026-11-25');
		expect(probes).toHaveLength(2 * (13 + 12 + 31 + 1));
		expect(new Set(probes).size).toBe(probes.length);
		for (const state of [{ delivered: '2014-12-01' }, { delivered: '2026-12-31', unconfirmed: true }]) {
			for (const generation of [0, 1] as const) {
				for (const value of valuesOf(KEY, state, generation)) expect(probes).toContain(value);
			}
		}
	});

	it('decodes what a write left, in either generation', () => {
		for (const state of [
			{ delivered: '2024-02-29' },
			{ delivered: '2026-11-25', unconfirmed: true },
			{ unconfirmed: true },
		]) {
			for (const generation of [0, 1] as const) {
				expect(decode(KEY, valuesOf(KEY, state, generation))).toEqual({ kind: 'cursor', state, generation });
			}
		}
		expect(decode(KEY, [])).toEqual({ kind: 'none' });
	});

	it('refuses what no write leaves: two generations, a field twice or missing, a date that does not exist, everything', () => {
		const both = [...valuesOf(KEY, { delivered: '2026-11-25' }, 0), ...valuesOf(KEY, { delivered: '2026-11-26' }, 1)];
		expect(decode(KEY, both)).toEqual({ kind: 'unreadable', found: 6 });
		expect(decode(KEY, [...valuesOf(KEY, { delivered: '2026-11-25' }, 0), `${P}|0|day=26`])).toMatchObject({
			kind: 'unreadable',
		});
		expect(decode(KEY, valuesOf(KEY, { delivered: '2026-11-25' }, 0).slice(1))).toMatchObject({ kind: 'unreadable' });
		expect(decode(KEY, [`${P}|0|year=2026`, `${P}|0|month=02`, `${P}|0|day=30`])).toMatchObject({
			kind: 'unreadable',
		});
		// Another execution's probes, seen half-way through its read.
		expect(decode(KEY, probesFor(KEY, '2026-11-25'))).toEqual({ kind: 'unreadable', found: 114 });
	});
});

describe('decode refuses a set that only looks complete', () => {
	const [year, month, day] = valuesOf(KEY, { delivered: '2026-11-25' }, 0);

	it('one field, or two, of a date: unreadable, never read as "nothing delivered yet"', () => {
		for (const partial of [[year], [month], [day], [year, month], [month, day], [year, day]]) {
			expect(decode(KEY, partial)).toEqual({ kind: 'unreadable', found: partial.length });
			expect(decode(KEY, [...partial, `${P}|0|unconfirmed`])).toEqual({
				kind: 'unreadable',
				found: partial.length + 1,
			});
		}
	});

	it('a year or a month twice: unreadable, though one of the dates would exist', () => {
		expect(decode(KEY, [year, `${P}|0|year=2025`, month, day])).toEqual({ kind: 'unreadable', found: 4 });
		expect(decode(KEY, [year, month, `${P}|0|month=10`, day])).toEqual({ kind: 'unreadable', found: 4 });
	});

	it('one value of each field, but not from one write (two generations): unreadable', () => {
		expect(decode(KEY, [year, `${P}|1|month=11`, day])).toEqual({ kind: 'unreadable', found: 3 });
	});

	it('an empty state is still written as a value (a set never stands for nothing)', () => {
		expect(valuesOf(KEY, {}, 1)).toEqual([`${P}|1|unconfirmed`]);
	});
});
