/** WeChat answered with a row the node cannot key or shape: the item fails, the row never vanishes. */
import type { KeyKind } from '../apis/types';

export class RowShapeError extends Error {}

export function describeRow(raw: unknown): string {
	return JSON.stringify(raw)?.slice(0, 200) ?? String(raw);
}

const EXPECTED: Record<KeyKind, (field: string) => string> = {
	date: (field) => `a valid ${field} (YYYY-MM-DD)`,
	hour: (field) => `a valid ${field} (0, 100, ... 2300)`,
	code: (field) => `a numeric ${field} (a whole number from 0)`,
	id: (field) => `a ${field} (a non-empty string)`,
};

/** The error for a row whose key field is missing or malformed. */
export function unkeyable(field: string, kind: KeyKind, raw: unknown): RowShapeError {
	return new RowShapeError(`WeChat returned a row without ${EXPECTED[kind](field)}: ${describeRow(raw)}`);
}
