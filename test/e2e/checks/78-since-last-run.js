/**
 * Date Range "Since Last Run" in the real app across separate `n8n execute` runs of one workflow, with the cursor in
 * n8n's deduplication store (table processed_data, the WeChat node's own row), which every n8n process shares. The workflow: Manual Trigger → WeChat (Published Content / Get Overview, Since Last Run, Lookback Days 3,
 * Wait for Confirm Delivery left at its default) → HTTP Request that stores each row in a destination (a local HTTP
 * server, see lib/destination.js) → Confirm Delivery.
 *
 *   run 1  WeChat flags the latest day not final (is_delay): the Lookback Days window is fetched, its last day held
 *          back; the other days reach the destination and are confirmed
 *   run 2  the latest day is final now, the destination is down: only the latest day is fetched (confirmed days are
 *          not repeated); the HTTP Request node fails the execution, Confirm Delivery does not run
 *   run 3  the destination is back: exactly the unconfirmed day is fetched again and stored
 *   run 4  same morning: nothing new, no items, success
 *
 * Every day of the window reaches the destination exactly once. The real clock decides the days: the latest day
 * WeChat serves comes from the simulator (yesterday from 08:00 China time); the check keeps clear of 08:00.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { importWorkflows, nodeItems } = require('../../../scripts/lib/n8nApp');
const { NODE_TYPE } = require('../../../scripts/lib/entities');
const { isDatacubeCall } = require('../../../scripts/lib/simulator');
const { sleep } = require('../../../scripts/lib/processes');
const { manualWorkflow, wechatNode } = require('../lib/workflows');
const { startDestination } = require('../lib/destination');
const { check, info } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');
const { processedDataRows } = require('../lib/processedData');

const WORKFLOW_ID = 'e2eSinceLastRun1';
const WECHAT = 'WeChat: overview since last run';
const STORE = 'Store rows';
const CONFIRM = 'Confirm delivery';
const LOOKBACK_DAYS = 3;
const API = { resource: 'publishedContent', operation: 'getOverview', endpoint: 'getbizsummary' };

const DAY = 86400000;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function sinceLastRunWorkflow(destinationUrl) {
	const wechat = wechatNode(
		WECHAT,
		{
			resource: API.resource,
			operation: API.operation,
			dateRange: 'sinceLastRun',
			lookbackDays: LOOKBACK_DAYS,
			options: { addReadableFields: false },
		},
		[300, 0],
	);
	const workflow = manualWorkflow(WORKFLOW_ID, 'e2e: Since Last Run with a destination and Confirm Delivery', [wechat]);
	workflow.nodes.push(
		{
			id: `${WORKFLOW_ID}-store`,
			name: STORE,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [550, 0],
			parameters: {
				method: 'POST',
				url: `${destinationUrl}/rows`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json) }}',
				options: {},
			},
		},
		{
			id: `${WORKFLOW_ID}-confirm`,
			name: CONFIRM,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [800, 0],
			parameters: { resource: 'delivery', operation: 'confirm' },
		},
	);
	const to = (node) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	Object.assign(workflow.connections, { [WECHAT]: to(STORE), [STORE]: to(CONFIRM) });
	return workflow;
}

/** Waits when 08:00 China time (the moment the latest served day moves) is under 6 minutes away. */
async function keepClearOfEightChina() {
	const chinaMs = (Date.now() + 8 * 3600000) % DAY;
	const msToEight = (8 * 3600000 - chinaMs + DAY) % DAY;
	if (msToEight < 360000) {
		info(`08:00 China time is ${Math.round(msToEight / 1000)} s away; waiting for it so that the latest day stays put`);
		await sleep(msToEight + 15000);
	}
}

const refDates = (items) => (items || []).map((item) => item.json.ref_date);
const list = (days) => days.join(', ') || 'none';

/** One run: n8n execute, then what the WeChat node output, what the destination got, which nodes ran. */
async function runOnce(ctx, label, { expectFailure = false } = {}) {
	const { result, execution, log } = expectFailure
		? await ctx.execute(label, WORKFLOW_ID, { expectFailure })
		: await executeExpectingSuccess(ctx, label, WORKFLOW_ID);
	const state = ctx.sinceLastRun;
	const runData = execution ? execution.data.resultData.runData : {};
	return {
		result,
		execution,
		output: nodeItems(execution, WECHAT),
		requests: log.filter(isDatacubeCall).map((c) => `${c.body.begin_date}..${c.body.end_date}=${c.errcode}`),
		destination: state.destination.take(),
		ran: (name) => Boolean(runData[name] && runData[name].length),
		/** The execution hints of the WeChat node (what the editor shows above its output). */
		hints: ((runData[WECHAT] || []).slice(-1)[0] || { hints: [] }).hints.map((hint) => hint.message),
	};
}

