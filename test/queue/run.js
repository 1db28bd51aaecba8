#!/usr/bin/env node
'use strict';
/**
 * n8n queue mode with this package (see test/queue/README.md): Postgres 18 + Redis + the WeChat simulator, one
 * `n8n start` main (EXECUTIONS_MODE=queue) and two `n8n worker` processes on the package's tarball, then:
 *   1. 20 webhook executions at once, Stable Token, tokens expiring every EXPIRE_EVERY datacube calls: rows exactly
 *      once each, spread over both workers, the token fetched once and refreshed once per expiry, 0 failures.
 *   2. The same with the Classic Token endpoint: failed executions and token fetches reported.
 *   3. examples/hourly-backfill-to-postgres.json on a worker into this Postgres, run twice: the second adds nothing.
 *   4. "Since Last Run" across workers: the cursor one worker stores, the next execution on the other continues;
 *      with and without a Confirm Delivery step; processed_data stays one row of 3 values per node; the workflow's
 *      other static data survives.
 *   5. Wall time of 20 executions on two workers, then on one.
 *
 *   npm run test:queue                 (builds first)
 *   node test/queue/run.js             (uses the current dist/)
 *   QUEUE_KEEP=1 node test/queue/run.js (keeps the temp folder)
 *   QUEUE_STEPS=1,4 node test/queue/run.js (only those of the steps below, for debugging)
 *
 * Logs of every process: .e2e/queue-last-run/. Prints "N passed, N failed, N skipped"; exits 1 on any failure.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { tempDir, onShutdown, stopAll, stopChild } = require('../../scripts/lib/processes');
const { REPO, provision } = require('../../scripts/lib/n8nApp');
const report = require('./report');
const W = require('./workflows');
const { WORKERS, bringUp, tearDown, logOffset, logSince } = require('./topology');
const E = require('./evidence');
const { wechatOnly } = require('../engine/sim-helpers');

const { step, info, check, figure, seconds } = report;
const LOG_DIR = path.join(REPO, '.e2e', 'queue-last-run');
const CONCURRENT = 20;
const EXPIRE_EVERY = 30; // the simulator expires every token after this many accepted datacube calls
const LATENCY_MS = 100; // per datacube request, a stand-in for the network between n8n and WeChat

let topology;
let app;
let stopping = false;

/** Why a list of rows is not exactly the expected rows, each once (order aside); undefined when it is. */
function notExactlyOnce(actual, expected) {
	if (!Array.isArray(actual)) return `no list of items (${JSON.stringify(actual).slice(0, 200)})`;
	const rowKey = (row) => JSON.stringify(wechatOnly(row));
	const a = actual.map(rowKey).sort();
	const e = expected.map(rowKey).sort();
	if (isDeepStrictEqual(a, e)) return undefined;
	const counts = new Map();
	for (const key of a) counts.set(key, (counts.get(key) || 0) + 1);
	const dupes = [...counts.values()].filter((n) => n > 1).length;
	const expectedSet = new Set(e);
	const missing = e.filter((key) => !counts.has(key)).length;
	const extra = a.filter((key) => !expectedSet.has(key)).length;
	return `${a.length} rows, expected ${e.length}: ${missing} missing, ${extra} unexpected, ${dupes} duplicated`;
}

/** Which worker started each execution id, from the workers' log lines since the offsets. */
function workersOf(offsets) {
	const byWorker = {};
	for (const name of WORKERS) byWorker[name] = E.startedByWorker(logSince(topology.procs[name].logFile, offsets[name]));
	return byWorker;
}

/**
 * Fires CONCURRENT executions of one webhook at once and gathers what happened: answers, rows, executions in
 * Postgres, which worker ran which, and the token figures of the simulator.
 */
