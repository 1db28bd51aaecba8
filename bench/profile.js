#!/usr/bin/env node
'use strict';
/**
 * Where does the hourly year's time above the ideal go? (investigation companion of bench/run.js;
 * not part of npm run bench). Needs a build (npm run build).
 *   node bench/profile.js [--runs 3] [--skip-whatif]
 *
 * 1. CPU profile (inspector, in-process) of one 365-day hourly run at Parallel Requests 4 with the
 *    simulator's 40 ms latency; every sample is attributed to one category by its stack.
 * 2. What-if runs of the same backfill, each in a fresh process (warm-up, then --runs runs, median):
 *      rawHttpKeepAlive / rawHttpNewAgent   no n8n at all: the floor of simulator + Node's http
 *      built      as built (what npm run bench measures)
 *      simChild   simulator in a separate process: its CPU no longer shares the node's thread
 *      authFn     the credential's `authenticate` as a function instead of the generic
 *                 `={{$credentials.accessToken}}` expression (patched at runtime in the harness)
 *      simChild+authFn
 * Nothing here changes the node's files: variants are patched into this process.
 */
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const { isDeepStrictEqual } = require('node:util');
const { option, median, runJson } = require('./lib/runner');
const { startSimulator, isDatacubeCall } = require('../scripts/lib/simulator');
const { engineWithSimulator } = require('../scripts/lib/engine');

const ROOT = path.resolve(__dirname, '..');
const LATENCY_MS = 40;
const PARALLEL = 4;
const CASE = { operation: 'getHourly', begin: '2025-01-01', end: '2025-12-31', requests: 365 };
const IDEAL_MS = Math.ceil(CASE.requests / PARALLEL) * LATENCY_MS;

// ---------------------------------------------------------------------------------------------
// the backfill in this process, with optional variants

/**
 * Runs fn with the simulator's log reset and times it: { value, wallMs, calls, phases } with start (run start to
 * first request), fetch (first request to last answer), tail (last answer to run end) and the server's ms/request.
 */
async function timed(sim, fn) {
	await sim.resetLog();
	const t0 = Date.now();
	const h0 = process.hrtime.bigint();
	const value = await fn();
	const wallMs = Number(process.hrtime.bigint() - h0) / 1e6;
	const t1 = Date.now();
	const calls = (await sim.log()).filter(isDatacubeCall);
	const first = Math.min(...calls.map((c) => c.at));
	const last = Math.max(...calls.map((c) => c.at + c.ms));
	const serverMs = calls.reduce((sum, c) => sum + c.ms, 0) / calls.length;
	return {
		value,
		wallMs,
		calls,
		phases: { startupMs: first - t0, fetchMs: last - first, tailMs: t1 - last, serverMs },
	};
}

async function backfillSetup(variant) {
	const setup = await engineWithSimulator({ latencyMs: LATENCY_MS, simulator: { child: Boolean(variant.simChild) } });
	const { sim, engine } = setup;
	if (variant.authFn) {
		const type = engine.getCredentialType('weChatOfficialAccountApi');
		type.authenticate = async (credentials, requestOptions) => {
			requestOptions.qs = { ...(requestOptions.qs ?? {}), access_token: credentials.accessToken };
			return requestOptions;
		};
	}
	const parameters = {
		operation: CASE.operation,
		dateRange: 'custom',
		beginDate: CASE.begin,
		endDate: CASE.end,
		options: { parallelRequests: PARALLEL },
	};
	const expected = await sim.expected('getupstreammsghour', CASE.begin, CASE.end);
	const run = async () => {
		const { value: result, wallMs, calls, phases } = await timed(sim, () => setup.run(parameters));
		const rows = (result.data.WeChat ?? []).map((item) => {
			const { ref_date, ref_hour, msg_type, msg_user, msg_count } = item.json;
			return { ref_date, ref_hour, msg_type, msg_user, msg_count };
		});
		return { wallMs, phases, ok: !result.error && calls.length === CASE.requests && isDeepStrictEqual(rows, expected) };
	};
	// warm-up: token, JIT, simulator row cache
	await run();
	return { run, close: setup.close };
}

/**
 * The floor without n8n: the same 365 POSTs from 4 workers with Node's http module and JSON.parse,
 * over one keep-alive agent, or over a new agent (so a new TCP connection) per request, which is
 * what n8n's HTTP stack does (@n8n/backend-network builds new http.Agent objects per request).
 */
