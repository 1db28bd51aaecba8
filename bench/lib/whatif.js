'use strict';
/**
 * What-if variants of the built collectRows, for bench/profile.js ONLY (the node's code is not
 * changed by the benchmark). Each variant is written to a temp directory and checked to give the
 * same output as the built function before its numbers are reported.
 *   assign   the built code with `{ ...row }` replaced by `Object.assign({}, row)` (V8 11/Node 20:
 *            adding properties to a spread clone is ~40x slower than to an Object.assign clone)
 *   fast     `assign` plus no Map per row, one numeric sort for unordered input, and start_time
 *            as date + one of 24 shared suffixes (see fastSource)
 *   inplace  `fast`, adding the readable fields to the parsed rows instead of copying them
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DIST_ROWS = path.resolve(__dirname, '..', '..', 'dist', 'nodes', 'WeChatOfficialAccount', 'rows');

function tempDir() {
	const dir = path.join(os.tmpdir(), `wechat-bench-whatif-${process.pid}`);
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

function withAbsoluteLabels(source) {
	return source.replace('require("./labels")', `require(${JSON.stringify(path.join(DIST_ROWS, 'labels.js'))})`);
}

function writeAssignVariant(dir = tempDir()) {
	const built = fs.readFileSync(path.join(DIST_ROWS, 'collectRows.js'), 'utf8');
	const patched = withAbsoluteLabels(built)
		.replace('const shaped = { ...row };', 'const shaped = Object.assign({}, row);')
		.replace(': { ...row };', ': Object.assign({}, row);');
	const spreads = (patched.match(/\{ \.\.\.row \}/g) || []).length;
	if (spreads !== 0 || patched === built) throw new Error('whatif: the built collectRows.js no longer has the expected `{ ...row }` copies');
	const file = path.join(dir, 'collectRows.assign.js');
	fs.writeFileSync(file, patched);
	return file;
}

/**
 * `fast` (copy = 'assign') and `inplace` (copy = 'none'): one pass that keeps rows and keys in
 * arrays without a Map while keys arrive in increasing order (a key not above the maximum is
 * looked up by binary search: a duplicate is skipped); otherwise (shuffled input) de-duplicates
 * and orders by ONE numeric sort of packed (compact key, input index)
 * doubles, keeping the first occurrence of a key. Falls back to the built Map approach for keys
 * that do not pack (codes outside 0..999, more than 16.7 M rows, dates outside 2014-12-01..2059).
 * `inplace` adds the readable fields to the parsed response rows instead of copying them.
 */