async function loadRun(which, { workers = WORKERS } = {}) {
	const { sim, pg, procs } = topology;
	await sim.setOptions({ expireTokenEvery: EXPIRE_EVERY });
	await sim.resetLog();
	const before = await sim.state();
	const offsets = Object.fromEntries(WORKERS.map((name) => [name, logOffset(procs[name].logFile)]));
	const afterId = await E.lastExecutionId(app, pg.connection('n8n'));
	const fired = await E.fireAtOnce(`${procs.main.url}/webhook/${W.PATHS[which]}`, CONCURRENT);
	const workflowId = topology.workflows[0].id;
	const executions = await E.waitForExecutions(app, pg.connection('n8n'), workflowId, afterId, CONCURRENT);
	const [log, after] = [await sim.log(), await sim.state()];
	const expected = await sim.expected(W.RANGE.endpoint, W.RANGE.begin, W.RANGE.end);
	const wrong = fired.calls.map((call) =>
		call.status === 200
			? notExactlyOnce(call.json, expected)
			: `HTTP ${call.status} ${call.error || (call.text || '').slice(0, 200)}`,
	);
	const byWorker = workersOf(offsets);
	const failedExecution = executions.find((e) => e.status !== 'success');
	return {
		which,
		firstError: failedExecution && (await E.executionError(app, pg.connection('n8n'), failedExecution.id)),
		workers,
		wallMs: fired.wallMs,
		calls: fired.calls,
		expected,
		wrong,
		failed: wrong.filter(Boolean).length,
		executions,
		byWorker,
		tokens: { ...E.tokenFigures(log, { expireEvery: EXPIRE_EVERY }), minted: after.tokensIssued - before.tokensIssued },
	};
}

function printRun(label, r) {
	const spread = Object.entries(r.byWorker)
		.map(([name, ids]) => `${name} ${ids.length}`)
		.join(', ');
	info(`${label}: ${CONCURRENT} calls in ${seconds(r.wallMs)}; ${r.failed} failed; executions by worker: ${spread}`);
	const t = r.tokens;
	info(
		`  token endpoint calls ${t.tokenCalls} (${t.tokenCallsBeforeFirstRejection} before WeChat first rejected a token; force_refresh ${t.forceRefresh}), ` +
			`tokens minted ${t.minted}, expiries ${t.expiries}; ` +
			`datacube calls ${t.datacubeCalls}, rejected for the token ${t.rejected} (42001: ${t.rejected42001}, 40001: ${t.rejected40001})`,
	);
	const firstWrong = r.wrong.find(Boolean);
	if (firstWrong) info(`  first wrong answer: ${firstWrong}`);
	if (r.firstError) info(`  first failed execution: ${r.firstError}`);
}

/** Checks that hold for every load run: what Postgres recorded and which worker ran what. */
function checkExecutions(label, r) {
	check(`${label}: Postgres has ${CONCURRENT} executions of the workflow`, () =>
		r.executions.length === CONCURRENT
			? undefined
			: `${r.executions.length} executions: ${JSON.stringify(r.executions.slice(0, 5))}`,
	);
	check(`${label}: each execution was started by exactly one worker (worker logs)`, () => {
		const ids = r.executions.map((e) => e.id);
		const seen = Object.values(r.byWorker).flat();
		const unclaimed = ids.filter((id) => !seen.includes(id));
		const twice = ids.filter((id) => seen.filter((s) => s === id).length > 1);
		if (unclaimed.length || twice.length)
			return `not started by any worker: ${unclaimed.join(',') || '-'}; by two: ${twice.join(',') || '-'}`;
		return undefined;
	});
	check(`${label}: ran on ${r.workers.join(' and ')} only${r.workers.length > 1 ? ', each took some' : ''}`, () => {
		for (const name of WORKERS) {
			const n = r.byWorker[name].length;
			if (r.workers.includes(name) && n === 0) return `${name} ran none: ${JSON.stringify(r.byWorker)}`;
			if (!r.workers.includes(name) && n > 0) return `${name} (stopped) ran ${n}`;
		}
		return undefined;
	});
}

