#!/usr/bin/env node
'use strict';
/**
 * npm run bench: long backfills against the ideal, and against a baseline commit.
 *
 * 1. Backfills through n8n's real engine (test/engine/harness.js) against the WeChat simulator with
 *    a fixed per-request latency, one case per grain and span (bench/lib/cases.js: message summary,
 *    follower growth, interface summary, the 2025 published-content APIs, the overview clamped to its
 *    first day, the nested article series, and a span WeChat answers narrower than documented): for
 *    each case, datacube requests vs the minimum computed here (bench/lib/minimum.js, not the node's
 *    planner), wall time at parallelism 4 vs the ideal ceil(minimum / 4) x latency, and the speed-up
 *    over parallelism 1 measured in the same run. Every run's rows (WeChat's fields) must equal
 *    sim.expectedRows(...) flattened and sorted by the row key (bench/lib/apis.js), and parallelism 4
 *    must output exactly what parallelism 1 outputs.
 *    With --baseline <rev>, that commit is built in a temp folder (bench/lib/baseline.js) and every run
 *    is made for both builds in turn (candidate, baseline; then baseline, candidate; ...), in the same
 *    process against the same simulator: the candidate / baseline ratio of each case compares like with
 *    like, where absolute times move with the machine's load.
 * 2. Post-processing: rows/s of the built collectRows on ~1 M synthetic hourly rows (child process).
 * 3. Peak memory per output row of collectRows on ~100 k rows (child process, --expose-gc).
 * Prints PASS/MISS per target, a markdown table (also bench/results.md) and bench/results.json.
 * Exit code: 1 on a correctness failure of the candidate (wrong rows, requests != minimum, p4 != p1,
 * engine error); 0 otherwise, also when a performance target is missed (that is a measurement, not a
 * failure). The baseline's own problems are reported, not failed on.
 *
 *   node bench/run.js [--repeat 3] [--latency 40] [--only getHourly,getDaily] [--skip-collect]
 *                     [--collect-reps 3] [--no-write] [--package-dir DIR] [--baseline REV|DIR]
 *   node bench/run.js --markdown-from-json   (bench/results.md again from bench/results.json)
 * The built package is measured from a private copy taken at the start (bench/lib/package-copy.js), or DIR.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const { minimumRequests, API_RULES } = require('./lib/minimum');
const { flattenedRows, containerOf } = require('./lib/apis');
const { CASES: ALL_CASES, discoveryBound } = require('./lib/cases');
const { benchPackage } = require('./lib/package-copy');
const { prepareBaseline } = require('./lib/baseline');
const { option, median, runJson } = require('./lib/runner');
const { engineWithSimulator } = require('../scripts/lib/engine');

// ---------------------------------------------------------------------------------------------
// configuration

const LATENCY_MS = Number(option('latency', 40));
const REPEAT_P4 = Number(option('repeat', process.env.BENCH_REPEAT ?? 3));
/**
 * Against a baseline, a short case makes more pairs at Parallel Requests 4: as many as fit in this many ms
 * (from the cold runs), from REPEAT_P4 up to 3 x REPEAT_P4, so that its median ratio is not one noisy pair.
 */
const PAIRS_BUDGET_MS = 8000;
const PARALLEL = 4;
const COLLECT_REPS = Number(option('collect-reps', 3));
const SKIP_COLLECT = option('skip-collect', false) === true;
const WRITE = option('no-write', false) !== true;
const ONLY = option('only', '') ? String(option('only')).split(',') : null;

const BASELINE = option('baseline', undefined);
const CASES = ALL_CASES.filter((c) => !ONLY || ONLY.includes(c.operation) || ONLY.includes(c.id));

const TARGETS = {
	wallRatioHourlyP4: 1.15,
	/** candidate / baseline wall at parallelism 4: each case (median of its pairs), and their geometric mean */
	vsBaselineCase: 1.15,
	vsBaselineMean: 1.05,
	rowsPerSecond: 1_000_000,
	peakBytesPerRow: 300,
};

// ---------------------------------------------------------------------------------------------
// helpers

