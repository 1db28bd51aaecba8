/**
 * Turns WeChat's nested list elements into flat rows, as an API's RowShape says: explode a nested
 * list into one row per element (the parent's fields carried along), lift an object's fields to the
 * top level, and add one field per scene of a scene list (the list itself is kept). Fields not
 * named by the shape pass through unchanged.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RowShape, SceneFields } from '../apis/types';
import { unknownSceneField } from '../apis/labels';
import { describeRow, RowShapeError, unkeyable } from './RowShapeError';
import { isDate } from './rowKeys';

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addSceneFields(target: IDataObject, list: unknown[], scenes: SceneFields): void {
	for (const entry of list) {
		if (!isObject(entry)) continue;
		const scene = entry[scenes.scene];
		if (typeof scene !== 'string') continue;
		const field = scenes.fields[scene] ?? unknownSceneField(scene);
		if (!(field in target)) target[field] = entry[scenes.count];
	}
}

/**
 * Copies `source`'s fields into `row` (fields already there win): at the top level the exploded
 * list is left out and the lift object's fields join at its position; scene fields follow their list.
 */
function copyFields(row: IDataObject, source: IDataObject, shape: RowShape, top: boolean): void {
	for (const name of Object.keys(source)) {
		if ((top && name === shape.explode) || name in row) continue;
		const value = source[name];
		if (top && name === shape.lift && isObject(value)) {
			copyFields(row, value, shape, false);
			continue;
		}
		row[name] = value;
		if (shape.scenes && name === shape.scenes.list && Array.isArray(value)) addSceneFields(row, value, shape.scenes);
	}
}

function flatRow(parent: IDataObject, element: IDataObject | undefined, shape: RowShape): IDataObject {
	const row: IDataObject = {};
	copyFields(row, parent, shape, true);
	if (element) copyFields(row, element, shape, true);
	return row;
}

/**
 * Appends the flat rows of `raw` to `out`. `wanted(refDate)` selects the parents to keep; a parent
 * without a valid ref_date, an exploded list that is not a list, or a list element that is not an
 * object is an error.
 */
export function flattenInto(
	out: IDataObject[],
	raw: unknown,
	shape: RowShape,
	wanted: (refDate: string) => boolean,
): void {
	if (!isObject(raw) || !isDate(raw.ref_date)) throw unkeyable('ref_date', 'date', raw);
	if (!wanted(raw.ref_date)) return;
	if (!shape.explode) {
		out.push(flatRow(raw, undefined, shape));
		return;
	}
	const list = raw[shape.explode];
	if (!Array.isArray(list)) {
		throw new RowShapeError(`WeChat returned a row without its ${shape.explode} list: ${describeRow(raw)}`);
	}
	for (const element of list) {
		if (!isObject(element)) {
			throw new RowShapeError(`WeChat returned a ${shape.explode} entry that is not an object: ${describeRow(raw)}`);
		}
		out.push(flatRow(raw, element, shape));
	}
}
