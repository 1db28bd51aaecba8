/**
 * Merges the rows of all windows of one range: keeps only rows of the planned days/periods,
 * de-duplicates by the API's row key, sorts by date, hour, type/interval, and optionally adds
 * readable fields. Linear in the number of rows, plus a numeric sort only when input is unsorted.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Plan } from '../dates/planRequests';
import { countIntervalLabel, hourOf, hourStart, msgTypeName } from './labels';

export interface CollectOptions {
	addReadableFields: boolean;
}

export class RowShapeError extends Error {}

/** YYYY-MM-DD -> YYYYMMDD as a number, without Date objects. */
function dateNumber(refDate: string): number {
	let value = 0;
	for (let i = 0; i < 10; i++) {
		if (i === 4 || i === 7) continue;
		value = value * 10 + (refDate.charCodeAt(i) - 48);
	}
	return value;
}

function rowKey(row: IDataObject, hourly: boolean, codeField: string, dateNum: number): number {
	const hour = hourly ? hourOf(Number(row.ref_hour)) : 0;
	return dateNum * 1e6 + hour * 1e3 + Number(row[codeField]);
}

export function collectRows(plan: Plan, responses: readonly unknown[][], options: CollectOptions): IDataObject[] {
	const { api } = plan;
	const hourly = api.grain === 'hour';
	const codeField = api.measure === 'messages' ? 'msg_type' : 'count_interval';
	const periodLast = new Map(plan.periods.map((period) => [period.label, period.last]));
	const byKey = new Map<number, IDataObject>();
	const keys: number[] = [];
	let sorted = true;
	let lastKey = -1;
	let lastDate = '';
	let lastDateNum = 0;
	let lastDateWanted = false;

	for (const list of responses) {
		for (const raw of list) {
			const row = raw as IDataObject;
			const refDate = row?.ref_date;
			if (typeof refDate !== 'string' || refDate.length !== 10) {
				throw new RowShapeError(`WeChat returned a row without a valid ref_date: ${JSON.stringify(raw).slice(0, 200)}`);
			}
			if (refDate !== lastDate) {
				lastDate = refDate;
				lastDateNum = dateNumber(refDate);
				lastDateWanted = periodLast.size > 0 ? periodLast.has(refDate) : refDate >= plan.begin && refDate <= plan.end;
			}
			if (!lastDateWanted) continue;
			const key = rowKey(row, hourly, codeField, lastDateNum);
			if (Number.isNaN(key)) {
				throw new RowShapeError(`WeChat returned a row without a numeric ${codeField}${hourly ? ' or ref_hour' : ''}: ${JSON.stringify(raw).slice(0, 200)}`);
			}
			if (byKey.has(key)) continue;
			byKey.set(key, row);
			keys.push(key);
			if (key < lastKey) sorted = false;
			lastKey = key;
		}
	}

	const order = sorted ? keys : Float64Array.from(keys).sort();
	const out: IDataObject[] = new Array(order.length);
	for (let i = 0; i < order.length; i++) {
		const row = byKey.get(order[i]) as IDataObject;
		out[i] = options.addReadableFields ? withReadableFields(row, hourly, codeField, periodLast) : { ...row };
	}
	return out;
}

function withReadableFields(
	row: IDataObject,
	hourly: boolean,
	codeField: string,
	periodLast: Map<string, string>,
): IDataObject {
	const shaped: IDataObject = { ...row };
	const code = Number(row[codeField]);
	if (codeField === 'msg_type') shaped.msg_type_name = msgTypeName(code);
	else shaped.count_interval_label = countIntervalLabel(code);
	if (hourly) {
		const hour = hourOf(Number(row.ref_hour));
		shaped.hour = hour;
		shaped.start_time = hourStart(row.ref_date as string, hour);
	}
	const last = periodLast.get(row.ref_date as string);
	if (last !== undefined) shaped.period_end = last;
	return shaped;
}