async function stableRun() {
	const done = step(
		`1. ${CONCURRENT} webhook executions at once, Stable Token, every token expires after ${EXPIRE_EVERY} datacube calls`,
	);
	const r = await loadRun('stable');
	printRun('stable', r);
	check(`stable: every execution answered with its ${r.expected.length} rows, each exactly once`, () =>
		r.failed === 0 ? undefined : `${r.failed} of ${CONCURRENT} wrong; first: ${r.wrong.find(Boolean)}`,
	);
	check('stable: every execution succeeded in Postgres', () => {
		const bad = r.executions.filter((e) => e.status !== 'success');
		return bad.length ? `${bad.length} not success: ${JSON.stringify(bad.slice(0, 5))}` : undefined;
	});
	checkExecutions('stable', r);
	check('stable: the expiries happened mid-run (the check below proves something)', () =>
		r.tokens.expiries >= 2 ? undefined : `only ${r.tokens.expiries} expiries`,
	);
	check('stable: one token minted at first, then one per expiry (shared through the database by both workers)', () =>
		r.tokens.minted >= 1 && r.tokens.minted <= r.tokens.expiries + 1
			? undefined
			: `${r.tokens.minted} tokens minted for ${r.tokens.expiries} expiries`,
	);
	check('stable: WeChat saw no more distinct tokens than it minted', () =>
		r.tokens.tokensUsed <= r.tokens.minted
			? undefined
			: `${r.tokens.tokensUsed} tokens used, ${r.tokens.minted} minted`,
	);
	figure('Stable Token, 20 at once, 2 workers: failed executions', `${r.failed} of ${CONCURRENT}`);
	figure(
		'Stable Token: token endpoint calls (at the start) / tokens minted / expiries',
		`${r.tokens.tokenCalls} (${r.tokens.tokenCallsBeforeFirstRejection}) / ${r.tokens.minted} / ${r.tokens.expiries}`,
	);
	done();
	return r;
}

async function classicRun() {
	const done = step(`2. the same with the Classic Token endpoint (credential "${W.CREDENTIALS.classic.name}")`);
	const r = await loadRun('classic');
	printRun('classic', r);
	checkExecutions('classic', r);
	check('classic: the expiries happened mid-run', () =>
		r.tokens.expiries >= 2 ? undefined : `only ${r.tokens.expiries} expiries`,
	);
	figure('Classic Token, 20 at once, 2 workers: failed executions', `${r.failed} of ${CONCURRENT}`);
	figure(
		'Classic Token: token endpoint calls (at the start) / tokens minted / expiries',
		`${r.tokens.tokenCalls} (${r.tokens.tokenCallsBeforeFirstRejection}) / ${r.tokens.minted} / ${r.tokens.expiries}`,
	);
	done("reported, not asserted: two workers minting classic tokens at once replace each other's");
	return r;
}

