'use strict';
/**
 * Peak memory of the built collectRows per output row (run by bench/run.js in its own process,
 * with --expose-gc, once per input order). Method:
 *   1. gc(), heap0 = heapUsed; build the plan and the ~100 k-row response lists (JSON-parsed);
 *      gc(), baseline = heapUsed (inputs alive: they are not counted; input = baseline - heap0).
 *   2. Start v8.GCProfiler, run collectRows once, read heapUsed right after it returns (the output
 *      still referenced), stop the profiler. heapUsed only grows between collections, so the peak
 *      during the call is the larger of that reading and the heap used just before each collection
 *      the profiler saw during the call (scavenges that happened inside collectRows).
 *   3. gc() with the output still referenced: retained = what the output itself keeps.
 *   Reported per output row: peak (working set + garbage not yet collected, the number the target
 *   is checked against), after-return, retained; plus the input size and process maxRSS growth.
 *   node --expose-gc bench/collect-memory.js [--order sorted|shuffled] [--days 834] [--module path]
 */
const v8 = require('node:v8');
const path = require('node:path');
const { loadDist, hourlyPlan, buildResponses, checkHourlyOutput } = require('./lib/synthetic');

function arg(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

if (typeof global.gc !== 'function') {
	process.stderr.write('run with node --expose-gc\n');
	process.exit(2);
}
const fullGc = () => {
	global.gc();
	global.gc();
};
const heapUsed = () => process.memoryUsage().heapUsed;

const order = arg('order', 'sorted');
const days = Number(arg('days', 834)); // 834 days x 120 = 100,080 distinct rows
const dist = loadDist();
const collectRows = arg('module') ? require(path.resolve(arg('module'))).collectRows : dist.collectRows;

// warm the code paths on a small input so that compilation is not measured
const warmPlan = hourlyPlan(dist, '2016-01-01', 20);
for (let i = 0; i < 20; i++)
	collectRows(warmPlan, buildResponses(warmPlan, { order }).lists, { addReadableFields: true });

fullGc();
const heap0 = heapUsed();
const plan = hourlyPlan(dist, '2015-01-01', days);
const input = buildResponses(plan, { order });
fullGc();
const baseline = heapUsed();
const maxRss0 = process.resourceUsage().maxRSS;

const profiler = new v8.GCProfiler();
profiler.start();
const t0 = process.hrtime.bigint();
let out = collectRows(plan, input.lists, { addReadableFields: true });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const afterReturn = heapUsed();
const gcs = profiler.stop().statistics;
const maxRss1 = process.resourceUsage().maxRSS;

const problem = checkHourlyOutput(out, input.distinctRows, true);
if (problem) throw new Error(`collectRows output is wrong: ${problem}`);
const beforeEachGc = gcs.map((entry) => entry.beforeGC.heapStatistics.usedHeapSize);
const peak = Math.max(afterReturn, ...beforeEachGc);
fullGc();
const retained = heapUsed() - baseline;
const rows = out.length;
out = undefined;

const perRow = (bytes) => Math.round((bytes / rows) * 10) / 10;
process.stdout.write(
	`${JSON.stringify({
		order,
		module: arg('module') ?? 'dist/nodes/WeChatOfficialAccount/rows/collectRows.js',
		inputRows: input.inputRows,
		outputRows: rows,
		collectMs: Math.round(ms * 10) / 10,
		gcsDuringCall: gcs.map((entry) => entry.gcType),
		bytes: {
			input: baseline - heap0,
			peak: peak - baseline,
			afterReturn: afterReturn - baseline,
			retained,
			maxRssGrowth: (maxRss1 - maxRss0) * 1024,
		},
		perRow: {
			input: perRow(baseline - heap0),
			peak: perRow(peak - baseline),
			afterReturn: perRow(afterReturn - baseline),
			retained: perRow(retained),
			peakIncludingInput: perRow(peak - baseline + (baseline - heap0)),
			maxRssGrowth: perRow((maxRss1 - maxRss0) * 1024),
		},
	})}\n`,
);