async function rawHttpSetup(newAgentPerRequest) {
	const http = require('node:http');
	const sim = await startSimulator({ latencyMs: LATENCY_MS });
	const token = (
		await (
			await fetch(`${sim.url}/cgi-bin/stable_token`, {
				method: 'POST',
				body: JSON.stringify({ grant_type: 'client_credential', appid: sim.appId, secret: sim.appSecret }),
			})
		).json()
	).access_token;
	const keepAlive = new http.Agent({ keepAlive: true });
	const days = [];
	for (let t = Date.parse(`${CASE.begin}T00:00:00Z`); t <= Date.parse(`${CASE.end}T00:00:00Z`); t += 86_400_000)
		days.push(new Date(t).toISOString().slice(0, 10));
	const post = (day) =>
		new Promise((resolve, reject) => {
			const body = JSON.stringify({ begin_date: day, end_date: day });
			const request = http.request(
				`${sim.url}/datacube/getupstreammsghour?access_token=${token}`,
				{
					method: 'POST',
					agent: newAgentPerRequest ? new http.Agent() : keepAlive,
					headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
				},
				(response) => {
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).list));
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	const fetchAll = async () => {
		const lists = new Array(days.length);
		let next = 0;
		const worker = async () => {
			while (next < days.length) {
				const index = next++;
				lists[index] = await post(days[index]);
			}
		};
		await Promise.all(Array.from({ length: PARALLEL }, worker));
	};
	const run = async () => {
		const { wallMs, calls, phases } = await timed(sim, fetchAll);
		return { wallMs, phases, ok: calls.length === CASE.requests && calls.every((c) => c.errcode === 0) };
	};
	await run();
	return { run, close: () => sim.stop() };
}

async function childVariant(name) {
	const runs = Number(option('runs', 3));
	const { run, close } = name.startsWith('rawHttp')
		? await rawHttpSetup(name === 'rawHttpNewAgent')
		: await backfillSetup({ simChild: name.includes('simChild'), authFn: name.includes('authFn') });
	const results = [];
	for (let i = 0; i < runs; i++) results.push(await run());
	await close();
	const walls = results.map((r) => r.wallMs);
	const mid = results.find((r) => r.wallMs === median(walls)) ?? results[0];
	process.stdout.write(
		`${JSON.stringify({
			variant: name,
			ok: results.every((r) => r.ok),
			wallsMs: walls.map(Math.round),
			medianMs: Math.round(median(walls)),
			ratio: median(walls) / IDEAL_MS,
			phases: mid.phases,
		})}\n`,
	);
	process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// CPU profile attribution

function categorize(profile, requests) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const totals = new Map();
	let total = 0;
	const classify = (leafId) => {
		const stack = [];
		for (let id = leafId; id !== undefined; id = parent.get(id)) stack.push(byId.get(id).callFrame);
		const leaf = stack[0];
		if (leaf.functionName === '(garbage collector)') return 'GC (garbage collector)';
		if (leaf.functionName === '(idle)') return 'idle (waiting for timers / sockets)';
		if (leaf.functionName === '(program)') return 'V8 / native (program)';
		if (stack.some((f) => f.url.includes('/test/simulator/') || f.url === 'node:_http_server'))
			return 'simulator (in-process: routes, timers, HTTP server)';
		if (stack.some((f) => f.functionName === 'authenticate' && f.url.includes('credentials-helper')))
			return 'credential authenticate: ={{$credentials.accessToken}} expression';
		if (stack.some((f) => f.url.includes('inspector') || f.functionName === 'post')) return 'profiler itself';
		const owner = stack.find((f) => f.url && !f.url.startsWith('node:'));
		if (owner) {
			const url = owner.url;
			if (
				/node_modules\/(axios|follow-redirects|@n8n\/backend-network|proxy-from-env|form-data|combined-stream|qs|side-channel)\//.test(
					url,
				)
			)
				return 'n8n HTTP stack (httpRequest -> @n8n/backend-network -> axios -> follow-redirects)';
			if (/node_modules\/n8n-core\/.*request-helper|node_modules\/n8n-core\/.*authentication/.test(url))
				return 'n8n HTTP stack (httpRequest -> @n8n/backend-network -> axios -> follow-redirects)';
			if (/node_modules\/(n8n-core|n8n-workflow|@n8n\/|luxon|lodash|jmespath)/.test(url))
				return 'n8n engine (WorkflowExecute, execution context, items)';
			if (url.includes('/node_modules/')) return `other (${url.replace(/^.*node_modules\//, '').split('/')[0]})`;
			// one category: TurboFan inlines collectRows into execute, so function names do not separate
			// them reliably; the post-processing cost is the run's tail (see run.js diagnostics)
			if (url.includes(`${ROOT}/dist/`)) return 'node code (execute, plan, fetchWindows, transport, collectRows)';
			if (url.includes('/test/engine/')) return 'harness (test/engine)';
			if (url.includes('/bench/')) return 'benchmark itself (result checks)';
			return `other (${url.replace(/^.*node_modules\//, '').split('/')[0]})`;
		}
		if (
			stack.some((f) =>
				/^node:(_http_client|_http_agent|net|_http_common|_http_outgoing|_http_incoming|stream|internal\/stream|internal\/streams)/.test(
					f.url,
				),
			)
		)
			return 'Node core: sockets, HTTP client/parser';
		return 'Node core: timers, microtasks, other';
	};
	for (let i = 0; i < profile.samples.length; i++) {
		const category = classify(profile.samples[i]);
		const dt = profile.timeDeltas[i] / 1000;
		totals.set(category, (totals.get(category) ?? 0) + dt);
		total += dt;
	}
	return {
		totalMs: total,
		rows: [...totals]
			.sort((a, b) => b[1] - a[1])
			.map(([category, ms]) => ({ category, ms: Math.round(ms), share: ms / total, msPerRequest: ms / requests })),
	};
}