async function backfillRun() {
	const { sim, pg, procs } = topology;
	const done = step(
		`3. ${path.relative(REPO, W.BACKFILL_FILE)} on a worker (Webhook in place of its Manual Trigger) into Postgres, twice`,
	);
	const example = W.readBackfillExample();
	const wechat = example.nodes.find((node) => node.type.endsWith('.weChatOfficialAccount'));
	const analytics = pg.connection('analytics');
	await E.query(app, analytics, W.backfillTableSql(example));
	await sim.setOptions({ expireTokenEvery: 0, latencyMs: 0 }); // not a timing run
	const expected = await sim.expected(
		'getupstreammsghour',
		wechat.parameters.beginDate.slice(0, 10),
		wechat.parameters.endDate.slice(0, 10),
	);
	const url = `${procs.main.url}/webhook/${W.PATHS.backfill}`;
	const table = 'wechat_upstream_msg_hour';
	const count = async () => Number((await E.query(app, analytics, `SELECT count(*) AS n FROM ${table}`))[0].n);

	await sim.resetLog();
	const first = await E.fireAtOnce(url, 1, { timeoutMs: 600000 });
	const firstLog = await sim.log();
	const rowsAfterFirst = await count();
	info(
		`first run: HTTP ${first.calls[0].status} in ${seconds(first.wallMs)}; ${firstLog.filter((e) => e.path.startsWith('/datacube/')).length} datacube calls; ${rowsAfterFirst} rows in ${table}`,
	);
	check(`backfill: the first run succeeds (HTTP 200)`, () =>
		first.calls[0].status === 200
			? undefined
			: `HTTP ${first.calls[0].status}: ${first.calls[0].text || first.calls[0].error}`,
	);
	const stored = await E.query(
		app,
		analytics,
		`SELECT ref_date::text AS ref_date, ref_hour, msg_type, msg_user, msg_count FROM ${table}`,
	);
	check(
		`backfill: ${table} holds exactly the ${expected.length} rows WeChat serves for ${wechat.parameters.beginDate}..${wechat.parameters.endDate}`,
		() => notExactlyOnce(stored, expected),
	);

	// Change one stored value: an upsert puts WeChat's value back, a skip-on-conflict would keep it.
	const probe = expected[Math.floor(expected.length / 2)];
	const where = `ref_date = '${probe.ref_date}' AND ref_hour = ${probe.ref_hour} AND msg_type = ${probe.msg_type}`;
	await E.query(app, analytics, `UPDATE ${table} SET msg_count = msg_count + 1000 WHERE ${where}`);
	const second = await E.fireAtOnce(url, 1, { timeoutMs: 600000 });
	const rowsAfterSecond = await count();
	const [probeAfter] = await E.query(app, analytics, `SELECT msg_count FROM ${table} WHERE ${where}`);
	info(`second run: HTTP ${second.calls[0].status} in ${seconds(second.wallMs)}; ${rowsAfterSecond} rows`);
	check('backfill: the second run succeeds and adds no row (primary key ref_date, ref_hour, msg_type)', () =>
		second.calls[0].status === 200 && rowsAfterSecond === rowsAfterFirst
			? undefined
			: `HTTP ${second.calls[0].status}; rows ${rowsAfterFirst} → ${rowsAfterSecond}`,
	);
	check("backfill: the second run upserts (a row changed in between has WeChat's value again)", () =>
		probeAfter && Number(probeAfter.msg_count) === probe.msg_count
			? undefined
			: `msg_count ${probeAfter && probeAfter.msg_count}, WeChat says ${probe.msg_count}`,
	);
	figure(
		'Hourly backfill into Postgres: rows, first run / second run',
		`${rowsAfterFirst} in ${seconds(first.wallMs)} / +${rowsAfterSecond - rowsAfterFirst} in ${seconds(second.wallMs)}`,
	);
	await sim.setOptions({ latencyMs: LATENCY_MS });
	done();
}

const LOOKBACK_DAYS = 7;

/** The days from first to last (YYYY-MM-DD), in order. */
function daysThrough(first, last) {
	const days = [];
	for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86400000)
		days.push(new Date(t).toISOString().slice(0, 10));
	return days;
}

/** Calls a "Since Last Run" webhook `count` times at once; resolves [{ call, days, error, worker }]. */
async function sinceLastRunCalls(branch, count) {
	const { pg, procs } = topology;
	const offsets = Object.fromEntries(WORKERS.map((w) => [w, logOffset(procs[w].logFile)]));
	const afterId = await E.lastExecutionId(app, pg.connection('n8n'));
	const fired = await E.fireAtOnce(`${procs.main.url}/webhook/${W.PATHS[branch]}`, count);
	const executions = await E.waitForExecutions(
		app,
		pg.connection('n8n'),
		W.sinceLastRunWorkflow(LOOKBACK_DAYS).id,
		afterId,
		count,
	);
	const byWorker = workersOf(offsets);
	const failed = executions.find((e) => e.status !== 'success');
	const error = failed ? await E.executionError(app, pg.connection('n8n'), failed.id) : undefined;
	return fired.calls.map((call) => {
		const rows = call.status === 200 && Array.isArray(call.json) ? call.json.filter((item) => item.ref_date) : [];
		const days = [...new Set(rows.map((row) => row.ref_date))].sort();
		// One call at a time: the one execution's worker. At once: not attributable per call.
		const worker = count === 1 ? WORKERS.find((w) => byWorker[w].length > 0) : undefined;
		return {
			call,
			rows,
			days,
			error: call.status === 200 ? undefined : error,
			worker,
			executionIds: executions.map((e) => e.id),
		};
	});
}