const failures = [];
function fail(message) {
	failures.push(message);
	console.log(`  FAILURE: ${message}`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fixed = (value, digits = 2) => Number(value).toFixed(digits);
const millions = (perSecond) => `${(perSecond / 1e6).toFixed(2)} M rows/s`;

function packageVersion(name) {
	try {
		return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
	} catch {
		return 'unknown';
	}
}

function table(rows, header) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** A measurement script of this folder in a child process (env: more variables): { ok, result } or { ok: false, error }. */
async function runChild(script, args, env) {
	try {
		return { ok: true, result: await runJson(path.join(__dirname, script), args, { env }) };
	} catch (error) {
		return { ok: false, error: error.message };
	}
}

// ---------------------------------------------------------------------------------------------
// 1. backfills through the engine

/**
 * The rows a run must output, from the simulator's raw answer rows: WeChat's fields only, nested answers
 * flattened, sorted by the row key. The items are compared on these fields (readable fields are the node's own).
 */
function expectedFor(sim, testCase) {
	return flattenedRows(
		testCase.operation,
		sim.expectedRows(API_RULES[testCase.operation].endpoint, testCase.begin, testCase.end),
	);
}

/** An item's fields that the expected row has, and whether it still carries the nested field. */
function wechatFieldsOf(json, expectedRow, container) {
	const out = {};
	if (expectedRow) for (const key of Object.keys(expectedRow)) if (key in json) out[key] = json[key];
	if (container && container in json) out[container] = json[container];
	return out;
}

/** What a run of a case made of requests: all datacube calls, those answered, those rejected as too long (61501). */
function requestCounts(run) {
	return {
		total: run.calls.length,
		answered: run.calls.filter((call) => call.errcode === 0).length,
		rejected: run.calls.filter((call) => call.errcode === 61501).length,
	};
}

/** A package's runs of one case, summarised: requests, wall times and their ratios to the ideal. */
function summarise(runs, cold, min) {
	const ideal = (p) => Math.ceil(min.minimum / p) * LATENCY_MS;
	const p4Walls = runs[PARALLEL].map((r) => r.wallMs);
	const p1Wall = runs[1][0].wallMs;
	const p4Median = median(p4Walls);
	const medianRun = runs[PARALLEL].find((r) => r.wallMs === p4Median) ?? runs[PARALLEL][0];
	const rounds = Math.ceil(min.minimum / PARALLEL);
	const counts = (key) => ({
		[`p${PARALLEL}`]: runs[PARALLEL].map((r) => requestCounts(r)[key]),
		p1: runs[1].map((r) => requestCounts(r)[key]),
	});
	return {
		requests: counts('total'),
		answered: counts('answered'),
		rejected: counts('rejected'),
		idealMs: { [`p${PARALLEL}`]: ideal(PARALLEL), p1: ideal(1) },
		wallMs: {
			[`p${PARALLEL}`]: p4Walls.map((w) => Math.round(w)),
			[`p${PARALLEL}Median`]: Math.round(p4Median),
			p1: Math.round(p1Wall),
			[`p${PARALLEL}Cold`]: Math.round(cold.wallMs),
		},
		ratio: {
			[`p${PARALLEL}`]: p4Median / ideal(PARALLEL),
			[`p${PARALLEL}Best`]: Math.min(...p4Walls) / ideal(PARALLEL),
			p1: p1Wall / ideal(1),
		},
		speedup: p1Wall / p4Median,
		idealSpeedup: ideal(1) / ideal(PARALLEL),
		phasesP4: medianRun.phases && {
			startupMs: Math.round(medianRun.phases.startupMs),
			fetchMs: Math.round(medianRun.phases.fetchMs),
			tailMs: Math.round(medianRun.phases.tailMs),
			serverMsPerRequest: Number(fixed(medianRun.phases.serverMsMean)),
			msPerRound: Number(fixed(medianRun.phases.fetchMs / rounds)),
			clientMsPerRound: Number(fixed(medianRun.phases.fetchMs / rounds - medianRun.phases.serverMsMean)),
		},
		cpuMsPerRequestP4: Number(fixed(medianRun.cpuMs / medianRun.calls.length)),
		cpuMs: { [`p${PARALLEL}`]: runs[PARALLEL].map((r) => Math.round(r.cpuMs)), p1: Math.round(runs[1][0].cpuMs) },
	};
}

/**
 * packages: { candidate: dir, baseline?: dir }. Every run is made for each package in turn (the order
 * alternates from one run to the next), against one simulator in this process.
 */
async function engineBenchmarks(packages) {
	const setup = await engineWithSimulator({ latencyMs: LATENCY_MS, packageDir: packages.candidate });
	const sim = setup.sim.local; // in this process: its synchronous API, the simulator's CPU shares the engine's thread
	const runners = { candidate: setup.run };
	if (packages.baseline) runners.baseline = await setup.runnerFor(packages.baseline);
	const roles = Object.keys(runners);
	const baselineProblems = [];

	const datacubeCalls = () => sim.log.filter((entry) => entry.path.startsWith('/datacube/'));
	const tokenCalls = () => sim.log.filter((entry) => entry.endpoint === 'stable_token' || entry.endpoint === 'token');

	async function runOnce(role, testCase, parallelRequests, extraOptions = {}) {
		sim.resetLog();
		const parameters = {
			resource: testCase.resource ?? API_RULES[testCase.operation].resource,
			operation: testCase.operation,
			dateRange: 'custom',
			beginDate: testCase.begin,
			endDate: testCase.end,
			options: { parallelRequests, ...extraOptions },
		};
		const cpu0 = process.cpuUsage();
		const t0 = Date.now();
		const h0 = process.hrtime.bigint();
		const result = await runners[role](parameters);
		const wallMs = Number(process.hrtime.bigint() - h0) / 1e6;
		const t1 = Date.now();
		const cpu = process.cpuUsage(cpu0);
		const calls = datacubeCalls();
		const arrivals = calls.map((call) => call.at);
		const firstArrival = Math.min(...arrivals);
		const lastAnswer = Math.max(...calls.map((call) => call.at + call.ms));
		return {
			result,
			wallMs,
			cpuMs: (cpu.user + cpu.system) / 1000,
			calls,
			tokens: tokenCalls().length,
			phases: calls.length
				? {
						startupMs: firstArrival - t0,
						fetchMs: lastAnswer - firstArrival,
						tailMs: t1 - lastAnswer,
						serverMsMean: calls.reduce((sum, call) => sum + call.ms, 0) / calls.length,
					}
				: undefined,
		};
	}

	/** The requests a run should have made: the minimum, or for a learned span the minimum answered plus bounded discovery. */
	function requestProblem(testCase, run, parallelRequests, minimum) {
		const { total, answered, rejected } = requestCounts(run);
		if (!testCase.realSpan) return total === minimum ? undefined : `${total} datacube requests, minimum is ${minimum}`;
		const bound = discoveryBound(testCase, parallelRequests);
		if (answered !== minimum) return `${answered} answered requests, minimum at the real span is ${minimum}`;
		if (rejected > bound) return `${rejected} rejected requests (61501) to learn the span, more than ${bound}`;
		return undefined;
	}

	/** Checks a run; a problem fails the bench for the candidate and is reported for the baseline. Returns the items. */
	function check(role, testCase, run, parallelRequests, expected, minimum) {
		const where = `${role === 'baseline' ? 'baseline: ' : ''}${testCase.operation} ${testCase.begin}..${testCase.end} p${parallelRequests}`;
		const report = (message) => {
			if (role === 'candidate') fail(`${where}: ${message}`);
			else {
				baselineProblems.push(`${testCase.id} p${parallelRequests}: ${message}`);
				console.log(`  (baseline) ${message}`);
			}
		};
		const { result, calls } = run;
		if (result.error || result.status !== 'success') {
			report(`the workflow failed: ${result.error?.message ?? result.status}`);
			return null;
		}
		const items = result.data.WeChat ?? [];
		const container = containerOf(testCase.operation);
		const rows = items.map((item, i) => wechatFieldsOf(item.json, expected[i], container));
		if (!isDeepStrictEqual(rows, expected)) {
			const firstDiff = rows.findIndex((row, i) => !isDeepStrictEqual(row, expected[i]));
			report(
				`output differs from sim.expectedRows (${rows.length} rows vs ${expected.length} expected; first difference at ${firstDiff})`,
			);
		}
		if (!items.every((item) => item.pairedItem?.item === 0)) report('pairedItem is not item 0 everywhere');
		const requests = requestProblem(testCase, run, parallelRequests, minimum);
		if (requests) report(requests);
		const endpoint = API_RULES[testCase.operation].endpoint;
		const allowed = (call) => call.errcode === 0 || (testCase.realSpan && call.errcode === 61501);
		const bad = calls.filter((call) => !allowed(call) || call.endpoint !== endpoint);
		if (bad.length)
			report(
				`${bad.length} datacube calls failed or hit another endpoint (errcodes ${[...new Set(bad.map((c) => c.errcode))].join(', ')})`,
			);
		if (run.tokens !== 0) report(`${run.tokens} token requests (the stored token should be reused)`);
		return items;
	}

	const describeRun = (run, ideal) => {
		const { total, rejected } = requestCounts(run);
		return (
			`${seconds(run.wallMs)} (ideal ${seconds(ideal)}, x${fixed(run.wallMs / ideal)}), ${total} requests${rejected ? ` (${rejected} rejected)` : ''}, ${run.result.data.WeChat?.length ?? 0} items` +
			(run.phases
				? `; start ${Math.round(run.phases.startupMs)} ms, fetch ${Math.round(run.phases.fetchMs)} ms, tail ${Math.round(run.phases.tailMs)} ms, server ${fixed(run.phases.serverMsMean)} ms/request`
				: '')
		);
	};

	// warm-up: fetches and stores the token, compiles the code paths (not measured)
	console.log(`Warm-up (token fetch, JIT)${runners.baseline ? ', candidate and baseline' : ''}...`);
	for (const role of roles) {
		for (const operation of ['getHourly', 'getDaily', 'getWeekly', 'getMonthly', 'getDailyDistribution']) {
			const warm = await runOnce(role, { operation, begin: '2024-01-01', end: '2024-03-31' }, PARALLEL);
			if (warm.result.error) throw new Error(`warm-up ${role} ${operation} failed: ${warm.result.error.message}`);
		}
	}

	const cases = [];
	for (const testCase of CASES) {
		const { endpoint, span } = API_RULES[testCase.operation];
		const min = minimumRequests(testCase.operation, testCase.begin, testCase.end, Date.now(), {
			span: testCase.realSpan,
		});
		if (min.rule !== undefined && min.rule !== min.minimum)
			fail(`bench self-check: DP minimum ${min.minimum} != closed rule ${min.rule} for ${testCase.id}`);
		const expected = expectedFor(sim, testCase); // also warms the simulator's row cache
		if (!expected.length) fail(`bench self-check: the simulator has no rows for ${testCase.id}`);
		const ideal = (p) => Math.ceil(min.minimum / p) * LATENCY_MS;
		console.log(
			`\n${testCase.label}: ${testCase.resource} / ${testCase.operation} (span ${span}${testCase.realSpan ? `, WeChat answers ${testCase.realSpan}` : ''}) ${testCase.begin}..${testCase.end} (${min.days} days served) -> minimum ${min.minimum} requests [${min.method}], ${expected.length} rows`,
		);
		if (testCase.realSpan) sim.setOptions({ spans: { [endpoint]: testCase.realSpan } });

		// one full-size run first, checked but not counted: the first run of a new size grows the
		// heap and recompiles for the volume (about +20 % on the hourly year), later runs are steady
		const cold = {};
		for (const role of roles) {
			cold[role] = await runOnce(role, testCase, PARALLEL);
			check(role, testCase, cold[role], PARALLEL, expected, min.minimum);
			console.log(
				`  ${role === 'baseline' ? 'baseline  ' : ''}p${PARALLEL} cold (warm-up, not counted): ${seconds(cold[role].wallMs)} (x${fixed(cold[role].wallMs / ideal(PARALLEL))})`,
			);
		}

		const coldMs = roles.reduce((sum, role) => sum + cold[role].wallMs, 0);
		const repeat = runners.baseline
			? Math.min(3 * REPEAT_P4, Math.max(REPEAT_P4, Math.floor(PAIRS_BUDGET_MS / coldMs)))
			: REPEAT_P4;
		const order = [PARALLEL, 1, ...Array.from({ length: Math.max(0, repeat - 1) }, () => PARALLEL)];
		const runs = Object.fromEntries(roles.map((role) => [role, { [PARALLEL]: [], 1: [] }]));
		const items = Object.fromEntries(roles.map((role) => [role, { [PARALLEL]: [], 1: [] }]));
		for (const [turn, p] of order.entries()) {
			for (const role of turn % 2 === 0 ? roles : [...roles].reverse()) {
				const run = await runOnce(role, testCase, p);
				items[role][p].push(check(role, testCase, run, p, expected, min.minimum));
				runs[role][p].push(run);
				console.log(`  ${role === 'baseline' ? 'baseline  ' : ''}p${p}: ${describeRun(run, ideal(p))}`);
			}
		}
		if (testCase.realSpan) sim.setOptions({ spans: {} });
		const [itemsP1] = items.candidate[1];
		for (const itemsP4 of items.candidate[PARALLEL]) {
			if (itemsP4 && itemsP1 && !isDeepStrictEqual(itemsP4, itemsP1))
				fail(`${testCase.id}: output at parallelism ${PARALLEL} differs from parallelism 1`);
		}

		const candidate = summarise(runs.candidate, cold.candidate, min);
		let baseline;
		let vsBaseline;
		if (runs.baseline) {
			baseline = summarise(runs.baseline, cold.baseline, min);
			const pairs = (key) => runs.candidate[PARALLEL].map((run, k) => run[key] / runs.baseline[PARALLEL][k][key]);
			const walls = pairs('wallMs');
			vsBaseline = {
				[`p${PARALLEL}`]: median(walls),
				[`p${PARALLEL}Pairs`]: walls.map((ratio) => Number(fixed(ratio, 3))),
				p1: runs.candidate[1][0].wallMs / runs.baseline[1][0].wallMs,
				[`cpuP${PARALLEL}`]: median(pairs('cpuMs')),
				cpuP1: runs.candidate[1][0].cpuMs / runs.baseline[1][0].cpuMs,
				sameRequests: isDeepStrictEqual(candidate.requests, baseline.requests),
			};
			console.log(
				`  candidate / baseline: p${PARALLEL} wall x${fixed(vsBaseline[`p${PARALLEL}`])} (median of ${walls.length} pairs: ${walls.map((r) => fixed(r)).join(', ')}), CPU x${fixed(vsBaseline[`cpuP${PARALLEL}`])}; p1 wall x${fixed(vsBaseline.p1)}, CPU x${fixed(vsBaseline.cpuP1)}`,
			);
		}
		cases.push({
			id: testCase.id,
			label: testCase.label,
			resource: testCase.resource,
			operation: testCase.operation,
			endpoint,
			span,
			realSpan: testCase.realSpan,
			discoveryBound: testCase.realSpan
				? { [`p${PARALLEL}`]: discoveryBound(testCase, PARALLEL), p1: discoveryBound(testCase, 1) }
				: undefined,
			begin: testCase.begin,
			end: testCase.end,
			servedBegin: min.begin,
			servedEnd: min.end,
			days: min.days,
			periods: min.periods,
			minimum: min.minimum,
			minimumMethod: min.method,
			rows: expected.length,
			...candidate,
			baseline,
			vsBaseline,
			correct: !failures.some((f) => f.includes(testCase.id) || f.includes(`${testCase.operation} ${testCase.begin}`)),
		});
	}

	// diagnostics for the hourly year: where does the time above the ideal go?
	let diagnostics;
	const hourly = CASES.find((c) => c.id === 'hourly-1y');
	if (hourly) {
		console.log('\nDiagnostics (hourly year):');
		const plain = await runOnce('candidate', hourly, PARALLEL, { addReadableFields: false });
		const expected = expectedFor(sim, hourly);
		check('candidate', hourly, plain, PARALLEL, expected, 365);
		console.log(
			`  p${PARALLEL}, Add Readable Fields off: ${seconds(plain.wallMs)}, tail ${Math.round(plain.phases.tailMs)} ms`,
		);
		sim.setOptions({ latencyMs: 0 });
		const cpuBound = {};
		for (const p of [1, PARALLEL]) {
			await runOnce('candidate', hourly, p); // settle
			const run = await runOnce('candidate', hourly, p);
			check('candidate', hourly, run, p, expected, 365);
			cpuBound[`p${p}`] = {
				wallMs: Math.round(run.wallMs),
				fetchMs: Math.round(run.phases.fetchMs),
				tailMs: Math.round(run.phases.tailMs),
				msPerRequest: Number(fixed(run.phases.fetchMs / run.calls.length)),
				cpuMsPerRequest: Number(fixed(run.cpuMs / run.calls.length)),
			};
			console.log(
				`  latency 0, p${p}: ${seconds(run.wallMs)} for 365 requests = ${fixed(run.phases.fetchMs / 365)} ms/request in the fetch phase (engine + node + n8n HTTP stack + simulator, one thread); process CPU ${fixed(run.cpuMs / 365)} ms/request`,
			);
		}
		sim.setOptions({ latencyMs: LATENCY_MS });
		diagnostics = {
			readableFieldsOffP4: {
				wallMs: Math.round(plain.wallMs),
				tailMs: Math.round(plain.phases.tailMs),
				fetchMs: Math.round(plain.phases.fetchMs),
			},
			latency0: cpuBound,
		};
	}
	await setup.close();
	return { cases, diagnostics, baselineProblems };
}

// ---------------------------------------------------------------------------------------------
// 2. and 3. collectRows micro-benchmarks (separate processes: clean heaps, --expose-gc)

async function collectBenchmarks() {
	console.log(
		'\nPost-processing: collectRows on 1,000,080 synthetic hourly rows (8,334 days x 24 h x 5 types), readable fields on...',
	);
	const big = await runChild('collect-throughput.js', ['--days', '8334', '--reps', String(COLLECT_REPS)]);
	if (!big.ok) fail(big.error);
	else for (const key of ['sorted', 'shuffled', 'sortedPlain']) printThroughput(big.result[key]);
	console.log('  (reference) the same on 100,080 rows:');
	const small = await runChild('collect-throughput.js', ['--days', '834', '--reps', String(Math.max(COLLECT_REPS, 5))]);
	if (!small.ok) fail(small.error);
	else for (const key of ['sorted', 'shuffled']) printThroughput(small.result[key]);

	console.log('\nPeak memory of collectRows per output row, 100,080 rows, readable fields on...');
	const memory = {};
	for (const order of ['sorted', 'shuffled']) {
		const run = await runChild('collect-memory.js', ['--order', order]);
		if (!run.ok) {
			fail(run.error);
			continue;
		}
		memory[order] = run.result;
		const r = run.result.perRow;
		console.log(
			`  ${order.padEnd(8)}: peak ${r.peak} B/row input excluded, ${r.peakIncludingInput} B/row with the input lists (${r.input} B/row); heap right after return ${r.afterReturn} B/row; retained by the output ${r.retained} B/row; maxRSS growth ${r.maxRssGrowth} B/row; ${run.result.gcsDuringCall.length} GCs during the call, ${run.result.collectMs} ms`,
		);
	}
	return { throughput: big.ok ? big.result : undefined, throughput100k: small.ok ? small.result : undefined, memory };
}

/**
 * The baseline's post-processing, measured right after the candidate's: the 1 M-row throughput and the
 * peak memory per row (its problems are reported, not failed on).
 */
async function collectBaseline(packageDir) {
	console.log('\nBaseline post-processing (the same measurements of the baseline build)...');
	const env = { BENCH_PACKAGE_DIR: packageDir };
	const big = await runChild('collect-throughput.js', ['--days', '8334', '--reps', String(COLLECT_REPS)], env);
	if (big.ok) for (const key of ['sorted', 'shuffled']) printThroughput(big.result[key]);
	else console.log(`  (baseline) ${big.error}`);
	const memory = {};
	for (const order of ['sorted', 'shuffled']) {
		const run = await runChild('collect-memory.js', ['--order', order], env);
		if (!run.ok) {
			console.log(`  (baseline) ${run.error}`);
			continue;
		}
		memory[order] = run.result;
		console.log(`  ${order.padEnd(8)}: peak ${run.result.perRow.peak} B/row`);
	}
	return { throughput: big.ok ? big.result : undefined, memory };
}

function printThroughput(r) {
	console.log(
		`  ${`${r.order}${r.readableFields ? '' : ', readable fields off'}`.padEnd(30)}: ${millions(r.outputRowsPerSecond)} (best of ${r.repetitions}: ${r.bestMs} ms; all ${r.timesMs.join(', ')} ms; ${r.inputRows} input rows incl. ${r.duplicatesDropped} duplicates)`,
	);
}

// ---------------------------------------------------------------------------------------------
// report

function evaluate(engine, collect) {
	const targets = [];
	const all = (c, key) => [...c[key][`p${PARALLEL}`], ...c[key].p1];
	const distinct = (values) => [...new Set(values)].join('/');
	for (const c of engine.cases) {
		if (c.realSpan) {
			const bound = c.discoveryBound;
			targets.push({
				target: `answered requests == minimum at the real span, rejected <= ${bound[`p${PARALLEL}`]} at ${PARALLEL} parallel, <= ${bound.p1} at 1 (${c.label})`,
				kind: 'correctness',
				value: `${distinct(all(c, 'answered'))} answered vs ${c.minimum}; rejected ${c.rejected[`p${PARALLEL}`].join('/')} at ${PARALLEL}, ${c.rejected.p1.join('/')} at 1`,
				pass:
					all(c, 'answered').every((n) => n === c.minimum) &&
					c.rejected[`p${PARALLEL}`].every((n) => n <= bound[`p${PARALLEL}`]) &&
					c.rejected.p1.every((n) => n <= bound.p1),
			});
			continue;
		}
		targets.push({
			target: `requests == minimum (${c.label})`,
			kind: 'correctness',
			value: `${distinct(all(c, 'requests'))} vs ${c.minimum}`,
			pass: all(c, 'requests').every((n) => n === c.minimum),
		});
	}
	const compared = engine.cases.filter((c) => c.vsBaseline);
	if (compared.length) {
		const ratio = (c) => c.vsBaseline[`p${PARALLEL}`];
		const slowest = compared.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
		targets.push({
			target: `candidate / baseline wall <= ${TARGETS.vsBaselineCase} at ${PARALLEL} parallel, every case (median of the pairs)`,
			kind: 'performance',
			value: `slowest ${slowest.id}: ${fixed(ratio(slowest))}; all ${compared.map((c) => fixed(ratio(c))).join(', ')}`,
			pass: compared.every((c) => ratio(c) <= TARGETS.vsBaselineCase),
		});
		// like with like: the cases where both builds made the same requests
		const alike = compared.filter((c) => c.vsBaseline.sameRequests);
		if (alike.length) {
			const mean = Math.exp(alike.reduce((sum, c) => sum + Math.log(ratio(c)), 0) / alike.length);
			targets.push({
				target: `candidate / baseline wall <= ${TARGETS.vsBaselineMean} at ${PARALLEL} parallel, geometric mean of the cases with the same requests`,
				kind: 'performance',
				value: `${fixed(mean, 3)} over ${alike.length} cases`,
				pass: mean <= TARGETS.vsBaselineMean,
			});
		}
	}
	const hourly = engine.cases.find((c) => c.id === 'hourly-1y');
	if (hourly) {
		targets.push({
			target: `wall <= ${TARGETS.wallRatioHourlyP4} x ideal, 365 days hourly, p${PARALLEL}`,
			kind: 'performance',
			value: `${seconds(hourly.wallMs[`p${PARALLEL}Median`])} / ${seconds(hourly.idealMs[`p${PARALLEL}`])} = ${fixed(hourly.ratio[`p${PARALLEL}`])} (median of ${hourly.wallMs[`p${PARALLEL}`].length}; best ${fixed(hourly.ratio[`p${PARALLEL}Best`])})`,
			pass: hourly.ratio[`p${PARALLEL}`] <= TARGETS.wallRatioHourlyP4,
		});
	}
	if (collect?.throughput) {
		for (const order of ['sorted', 'shuffled']) {
			const r = collect.throughput[order];
			targets.push({
				target: `>= 1 M rows/s post-processing (${order === 'sorted' ? 'pre-sorted' : 'shuffled'} input, ${r.outputRows.toLocaleString('en-US')} rows)`,
				kind: 'performance',
				value: millions(r.outputRowsPerSecond),
				pass: r.outputRowsPerSecond >= TARGETS.rowsPerSecond,
			});
		}
	}
	for (const order of ['sorted', 'shuffled']) {
		const m = collect?.memory?.[order];
		if (!m) continue;
		targets.push({
			target: `<= ${TARGETS.peakBytesPerRow} B peak memory per row (${order === 'sorted' ? 'pre-sorted' : 'shuffled'} input, ${m.outputRows.toLocaleString('en-US')} rows)`,
			kind: 'performance',
			value: `${m.perRow.peak} B/row (${m.perRow.peakIncludingInput} B/row with the input)`,
			pass: m.perRow.peak <= TARGETS.peakBytesPerRow,
		});
	}
	return targets;
}

/** A sentence when other processes held the CPUs during the run (load average above the CPU count). */
function loadNote(meta, engine) {
	const load = Math.max(meta.loadAverageAtStart[0], meta.loadAverageAtEnd?.[0] ?? 0);
	if (load <= meta.cpus) return undefined;
	const server = engine.cases.map((c) => c.phasesP4?.serverMsPerRequest).filter((ms) => ms !== undefined);
	const [low, high] = [fixed(Math.min(...server), 1), fixed(Math.max(...server), 1)];
	const range = !server.length ? '?' : low === high ? low : `${low} to ${high}`;
	return `The load average was ${meta.loadAverageAtStart[0]} at the start and ${meta.loadAverageAtEnd?.[0] ?? '?'} at the end on ${meta.cpus} CPUs: other processes held the CPUs during this run, so the engine, the node and the simulator (same thread) waited for CPU time; even the simulator's own ${meta.latencyMs} ms answers took ${range} ms on average per case. Wall / ideal and rows/s above their targets measure that contention as well as the node; compare runs at a low load.`;
}

/** Requests of a case at parallelism p (first run): against the minimum, or for a learned span answered + rejected. */
function requestsCell(c, p, minimum = c.minimum) {
	const total = c.requests[p][0];
	const rejected = c.rejected?.[p][0] ?? 0;
	if (!rejected) return `${total} (${minimum})`;
	return `${total} = ${c.answered[p][0]} (${minimum}) + ${rejected} rejected`;
}

function markdown(meta, engine, collect, targets) {
	const p = `p${PARALLEL}`;
	const lines = [];
	lines.push(
		`Benchmark (\`npm run bench\`): the node in n8n's engine (n8n-core ${meta.n8nCore}) against the local simulator with ${meta.latencyMs} ms per request; ${meta.cpus} CPUs (${meta.cpuModel}), Node.js ${meta.node}, ${meta.date.slice(0, 10)}, load average ${meta.loadAverageAtStart[0]} at start. Parallel Requests ${PARALLEL} vs 1; ideal = ceil(minimum / parallelism) x ${meta.latencyMs} ms; wall at ${PARALLEL} is the median of ${meta.repeatP4} runs.`,
		'',
	);
	const note = loadNote(meta, engine);
	if (note) lines.push(note, '');
	lines.push(
		table(
			engine.cases.map((c) => [
				c.label,
				`${c.operation} (${c.span})`,
				`${c.begin} to ${c.end}`,
				requestsCell(c, p),
				c.rows,
				seconds(c.wallMs[`${p}Median`]),
				seconds(c.idealMs[p]),
				`${fixed(c.ratio[p])}x`,
				seconds(c.wallMs.p1),
				`${fixed(c.speedup, 1)}x (${fixed(c.idealSpeedup, 1)}x)`,
			]),
			[
				'Case',
				'Operation (days per request)',
				'Range',
				'Requests (minimum)',
				'Rows',
				`Wall, ${PARALLEL} parallel`,
				'Ideal',
				'Wall / ideal',
				'Wall, sequential',
				'Speed-up (ideal)',
			],
		),
	);
	const compared = engine.cases.filter((c) => c.baseline);
	if (compared.length) {
		const b = meta.baseline;
		lines.push(
			'',
			`Against the baseline ${b.rev}${b.commit && b.commit !== b.rev ? ` (${b.commit.slice(0, 10)})` : ''}, measured in the same run: each run is made by both builds in turn (candidate then baseline, then the other way round), in one process against one simulator; ratio = candidate / baseline, at ${PARALLEL} parallel the median over the pairs (${meta.repeatP4} or more: a short case makes as many as fit in ${PAIRS_BUDGET_MS / 1000} s, up to ${3 * meta.repeatP4}) of the wall time and of the process's CPU time (engine, node and simulator); below 1 the candidate is faster.`,
			'',
			table(
				compared.map((c) => [
					c.label,
					`${requestsCell(c.baseline, p, c.minimum)} -> ${requestsCell(c, p)}`,
					`${seconds(c.baseline.wallMs[`${p}Median`])} -> ${seconds(c.wallMs[`${p}Median`])}`,
					`${fixed(c.vsBaseline[p])}x`,
					c.vsBaseline[`cpuP${PARALLEL}`] === undefined ? '' : `${fixed(c.vsBaseline[`cpuP${PARALLEL}`])}x`,
					`${seconds(c.baseline.wallMs.p1)} -> ${seconds(c.wallMs.p1)}`,
					`${fixed(c.vsBaseline.p1)}x`,
				]),
				[
					'Case',
					'Requests, baseline -> candidate',
					`Wall, ${PARALLEL} parallel`,
					'Ratio',
					'CPU ratio',
					'Wall, sequential',
					'Ratio',
				],
			),
		);
	}
	if (collect?.throughput) {
		const t = collect.throughput;
		lines.push(
			'',
			`Post-processing (merge, de-duplicate, sort, readable fields) of ${t.sorted.outputRows.toLocaleString('en-US')} hourly rows: ${millions(t.sorted.outputRowsPerSecond)} pre-sorted, ${millions(t.shuffled.outputRowsPerSecond)} shuffled (best of ${meta.collectReps ?? t.sorted.repetitions}).`,
		);
	}
	if (collect?.memory?.sorted) {
		const m = collect.memory;
		lines.push(
			`Peak heap growth of post-processing: ${m.sorted.perRow.peak} B per row pre-sorted, ${m.shuffled?.perRow.peak ?? '?'} B shuffled (${m.sorted.outputRows.toLocaleString('en-US')} rows; ${m.sorted.perRow.retained} B per row stay with the output items).`,
		);
	}
	const bt = collect?.baseline?.throughput;
	if (bt && collect.throughput) {
		const t = collect.throughput;
		const bm = collect.baseline.memory?.sorted;
		lines.push(
			`Baseline post-processing: ${millions(bt.sorted.outputRowsPerSecond)} pre-sorted, ${millions(bt.shuffled.outputRowsPerSecond)} shuffled (candidate / baseline ${fixed(t.sorted.outputRowsPerSecond / bt.sorted.outputRowsPerSecond)}x and ${fixed(t.shuffled.outputRowsPerSecond / bt.shuffled.outputRowsPerSecond)}x rows/s)${bm ? `; peak ${bm.perRow.peak} B per row pre-sorted` : ''}.`,
		);
	}
	lines.push(
		'',
		table(
			targets.map((t) => [t.pass ? 'PASS' : 'MISS', t.target, t.value]),
			['', 'Target', 'Measured'],
		),
	);
	return `${lines.join('\n')}\n`;
}

/** --markdown-from-json: bench/results.md again from bench/results.json (after a change of the report's format). */
function rewriteMarkdown() {
	const saved = JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf8'));
	const md = markdown(saved.meta, { cases: saved.cases }, saved.collect, saved.targets);
	fs.writeFileSync(path.join(__dirname, 'results.md'), md);
	console.log(md);
}

async function main() {
	if (option('markdown-from-json', false) === true) return rewriteMarkdown();
	let measured;
	let baseline;
	try {
		measured = benchPackage(option('package-dir', undefined));
		if (BASELINE) {
			console.log(`Building the baseline ${BASELINE} in a temp folder...`);
			baseline = await prepareBaseline(String(BASELINE));
		}
	} catch (error) {
		console.error(error.message);
		process.exit(2);
	}
	const meta = {
		date: new Date().toISOString(),
		node: process.version,
		n8nCore: packageVersion('n8n-core'),
		n8nWorkflow: packageVersion('n8n-workflow'),
		cpus: os.availableParallelism?.() ?? os.cpus().length,
		cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
		platform: `${os.platform()} ${os.release()}`,
		latencyMs: LATENCY_MS,
		parallelRequests: PARALLEL,
		repeatP4: REPEAT_P4,
		collectReps: COLLECT_REPS,
		loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
		package: measured.copied ? 'a private copy of dist/ taken at the start' : measured.packageDir,
		baseline: baseline && { rev: baseline.rev, commit: baseline.commit, subject: baseline.subject },
	};
	console.log(
		`WeChat node benchmark: n8n-core ${meta.n8nCore}, Node.js ${meta.node}, ${meta.cpus} CPUs (${meta.cpuModel}); simulator latency ${LATENCY_MS} ms/request`,
	);
	console.log(
		`Method: each case runs once at Parallel Requests ${PARALLEL} as a warm-up (checked, not counted), then at ${PARALLEL} (${REPEAT_P4}x, median reported) and 1 (once), interleaved; wall = engine.run() time; ideal = ceil(minimum/parallelism) x ${LATENCY_MS} ms; requests = datacube calls in the simulator log; minimum computed by bench/lib/minimum.js.`,
	);
	if (baseline)
		console.log(
			`Baseline: ${baseline.rev} (${baseline.commit}${baseline.subject ? `: ${baseline.subject}` : ''}), built in ${baseline.packageDir}; every run is made by both builds in turn, the order alternating.`,
		);
	if (meta.loadAverageAtStart[0] > 0.5) {
		console.log(
			`Note: load average ${meta.loadAverageAtStart.join(' ')} at start: other processes share the CPUs, timings are disturbed.`,
		);
	}
	const started = Date.now();
	const engine = await engineBenchmarks({ candidate: measured.packageDir, baseline: baseline?.packageDir });
	const collect = SKIP_COLLECT ? undefined : await collectBenchmarks();
	if (collect && baseline) collect.baseline = await collectBaseline(baseline.packageDir);
	const targets = evaluate(engine, collect);
	meta.loadAverageAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
	const md = markdown(meta, engine, collect, targets);

	console.log('\nMethod for the memory figure: the input lists are built and a full gc() run before the baseline');
	console.log('is read (inputs alive, not counted); peak = max(heapUsed right after collectRows returns with the');
	console.log('output referenced, heapUsed before every GC during the call per v8.GCProfiler) - baseline;');
	console.log('retained = heapUsed after gc() with the output referenced - baseline. Divided by output rows.');
	console.log('\nTargets:');
	for (const t of targets)
		console.log(
			`  ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.value}${t.kind === 'correctness' && !t.pass ? '  <-- correctness failure' : ''}`,
		);
	console.log(`\n${md}`);

	const results = {
		meta,
		targets,
		cases: engine.cases,
		diagnostics: engine.diagnostics,
		collect,
		failures,
		baselineProblems: engine.baselineProblems,
		totalSeconds: Math.round((Date.now() - started) / 1000),
	};
	if (WRITE) {
		fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, '\t')}\n`);
		fs.writeFileSync(path.join(__dirname, 'results.md'), md);
		console.log('Wrote bench/results.json and bench/results.md');
	}
	const correctnessMisses = targets.filter((t) => t.kind === 'correctness' && !t.pass);
	if (failures.length || correctnessMisses.length) {
		console.log(`\nCORRECTNESS FAILURES (${failures.length}):`);
		for (const f of failures) console.log(`  - ${f}`);
		process.exitCode = 1;
	} else {
		const performance = targets.filter((t) => t.kind === 'performance');
		const misses = performance.filter((t) => !t.pass).length;
		console.log(
			`\nAll outputs correct and requests minimal. Performance targets: ${performance.length - misses} PASS, ${misses} MISS (a miss is a measurement: exit code 0).`,
		);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
