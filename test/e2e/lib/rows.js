/** Comparing the rows n8n output with the rows the simulator expects. */
const { isDeepStrictEqual } = require('node:util');
const { wechatOnly } = require('../../engine/sim-helpers');

/** Explains how two row lists differ (first difference), or returns nothing when equal. */
function sameRows(actual, expected) {
	if (!Array.isArray(actual)) return `no output items (got ${JSON.stringify(actual)})`;
	if (expected.length === 0) return 'the simulator expects no rows: the check would prove nothing';
	if (isDeepStrictEqual(actual, expected)) return undefined;
	const keys = (rows) => rows.map((row) => JSON.stringify(row));
	const a = keys(actual);
	const e = new Set(keys(expected));
	const extra = a.filter((row) => !e.has(row));
	const seen = new Set(a);
	const missing = keys(expected).filter((row) => !seen.has(row));
	const dupes = a.length - seen.size;
	return `got ${actual.length} rows, expected ${expected.length}: ${missing.length} missing (${missing.slice(0, 2).join(' ')}), ${extra.length} unexpected (${extra.slice(0, 2).join(' ')}), ${dupes} duplicates`;
}

/** WeChat's fields of each item's json (the readable fields dropped). */
const wechatRows = (items) => items && items.map((item) => wechatOnly(item.json));

const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const sum = (rows, field) => rows.reduce((total, row) => total + row[field], 0);

module.exports = { sameRows, wechatRows, thousands, sum };
