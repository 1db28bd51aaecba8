'use strict';
/**
 * Post-processing micro-benchmark (run by bench/run.js in its own process, with --expose-gc):
 * rows per second of the built collectRows on ~1 M synthetic hourly rows, readable fields on,
 * input pre-sorted and shuffled inside each response. Best of N repetitions; gc() before each
 * (not timed). Prints one JSON object on stdout.
 *   node --expose-gc bench/collect-throughput.js [--days 8334] [--reps 3] [--module path/to/collectRows.js]
 */
const { isDeepStrictEqual } = require('node:util');
const { loadDist, hourlyPlan, buildResponses, checkHourlyOutput, ROWS_PER_DAY } = require('./lib/synthetic');

function arg(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

const days = Number(arg('days', 8334)); // 8,334 days x 120 rows = 1,000,080 distinct rows
const reps = Number(arg('reps', 3));
const maxSeconds = Number(arg('max-seconds', 60)); // stop repeating a variant after this long
const dist = loadDist();
const collectRows = arg('module') ? require(require('node:path').resolve(arg('module'))).collectRows : dist.collectRows;
const gc = typeof global.gc === 'function' ? global.gc : () => {};

function measure(plan, input, readable) {
	const times = [];
	let out;
	const started = Date.now();
	for (let rep = 0; rep < reps; rep++) {
		out = undefined;
		gc();
		const t0 = process.hrtime.bigint();
		out = collectRows(plan, input.lists, { addReadableFields: readable });
		times.push(Number(process.hrtime.bigint() - t0) / 1e6);
		if (Date.now() - started > maxSeconds * 1000) break;
	}
	const problem = checkHourlyOutput(out, input.distinctRows, readable);
	if (problem) throw new Error(`collectRows output is wrong: ${problem}`);
	const bestMs = Math.min(...times);
	return {
		out,
		result: {
			readableFields: readable,
			inputRows: input.inputRows,
			outputRows: out.length,
			duplicatesDropped: input.inputRows - out.length,
			repetitions: times.length,
			timesMs: times.map((t) => Math.round(t * 10) / 10),
			bestMs: Math.round(bestMs * 10) / 10,
			inputRowsPerSecond: Math.round((input.inputRows / bestMs) * 1000),
			outputRowsPerSecond: Math.round((out.length / bestMs) * 1000),
		},
	};
}

const plan = hourlyPlan(dist, '2015-01-01', days);
const results = {};
let reference;
for (const order of ['sorted', 'shuffled']) {
	let input = buildResponses(plan, { order });
	const { out, result } = measure(plan, input, true);
	results[order] = { order, ...result };
	if (order === 'sorted') reference = out;
	else if (!isDeepStrictEqual(out, reference))
		throw new Error('collectRows output for shuffled input differs from pre-sorted input');
	if (order === 'sorted') {
		// readable fields off, for comparison (shows what the readable fields cost)
		const { result: plain } = measure(plan, input, false);
		results.sortedPlain = { order, ...plain };
	}
	input = undefined;
}
process.stdout.write(
	`${JSON.stringify({
		plan: {
			api: 'getHourly',
			begin: plan.begin,
			end: plan.end,
			windows: plan.windows.length,
			rowsPerWindow: ROWS_PER_DAY,
		},
		node: process.version,
		module: arg('module') ?? 'dist/nodes/WeChatOfficialAccount/rows/collectRows.js',
		outputsIdentical: true,
		...results,
	})}\n`,
);