const failureOf = (run) =>
	`HTTP ${run.call.status}${run.error ? `: ${run.error}` : ` ${run.call.text || run.call.error}`}`;

/** The values a cursor "delivered through `day`" of getDaily is stored as (either generation), as n8n hashes them. */
function cursorHashes(day, generation) {
	return [`year=${day.slice(0, 4)}`, `month=${day.slice(5, 7)}`, `day=${day.slice(8)}`]
		.map((field) => `wechat-analytics-since-last-run|messageSummary/getDaily|${generation}|${field}`)
		.map((value) => createHash('md5').update(value).digest('base64'))
		.sort();
}

/** Why the WeChat node of `branch` does not hold exactly the cursor `day` in its own row; undefined when it does. */
function notTheCursor(rows, branch, day) {
	const own = rows.find((row) => row.context === `n:${W.fetchNodeId(branch)}`);
	if (!own)
		return `no row n:${W.fetchNodeId(branch)} (rows: ${rows.map((row) => JSON.stringify(row.context)).join(', ')})`;
	const held = [...own.value.data].sort().join();
	return [0, 1].some((generation) => held === cursorHashes(day, generation).join())
		? undefined
		: `${own.value.data.length} value(s), not the cursor ${day}`;
}

async function sinceLastRunAcrossWorkers(offered) {
	const name = '"Since Last Run": the cursor one worker stores is continued by the next execution on the other worker';
	if (
		!check('since last run: the built node offers Date Range "Since Last Run"', () =>
			offered ? undefined : 'no dateRange option "sinceLastRun"',
		)
	)
		return;
	const done = step(`4. ${name}`);
	await topology.sim.setOptions({ expireTokenEvery: 0 });
	const { latestDay } = await topology.sim.state();
	const expectedDays = daysThrough(
		new Date(Date.parse(`${latestDay}T00:00:00Z`) - (LOOKBACK_DAYS - 1) * 86400000).toISOString().slice(0, 10),
		latestDay,
	);
	const connection = topology.pg.connection('n8n');
	const workflowId = W.sinceLastRunWorkflow(LOOKBACK_DAYS).id;
	// What a Schedule Trigger and another node keep in the workflow's static data: a worker saves the static data
	// an execution changed in place of all of it, and starts new executions without it (n8n 2.41.1).
	await E.setWorkflowStaticData(app, connection, workflowId, W.OTHER_STATIC_DATA);
	let executions = 0;
	const calls = async (branch, count) => {
		executions += count;
		return await sinceLastRunCalls(branch, count);
	};

	const [first] = await calls('sinceLastRun', 1);
	check(
		`since last run: the first execution (${first.worker}) delivers the ${LOOKBACK_DAYS} days up to ${latestDay}, the latest WeChat serves`,
		() => {
			if (first.call.status !== 200) return failureOf(first);
			return isDeepStrictEqual(first.days, expectedDays)
				? undefined
				: `days delivered: ${first.days.join(', ') || 'none'}`;
		},
	);
	const rows = await E.processedDataRows(app, connection, workflowId);
	info(
		`processed_data of the workflow after the first execution: ${JSON.stringify(rows.map((r) => [r.context, r.value.data.length]))}`,
	);
	check(
		`since last run: Postgres holds the cursor the first execution's Confirm Delivery stored (delivered through ${latestDay}) in the WeChat node's own row of processed_data (scope node), as its 3 values`,
		() => notTheCursor(rows, 'sinceLastRun', latestDay) || (rows.length === 1 ? undefined : `${rows.length} rows`),
	);
	let next;
	let tries = 0;
	do {
		[next] = await calls('sinceLastRun', 1);
		tries += 1;
	} while (next.call.status === 200 && next.worker === first.worker && tries < 10);
	check(
		`since last run: a later execution ran on the other worker than ${first.worker} (after ${tries} call(s))`,
		() => (next.worker && next.worker !== first.worker ? undefined : `all on ${first.worker}`),
	);
	const startedFrom = await E.executionStaticData(app, connection, next.executionIds[0]);
	info(
		`static data that execution ${next.executionIds[0]} started from on ${next.worker} (execution_data."workflowData"): ${JSON.stringify(startedFrom) ?? 'none (n8n 2.41.1)'}`,
	);
	check('since last run: it continued from the stored cursor: nothing new to deliver, no day repeated', () => {
		if (next.call.status !== 200) return failureOf(next);
		return next.rows.length === 0 ? undefined : `it delivered ${next.rows.length} rows again (${next.days.join(', ')})`;
	});
	figure(
		'Since Last Run on queue mode: days the next execution on the other worker delivered',
		`${next.days.length} (0 = continued from the cursor)`,
	);

	// Without a Confirm Delivery step (Wait for Confirm Delivery at its default): the node stores the cursor itself.
	const [plain] = await calls('sinceLastRunPlain', 1);
	let plainNext;
	tries = 0;
	do {
		[plainNext] = await calls('sinceLastRunPlain', 1);
		tries += 1;
	} while (plainNext.call.status === 200 && plainNext.worker === plain.worker && tries < 10);
	check(
		`since last run, no Confirm Delivery step: the first execution (${plain.worker}) delivers ${LOOKBACK_DAYS} days, the next on ${plainNext.worker} none`,
		() => {
			if (plain.call.status !== 200) return failureOf(plain);
			if (!isDeepStrictEqual(plain.days, expectedDays)) return `first: ${plain.days.join(', ') || 'none'}`;
			if (plainNext.call.status !== 200) return failureOf(plainNext);
			if (plainNext.worker === plain.worker) return `all on ${plain.worker}`;
			return plainNext.rows.length === 0 ? undefined : `the next delivered ${plainNext.days.join(', ')} again`;
		},
	);

	// Overlap, reported: two first runs of a fresh cursor at once, then one more.
	const both = await calls('sinceLastRunOverlap', 2);
	const [after] = await calls('sinceLastRunOverlap', 1);
	const describe = (run) => (run.call.status === 200 ? `${run.days.length} days` : failureOf(run).slice(0, 160));
	figure(
		'Since Last Run, two executions at once on a fresh cursor: days each delivered, then the next run',
		`${both.map(describe).join(' and ')}; then ${describe(after)}`,
	);
	check(
		'since last run: after two overlapping first runs, the next execution delivers nothing (both stored the same cursor)',
		() => (after.call.status === 200 && after.rows.length === 0 ? undefined : describe(after)),
	);

	// Many more executions: the store stays one row of 3 values per WeChat node.
	for (let i = 0; i < 4; i++)
		for (const branch of ['sinceLastRun', 'sinceLastRunPlain', 'sinceLastRunOverlap']) await calls(branch, 1);
	const final = await E.processedDataRows(app, connection, workflowId);
	const values = final.reduce((n, row) => n + row.value.data.length, 0);
	check(
		`since last run: after ${executions} executions processed_data holds one row per WeChat node (3), each the cursor ${latestDay} in 3 values, and no row of the workflow scope`,
		() => {
			if (final.length !== 3 || final.some((row) => row.context === ''))
				return JSON.stringify(final.map((r) => r.context));
			for (const branch of ['sinceLastRun', 'sinceLastRunPlain', 'sinceLastRunOverlap']) {
				const wrong = notTheCursor(final, branch, latestDay);
				if (wrong) return `${branch}: ${wrong}`;
			}
			return undefined;
		},
	);
	figure(
		`Since Last Run on queue mode: processed_data after ${executions} executions (3 WeChat nodes)`,
		`${final.length} rows, ${values} values`,
	);
	const staticData = await E.workflowStaticData(app, connection, workflowId);
	check(
		"since last run: the workflow's other static data (a trigger's, another node's) survived every execution on the workers",
		() =>
			isDeepStrictEqual(staticData, W.OTHER_STATIC_DATA)
				? undefined
				: `static data now: ${JSON.stringify(staticData).slice(0, 300)}`,
	);
	done();
}

