/**
 * Merges the rows of all windows of one range: keeps only rows of the planned days/periods,
 * de-duplicates by the API's row key, sorts by date, hour, type/interval, and optionally adds
 * readable fields. The response lists belong to the caller's run, so rows are shaped in place
 * (no copies). One pass computes a numeric key per row; input that arrives in key order (the
 * usual case: windows in date order, WeChat's rows sorted) needs no Map and no sort; any other
 * input is ordered by one native sort of packed (key, position) doubles, keeping the first copy.
 */
import type { IDataObject } from 'n8n-workflow';
import { toDayNumber } from '../dates/calendar';
import type { Plan } from '../dates/planRequests';
import { countIntervalLabel, hourStart, msgTypeName } from './labels';

export interface CollectOptions {
	addReadableFields: boolean;
}

export class RowShapeError extends Error {}

/** Positions fit in 21 bits of a packed sort key; larger inputs use a comparator sort. */
const POSITION_BITS = 2 ** 21;

function describeRow(raw: unknown): string {
	return JSON.stringify(raw)?.slice(0, 200) ?? String(raw);
}

/** Rows in key order, duplicates (same key) dropped, first occurrence kept. */
function orderByKey(rows: IDataObject[], keys: number[]): { rows: IDataObject[]; keys: number[] } {
	const count = rows.length;
	let order: ArrayLike<number>;
	if (count < POSITION_BITS) {
		const packed = new Float64Array(count);
		for (let i = 0; i < count; i++) packed[i] = keys[i] * POSITION_BITS + i;
		packed.sort();
		const positions = new Uint32Array(count);
		for (let i = 0; i < count; i++) positions[i] = packed[i] % POSITION_BITS;
		order = positions;
	} else {
		order = Array.from({ length: count }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
	}
	const outRows: IDataObject[] = [];
	const outKeys: number[] = [];
	let previous = -1;
	for (let i = 0; i < count; i++) {
		const position = order[i];
		if (keys[position] === previous) continue;
		previous = keys[position];
		outRows.push(rows[position]);
		outKeys.push(previous);
	}
	return { rows: outRows, keys: outKeys };
}

export function collectRows(plan: Plan, responses: readonly unknown[][], options: CollectOptions): IDataObject[] {
	const { api } = plan;
	const hourly = api.grain === 'hour';
	const codeField = api.measure === 'messages' ? 'msg_type' : 'count_interval';
	const periodLast = new Map(plan.periods.map((period) => [period.label, period.last]));
	const byPeriod = periodLast.size > 0;

	let rows: IDataObject[] = [];
	let keys: number[] = [];
	let ordered = true;
	let lastKey = -1;
	let lastDate = '';
	let lastDay = 0;
	let lastDateWanted = false;

	for (const list of responses) {
		for (const raw of list) {
			const row = raw as IDataObject;
			const refDate = row?.ref_date;
			if (refDate !== lastDate) {
				if (typeof refDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(refDate)) {
					throw new RowShapeError(`WeChat returned a row without a valid ref_date: ${describeRow(raw)}`);
				}
				lastDate = refDate;
				lastDay = toDayNumber(refDate);
				lastDateWanted = byPeriod ? periodLast.has(refDate) : refDate >= plan.begin && refDate <= plan.end;
			}
			if (!lastDateWanted) continue;
			const code = row[codeField];
			if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 999) {
				throw new RowShapeError(`WeChat returned a row without a numeric ${codeField}: ${describeRow(raw)}`);
			}
			let hour = 0;
			if (hourly) {
				const refHour = row.ref_hour;
				hour = typeof refHour === 'number' ? refHour / 100 : NaN;
				if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
					throw new RowShapeError(`WeChat returned a row without a valid ref_hour (0, 100, ... 2300): ${describeRow(raw)}`);
				}
			}
			const key = (lastDay * 24 + hour) * 1000 + code;
			if (key === lastKey) continue; // an adjacent duplicate
			if (key < lastKey) ordered = false;
			lastKey = key;
			rows.push(row);
			keys.push(key);
		}
	}

	if (!ordered) ({ rows, keys } = orderByKey(rows, keys));
	if (options.addReadableFields) {
		for (let i = 0; i < rows.length; i++) addReadableFields(rows[i], keys[i], hourly, codeField, periodLast);
	}
	return rows;
}

function addReadableFields(
	row: IDataObject,
	key: number,
	hourly: boolean,
	codeField: string,
	periodLast: Map<string, string>,
): void {
	const code = key % 1000;
	if (codeField === 'msg_type') row.msg_type_name = msgTypeName(code);
	else row.count_interval_label = countIntervalLabel(code);
	if (hourly) {
		const hour = Math.floor(key / 1000) % 24;
		row.hour = hour;
		row.start_time = hourStart(row.ref_date as string, hour);
	}
	const last = periodLast.get(row.ref_date as string);
	if (last !== undefined) row.period_end = last;
}