function fastSource(copyMode) {
	const copyExpr = copyMode === 'none' ? 'row' : "(Object.prototype.hasOwnProperty.call(row, '__proto__') ? { ...row } : Object.assign({}, row))";
	return `"use strict";
// What-if (benchmark only): collectRows without per-row Map operations; copy mode: ${copyMode}.
const labels_1 = require(${JSON.stringify(path.join(DIST_ROWS, 'labels.js'))});
class RowShapeError extends Error {}
exports.RowShapeError = RowShapeError;
function dateNumber(refDate) {
  let value = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    value = value * 10 + (refDate.charCodeAt(i) - 48);
  }
  return value;
}
/** days since 1970-01-01 of a YYYYMMDD number (civil calendar). */
function dayOrdinal(dateNum) {
  const y0 = Math.floor(dateNum / 10000), m = Math.floor(dateNum / 100) % 100, d = dateNum % 100;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400), yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
const INDEX_BITS = 16777216; // 2^24 rows
function shape(row, readable, hourly, codeField, periodLast) {
  const shaped = ${copyExpr};
  if (!readable) return shaped;
  const code = Number(row[codeField]);
  if (codeField === 'msg_type') shaped.msg_type_name = (0, labels_1.msgTypeName)(code);
  else shaped.count_interval_label = (0, labels_1.countIntervalLabel)(code);
  if (hourly) {
    const hour = (0, labels_1.hourOf)(Number(row.ref_hour));
    shaped.hour = hour;
    // one string concatenation with a shared suffix instead of a template literal (3 strings)
    shaped.start_time = hour >= 0 && hour < 24 ? row.ref_date + HOUR_SUFFIX[hour] : (0, labels_1.hourStart)(row.ref_date, hour);
  }
  const last = periodLast.get(row.ref_date);
  if (last !== undefined) shaped.period_end = last;
  return shaped;
}
const HOUR_SUFFIX = Array.from({ length: 24 }, (_, hour) => (0, labels_1.hourStart)('', hour));
function collectRows(plan, responses, options) {
  const { api } = plan;
  const hourly = api.grain === 'hour';
  const codeField = api.measure === 'messages' ? 'msg_type' : 'count_interval';
  const periodLast = new Map(plan.periods.map((period) => [period.label, period.last]));
  const readable = options.addReadableFields;
  const rows = [];
  const keys = []; // the built key: dateNum * 1e6 + hour * 1e3 + code
  const compact = []; // (days since 2014-12-01 * 24 + hour) * 1000 + code, when it packs
  let packs = true;
  let ordered = true;
  let maxKey = -Infinity;
  let lastDate = '';
  let lastDateNum = 0;
  let lastDay = 0;
  let lastDateWanted = false;
  for (const list of responses) {
    for (const raw of list) {
      const row = raw;
      const refDate = row?.ref_date;
      if (typeof refDate !== 'string' || refDate.length !== 10) {
        throw new RowShapeError('WeChat returned a row without a valid ref_date: ' + JSON.stringify(raw).slice(0, 200));
      }
      if (refDate !== lastDate) {
        lastDate = refDate;
        lastDateNum = dateNumber(refDate);
        lastDay = dayOrdinal(lastDateNum) - 16405; // days since 2014-12-01
        lastDateWanted = periodLast.size > 0 ? periodLast.has(refDate) : refDate >= plan.begin && refDate <= plan.end;
      }
      if (!lastDateWanted) continue;
      const hour = hourly ? (0, labels_1.hourOf)(Number(row.ref_hour)) : 0;
      const code = Number(row[codeField]);
      const key = lastDateNum * 1e6 + hour * 1e3 + code;
      if (Number.isNaN(key)) {
        throw new RowShapeError('WeChat returned a row without a numeric ' + codeField + (hourly ? ' or ref_hour' : '') + ': ' + JSON.stringify(raw).slice(0, 200));
      }
      if (key > maxKey) maxKey = key;
      else if (ordered) {
        // keys so far are increasing: a binary search tells a duplicate (skip it) from disorder
        let lo = 0, hi = keys.length - 1, found = false;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (keys[mid] === key) { found = true; break; }
          if (keys[mid] < key) lo = mid + 1; else hi = mid - 1;
        }
        if (found) continue;
        ordered = false;
      }
      if (packs && !(Number.isInteger(code) && code >= 0 && code < 1000 && hour >= 0 && hour < 24 && lastDay >= 0 && lastDay < 16384)) packs = false;
      rows.push(row);
      keys.push(key);
      compact.push((lastDay * 24 + hour) * 1000 + code); // < 2^29, x 2^24 rows < 2^53
    }
  }
  if (ordered) {
    const out = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = shape(rows[i], readable, hourly, codeField, periodLast);
    return out;
  }
  if (packs && rows.length < INDEX_BITS) {
    const packed = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) packed[i] = compact[i] * INDEX_BITS + i;
    packed.sort();
    const out = [];
    let previous = -1;
    for (let i = 0; i < packed.length; i++) {
      const value = packed[i];
      const key = Math.floor(value / INDEX_BITS);
      if (key === previous) continue; // a later duplicate: the first occurrence sorted first
      previous = key;
      out.push(shape(rows[value - key * INDEX_BITS], readable, hourly, codeField, periodLast));
    }
    return out;
  }
  const byKey = new Map();
  for (let i = 0; i < rows.length; i++) if (!byKey.has(keys[i])) byKey.set(keys[i], rows[i]);
  const order = Float64Array.from(byKey.keys()).sort();
  const out = new Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = shape(byKey.get(order[i]), readable, hourly, codeField, periodLast);
  return out;
}
exports.collectRows = collectRows;
`;
}

function writeFastVariant(dir = tempDir()) {
	const file = path.join(dir, 'collectRows.fast.js');
	fs.writeFileSync(file, fastSource('assign'));
	return file;
}

function writeInplaceVariant(dir = tempDir()) {
	const file = path.join(dir, 'collectRows.inplace.js');
	fs.writeFileSync(file, fastSource('none'));
	return file;
}

function removeVariants(files) {
	for (const file of files) fs.rmSync(file, { force: true });
	try {
		fs.rmdirSync(path.dirname(files[0]));
	} catch {
		// not empty or already gone
	}
}

module.exports = { writeAssignVariant, writeFastVariant, writeInplaceVariant, removeVariants, DIST_ROWS };