async function timingRuns() {
	const done = step(
		`5. wall time of ${CONCURRENT} executions at once (Stable Token, same expiry): two workers, then one`,
	);
	const two = await loadRun('stable');
	printRun('two workers', two);
	check('two workers: no token fetched before the first expiry: both used the token stored in Postgres', () =>
		two.tokens.tokenCallsBeforeFirstRejection === 0 && WORKERS.every((w) => two.byWorker[w].length > 0)
			? undefined
			: `${two.tokens.tokenCallsBeforeFirstRejection} token calls first; by worker ${JSON.stringify(two.byWorker)}`,
	);
	await stopChild(topology.procs.worker2.child);
	info('stopped worker2');
	const one = await loadRun('stable', { workers: ['worker1'] });
	printRun('one worker', one);
	checkExecutions('one worker', one);
	check('two and one worker: no failed execution', () =>
		two.failed + one.failed === 0 ? undefined : `two workers ${two.failed}, one worker ${one.failed}`,
	);
	figure(
		`${CONCURRENT} executions at once, wall time, 2 workers / 1 worker`,
		`${seconds(two.wallMs)} / ${seconds(one.wallMs)}`,
	);
	done();
}

async function main() {
	const keep = process.env.QUEUE_KEEP === '1';
	onShutdown(
		async (reason) => {
			stopping = true;
			report.fail('the queue-mode run', `stopped: ${reason}`);
			await tearDown(topology);
			await stopAll();
			report.summary();
			process.exit(130);
		},
		{ watchParent: true },
	);
	fs.rmSync(LOG_DIR, { recursive: true, force: true });
	fs.mkdirSync(LOG_DIR, { recursive: true });
	const tmp = tempDir('wechat-queue-', { keep });
	report.info(
		`temp folder ${tmp}${keep ? ' (kept: QUEUE_KEEP=1)' : ''}; process logs in ${path.relative(process.cwd(), LOG_DIR) || LOG_DIR}/`,
	);

	let done = step('provision the real n8n app (scripts/n8n-app/provision.sh; cached after the first run)');
	app = await provision({ onProgress: (line) => info(line) });
	done(app.N8N_APP_DIR);

	const field = W.tokenEndpointField(REPO);
	const sinceLastRun = W.nodeHasSinceLastRun(REPO);
	info(
		`credential field for the token endpoint: ${field.name} = ${field.stable} | ${field.classic}; node offers "Since Last Run": ${sinceLastRun}`,
	);
	topology = await bringUp({
		app,
		tmp,
		logDir: LOG_DIR,
		latencyMs: LATENCY_MS,
		onStep: step,
		credentials: ({ sim, pg }) => W.credentials(sim, field, { ...pg.connection('analytics') }),
		workflows: () => [
			W.loadWorkflow(),
			W.backfillWorkflow(W.readBackfillExample()),
			...(sinceLastRun ? [W.sinceLastRunWorkflow(LOOKBACK_DAYS)] : []),
		],
	});

	const steps = process.env.QUEUE_STEPS ? new Set(process.env.QUEUE_STEPS.split(',').map(Number)) : null;
	const want = (n) => !steps || steps.has(n);
	if (steps) info(`QUEUE_STEPS=${process.env.QUEUE_STEPS}: only those steps`);
	if (want(1)) await stableRun();
	if (want(2)) await classicRun();
	if (want(3)) await backfillRun();
	if (want(4)) await sinceLastRunAcrossWorkers(sinceLastRun);
	if (want(5)) await timingRuns();
}

main()
	.catch((error) => report.fail('the queue-mode run', error && error.stack ? error.stack : String(error)))
	.then(async () => {
		if (stopping) return; // the shutdown handler tears down and exits
		const done = step('stop n8n, the simulator, Redis and Postgres; remove the temp folders');
		await tearDown(topology);
		await stopAll();
		done();
		const { failed } = report.summary();
		process.exit(failed > 0 ? 1 : 0);
	});
