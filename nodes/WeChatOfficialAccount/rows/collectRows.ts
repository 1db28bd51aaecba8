/**
 * Merges the rows of all windows of one range, as the API's table row describes them: flattens
 * nested answers (RowShape), keeps only rows of the planned days/periods (by ref_date; for
 * getarticletotal/getarticletotaldetail the publish date, each article keeping its whole stat_date
 * series), de-duplicates by the row key keeping the first copy, sorts by it, and optionally adds
 * readable fields. A row that cannot be keyed fails the range; none is dropped silently.
 *
 * Numeric keys (ref_date, ref_hour?, code?) take the fast path: the response lists belong to the
 * caller's run, so rows are shaped in place (no copies); one pass computes a number per row; input
 * that arrives in key order (the usual case: windows in date order, WeChat's rows sorted) needs no
 * Map and no sort; other input is ordered by one native sort of packed (key, position) doubles.
 */
import type { IDataObject } from 'n8n-workflow';
import type { KeyField } from '../apis/types';
import { toDayNumber } from '../dates/calendar';
import type { Plan } from '../dates/planRequests';
import { flattenInto } from './flattenRows';
import { readableFieldsAdder } from './readableFields';
import { compareKeys, hourOf, isCode, isDate, keyValue, numericKey, type KeyValue, type NumericKey } from './rowKeys';
import { RowShapeError, unkeyable } from './RowShapeError';

export { RowShapeError };

export interface CollectOptions {
	addReadableFields: boolean;
}

/** Positions fit in 21 bits of a packed sort key. */
const POSITION_BITS = 2 ** 21;
/** Packed keys stay exact doubles below 2^53 while key < 2^32. */
const PACKABLE_KEY = 2 ** 32;
/** ref_date of no row yet (a row whose ref_date is '' or missing must still be checked). */
const NO_DATE = Symbol('no date');

/** Rows in key order, duplicates (same key) dropped, first occurrence kept. */
function orderByKey(rows: IDataObject[], keys: number[], maxKey: number): IDataObject[] {
	const count = rows.length;
	let order: ArrayLike<number>;
	if (count < POSITION_BITS && maxKey < PACKABLE_KEY) {
		const packed = new Float64Array(count);
		for (let i = 0; i < count; i++) packed[i] = keys[i] * POSITION_BITS + i;
		packed.sort();
		const positions = new Uint32Array(count);
		for (let i = 0; i < count; i++) positions[i] = packed[i] % POSITION_BITS;
		order = positions;
	} else {
		order = Array.from({ length: count }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
	}
	const out: IDataObject[] = [];
	let previous = -1;
	for (let i = 0; i < count; i++) {
		const position = order[i];
		if (keys[position] === previous) continue;
		previous = keys[position];
		out.push(rows[position]);
	}
	return out;
}

function collectByNumber(
	lists: readonly unknown[][],
	spec: NumericKey,
	wanted: (day: string) => boolean,
): IDataObject[] {
	const { dateField, hourField, codeField, codeRadix } = spec;
	const rows: IDataObject[] = [];
	const keys: number[] = [];
	let ordered = true;
	let lastKey = -1;
	let maxKey = -1;
	let lastDate: unknown = NO_DATE;
	let lastDay = 0;
	let lastDateWanted = false;

	for (const list of lists) {
		for (const raw of list) {
			const row = raw as IDataObject;
			const refDate = row?.[dateField];
			if (refDate !== lastDate) {
				if (!isDate(refDate)) throw unkeyable(dateField, 'date', raw);
				lastDate = refDate;
				lastDay = toDayNumber(refDate);
				lastDateWanted = wanted(refDate);
			}
			if (!lastDateWanted) continue;
			let code = 0;
			if (codeField !== undefined) {
				const value = row[codeField];
				if (!isCode(value, codeRadix)) throw unkeyable(codeField, 'code', raw);
				code = value;
			}
			let hour = 0;
			if (hourField !== undefined) {
				hour = hourOf(row[hourField]);
				if (Number.isNaN(hour)) throw unkeyable(hourField, 'hour', raw);
			}
			const key = (lastDay * 24 + hour) * codeRadix + code;
			if (key === lastKey) continue; // an adjacent duplicate
			if (key < lastKey) ordered = false;
			if (key > maxKey) maxKey = key;
			lastKey = key;
			rows.push(row);
			keys.push(key);
		}
	}
	return ordered ? rows : orderByKey(rows, keys, maxKey);
}

function collectByTuple(
	lists: readonly unknown[][],
	key: readonly KeyField[],
	wanted: (day: string) => boolean,
): IDataObject[] {
	const [dateField, ...restFields] = key;
	const seen = new Set<string>();
	const entries: Array<{ row: IDataObject; values: KeyValue[] }> = [];
	for (const list of lists) {
		for (const raw of list) {
			const row = raw as IDataObject;
			if (typeof row !== 'object' || row === null) throw unkeyable(dateField.field, dateField.kind, raw);
			const date = keyValue(row, dateField);
			if (!wanted(date as string)) continue;
			const values = [date, ...restFields.map((field) => keyValue(row, field))];
			const composite = values.join('\u0000');
			if (seen.has(composite)) continue;
			seen.add(composite);
			entries.push({ row, values });
		}
	}
	entries.sort((a, b) => compareKeys(a.values, b.values));
	return entries.map((entry) => entry.row);
}

export function collectRows(plan: Plan, lists: readonly unknown[][], options: CollectOptions): IDataObject[] {
	const { api } = plan;
	const periodLast = new Map(plan.periods.map((period) => [period.label, period.last]));
	const wanted =
		periodLast.size > 0 ? (day: string) => periodLast.has(day) : (day: string) => day >= plan.begin && day <= plan.end;

	let input = lists;
	if (api.shape) {
		const flat: IDataObject[] = [];
		for (const list of lists) for (const raw of list) flattenInto(flat, raw, api.shape, wanted);
		input = [flat];
	}
	const numeric = numericKey(api.key);
	const rows = numeric ? collectByNumber(input, numeric, wanted) : collectByTuple(input, api.key, wanted);
	if (options.addReadableFields) {
		const add = readableFieldsAdder(api, periodLast);
		for (let i = 0; i < rows.length; i++) add(rows[i]);
	}
	return rows;
}
