/**
 * Row keys as an API's table row describes them (ordered fields with their kind), read and checked.
 * Keys made of ref_date, an optional ref_hour and an optional numeric code pack into one number
 * (the fast path, and the one every message API takes); any other key is a tuple of numbers and
 * strings compared field by field.
 */
import type { IDataObject } from 'n8n-workflow';
import type { KeyField } from '../apis/types';
import { unkeyable } from './RowShapeError';

/** Codes are whole numbers below this unless the key field sets a lower limit. */
export const DEFAULT_CODE_LIMIT = 2 ** 31;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: unknown): value is string {
	return typeof value === 'string' && DATE.test(value);
}

/** ref_hour 0, 100, ... 2300 -> 0..23, or NaN. */
export function hourOf(value: unknown): number {
	const hour = typeof value === 'number' ? value / 100 : NaN;
	return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : NaN;
}

export function isCode(value: unknown, limit: number): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < limit;
}

/** A key that packs into one number: ((day * 24 + hour) * codeRadix + code). */
export interface NumericKey {
	dateField: string;
	hourField?: string;
	codeField?: string;
	/** codeLimit when there is a code field, else 1. */
	codeRadix: number;
}

/** The numeric form of a key of the shape [date, hour?, code?], or undefined for any other key. */
export function numericKey(key: readonly KeyField[]): NumericKey | undefined {
	const [date, ...rest] = key;
	if (date?.kind !== 'date') return undefined;
	const spec: NumericKey = { dateField: date.field, codeRadix: 1 };
	if (rest[0]?.kind === 'hour') spec.hourField = rest.shift()?.field;
	if (rest[0]?.kind === 'code') {
		const code = rest.shift() as KeyField;
		spec.codeField = code.field;
		spec.codeRadix = code.limit ?? DEFAULT_CODE_LIMIT;
	}
	return rest.length === 0 ? spec : undefined;
}

export type KeyValue = number | string;

/** One key field's value of a row for ordering (hours as 0..23), or an error naming the field. */
export function keyValue(row: IDataObject, field: KeyField): KeyValue {
	const value = row[field.field];
	switch (field.kind) {
		case 'date':
			if (isDate(value)) return value;
			break;
		case 'hour': {
			const hour = hourOf(value);
			if (!Number.isNaN(hour)) return hour;
			break;
		}
		case 'code':
			if (isCode(value, field.limit ?? DEFAULT_CODE_LIMIT)) return value;
			break;
		case 'id':
			if (typeof value === 'string' && value !== '') return value;
			if (typeof value === 'number' && Number.isFinite(value)) return String(value);
			break;
	}
	throw unkeyable(field.field, field.kind, row);
}

/** Field-by-field order: numbers numerically, strings (dates, ids) by code unit. */
export function compareKeys(a: readonly KeyValue[], b: readonly KeyValue[]): number {
	for (let i = 0; i < a.length; i++) {
		if (a[i] < b[i]) return -1;
		if (a[i] > b[i]) return 1;
	}
	return 0;
}