/** Why the WeChat node's hints do not include one that holds every part, or nothing. */
function hinted(run, parts) {
	if (run.hints.some((hint) => parts.every((part) => (part instanceof RegExp ? part.test(hint) : hint.includes(part)))))
		return undefined;
	return `no hint with ${parts.join(' and ')}: ${JSON.stringify(run.hints)}`;
}

/** The WeChat node output exactly these days, with WeChat's figures for them, in one request for exactly them. */
function deliveredExactly(ctx, run, days) {
	const got = refDates(run.output);
	if (list(got) !== list(days)) return `the WeChat node output ${list(got)}, expected ${list(days)}`;
	for (const item of run.output || []) {
		const want = ctx.sinceLastRun.readUsers[item.json.ref_date];
		if (item.json.read_user !== want)
			return `${item.json.ref_date}: read_user ${item.json.read_user}, WeChat has ${want}`;
	}
	const request = days.length ? [`${days[0]}..${days[days.length - 1]}=0`] : [];
	if (run.requests.join() !== request.join()) return `requests: ${run.requests.join(' ') || 'none'}`;
}

const succeeded = (run) =>
	run.execution && run.execution.status === 'success' ? undefined : `status ${run.execution && run.execution.status}`;

module.exports = {
	steps: [
		{
			title: `Since Last Run, run 1 (n8n execute): the first ${LOOKBACK_DAYS} days; WeChat flags the latest not final (is_delay), so it is held back`,
			async run(ctx) {
				const { sim } = ctx;
				await keepClearOfEightChina();
				const { latestDay } = await sim.state();
				const destination = await startDestination();
				ctx.sinceLastRun = { latestDay, destination, stored: [] };
				await importWorkflows(
					ctx.n8n,
					[{ workflow: sinceLastRunWorkflow(destination.url) }],
					path.join(ctx.tmp, 'since-last-run'),
				);
				const window = [2, 1, 0].map((n) => addDays(latestDay, -n));
				ctx.sinceLastRun.window = window;
				ctx.sinceLastRun.readUsers = Object.fromEntries(
					(await sim.expected(API.endpoint, window[0], latestDay)).map((row) => [row.ref_date, row.detail.read_user]),
				);
				await sim.setOptions({ isDelay: 'latest' });
				const run = await runOnce(ctx, 'since-last-run-1');
				await sim.setOptions({ isDelay: false });
				ctx.sinceLastRun.stored.push(...run.destination.rows);
				info(`latest day WeChat serves: ${latestDay}; window ${list(window)}; destination ${destination.url}`);
				check(
					`run 1: one request for ${window[0]}..${latestDay}; output ${list(window.slice(0, 2))}, ${latestDay} held back (hint)`,
					() => {
						const diff = succeeded(run);
						if (diff) return diff;
						if (run.requests.join() !== `${window[0]}..${latestDay}=0`) return `requests: ${run.requests.join(' ')}`;
						const got = refDates(run.output);
						if (list(got) !== list(window.slice(0, 2))) return `output ${list(got)}`;
						for (const item of run.output) {
							if (item.json.read_user !== ctx.sinceLastRun.readUsers[item.json.ref_date])
								return `${item.json.ref_date}: read_user ${item.json.read_user}`;
						}
						return hinted(run, [latestDay, /is_delay/, /held back/]);
					},
				);
				check('run 1: the destination stored those days, and Confirm Delivery ran', () => {
					const stored = run.destination.rows.map((row) => row.ref_date);
					if (list(stored) !== list(window.slice(0, 2))) return `stored ${list(stored)}`;
					if (!run.ran(CONFIRM)) return 'Confirm Delivery did not run';
				});
			},
		},
		{
			title:
				'Since Last Run, run 2: the latest day is final now; the destination is down (HTTP 503), so the execution fails after the WeChat node',
			async run(ctx) {
				const { destination, latestDay } = ctx.sinceLastRun;
				destination.setDown(true);
				const run = await runOnce(ctx, 'since-last-run-2-destination-down', { expectFailure: true });
				destination.setDown(false);
				ctx.sinceLastRun.stored.push(...run.destination.rows);
				check(`run 2: only ${latestDay} is fetched and output (the confirmed days are not repeated)`, () =>
					deliveredExactly(ctx, run, [latestDay]),
				);
				check(
					`run 2: the execution failed in "${STORE}"; the destination refused it; Confirm Delivery did not run`,
					() => {
						if (!run.execution || run.execution.status !== 'error')
							return `status ${run.execution && run.execution.status}`;
						const error = run.execution.data.resultData.error || {};
						if (!error.node || error.node.name !== STORE) return `failed in ${error.node && error.node.name}`;
						if (run.destination.refused < 1 || run.destination.rows.length) return JSON.stringify(run.destination);
						if (run.ran(CONFIRM)) return 'Confirm Delivery ran';
					},
				);
			},
		},
		{
			title: 'Since Last Run, run 3: the destination is back; the day that did not arrive is fetched again',
			async run(ctx) {
				const { latestDay } = ctx.sinceLastRun;
				const run = await runOnce(ctx, 'since-last-run-3-again');
				ctx.sinceLastRun.stored.push(...run.destination.rows);
				check(
					`run 3: exactly the unconfirmed day (${latestDay}) is fetched and output again, with a hint saying why`,
					() => {
						return (
							succeeded(run) || deliveredExactly(ctx, run, [latestDay]) || hinted(run, [latestDay, /never confirmed/])
						);
					},
				);
				check('run 3: the destination stored it, and Confirm Delivery ran', () => {
					const stored = run.destination.rows.map((row) => row.ref_date);
					if (list(stored) !== latestDay) return `stored ${list(stored)}`;
					if (!run.ran(CONFIRM)) return 'Confirm Delivery did not run';
				});
			},
		},
		{
			title:
				"Since Last Run, run 4 (same morning): nothing new; the cursor in n8n's deduplication store, none in the static data",
			async run(ctx) {
				const { destination, latestDay, window, stored } = ctx.sinceLastRun;
				const run = await runOnce(ctx, 'since-last-run-4-nothing-new');
				check(
					'run 4: success with no items and no request, a hint says nothing is new; nothing reaches the destination',
					() => {
						return (
							succeeded(run) ||
							deliveredExactly(ctx, run, []) ||
							hinted(run, [/Nothing new/, latestDay]) ||
							(run.destination.rows.length ? 'stored rows' : undefined)
						);
					},
				);
				check(`over the four runs the destination got each day of ${list(window)} exactly once`, () => {
					const days = stored.map((row) => row.ref_date).sort();
					if (list(days) !== list(window)) return `stored ${list(days)}`;
				});
				const file = path.join(ctx.tmp, 'since-last-run-workflow.json');
				await ctx.n8n('export-since-last-run-workflow', ['export:workflow', `--id=${WORKFLOW_ID}`, `--output=${file}`]);
				const [exported] = JSON.parse(fs.readFileSync(file, 'utf8'));
				const staticData =
					typeof exported.staticData === 'string' ? JSON.parse(exported.staticData) : exported.staticData;
				const nodeId = exported.nodes.find((node) => node.name === WECHAT).id;
				const rows = (await processedDataRows(ctx)).filter((row) => row.workflowId === WORKFLOW_ID);
				const cursorValues = (generation) =>
					[`year=${latestDay.slice(0, 4)}`, `month=${latestDay.slice(5, 7)}`, `day=${latestDay.slice(8)}`]
						.map((field) => `wechat-analytics-since-last-run|${API.resource}/${API.operation}|${generation}|${field}`)
						.map((value) => createHash('md5').update(value).digest('base64'))
						.sort();
				check(
					`n8n's deduplication store (processed_data) holds the cursor "delivered through ${latestDay}" in the WeChat node's own row (context n:${nodeId}), as its 3 values`,
					() => {
						const own = rows.find((row) => row.context === `n:${nodeId}`);
						if (!own) return `rows: ${JSON.stringify(rows.map((row) => row.context))}`;
						const held = [...own.value.data].sort().join();
						if (held !== cursorValues(0).join() && held !== cursorValues(1).join())
							return `${own.value.data.length} values: ${held}`;
						if (rows.length !== 1) return `${rows.length} rows of the workflow`;
					},
				);
				check("the workflow's static data holds nothing of the node (n8n's queue mode would not carry it)", () => {
					if (staticData && staticData.global && staticData.global.weChatSinceLastRun)
						return JSON.stringify(staticData).slice(0, 300);
				});
				const now = (await ctx.sim.state()).latestDay;
				check(`the latest day WeChat serves stayed ${latestDay} during the four runs`, () => {
					if (now !== latestDay) return `it is ${now} now: the expectations above are off by a day`;
				});
				await destination.close();
				delete ctx.sinceLastRun;
			},
		},
	],
};