async function cpuProfile() {
	const { run, close } = await backfillSetup({});
	await run(); // second warm-up
	const session = new inspector.Session();
	session.connect();
	const post = (method, params) =>
		new Promise((resolve, reject) =>
			session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
		);
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 200 });
	await post('Profiler.start');
	const measured = await run();
	const { profile } = await post('Profiler.stop');
	session.disconnect();
	const file = path.join(require('node:os').tmpdir(), 'wechat-bench-hourly-p4.cpuprofile');
	fs.writeFileSync(file, JSON.stringify(profile)); // open in Chrome DevTools > Performance
	console.log(`(CPU profile written to ${file})`);
	await close();
	return { measured, ...categorize(profile, CASE.requests) };
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const variantArg = option('variant', null);
	if (variantArg) return childVariant(variantArg);

	console.log(
		`Hourly year (${CASE.begin}..${CASE.end}), ${CASE.requests} requests, Parallel Requests ${PARALLEL}, latency ${LATENCY_MS} ms, ideal ${IDEAL_MS} ms\n`,
	);
	const profiled = await cpuProfile();
	console.log(
		`1. CPU profile of one run (in-process simulator; profiling adds overhead): wall ${Math.round(profiled.measured.wallMs)} ms, sampled ${Math.round(profiled.totalMs)} ms; fetch phase ${profiled.measured.phases.fetchMs} ms, tail ${profiled.measured.phases.tailMs} ms`,
	);
	for (const row of profiled.rows) {
		console.log(
			`   ${String(row.ms).padStart(6)} ms  ${(row.share * 100).toFixed(1).padStart(5)} %  ${row.msPerRequest.toFixed(2).padStart(6)} ms/request  ${row.category}`,
		);
	}

	const results = { profile: profiled.rows, profileWallMs: Math.round(profiled.measured.wallMs) };
	if (option('skip-whatif', false) !== true) {
		console.log(
			`\n2. What-if backfills (fresh process each; median of ${option('runs', 3)} runs; ideal ${IDEAL_MS} ms):`,
		);
		results.whatif = [];
		for (const name of ['rawHttpKeepAlive', 'rawHttpNewAgent', 'built', 'simChild', 'authFn', 'simChild+authFn']) {
			const r = await runJson(__filename, ['--variant', name, '--runs', String(option('runs', 3))]);
			results.whatif.push(r);
			console.log(
				`   ${name.padEnd(24)} ${String(r.medianMs).padStart(5)} ms  x${r.ratio.toFixed(3)}  (runs ${r.wallsMs.join(', ')}; fetch ${r.phases.fetchMs} ms = ${(r.phases.fetchMs / Math.ceil(CASE.requests / PARALLEL)).toFixed(1)} ms/round, server ${r.phases.serverMs.toFixed(1)} ms/request, tail ${r.phases.tailMs} ms)${r.ok ? '' : '  OUTPUT WRONG'}`,
			);
		}
	}

	fs.writeFileSync(
		path.join(require('node:os').tmpdir(), 'wechat-bench-profile.json'),
		JSON.stringify(results, null, '\t'),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
