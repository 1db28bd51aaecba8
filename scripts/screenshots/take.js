#!/usr/bin/env node
'use strict';
/**
 * npm run screenshots: drives the real n8n editor in headless Chromium and saves README screenshots to docs/images/.
 * It also checks the node end to end: the rows the editor shows come from the simulator and match its data.
 *
 *   node scripts/screenshots/take.js [--port 5678] [--sim-port 8787] [--out docs/images] [--check-only]
 *
 * Reuses an `npm start` that is already running on --port (logging in with the demo owner), otherwise starts
 * one with scripts/start/start.js and stops it at the end. Needs Debian's Chromium (/usr/bin/chromium, or
 * CHROMIUM_PATH) and playwright-core (devDependency); for the Chinese characters in the node description, a CJK
 * font (Debian: fonts-noto-cjk). Every request the browser makes to a host other than localhost is blocked.
 *
 *   operations.png      the node creator with all the node's actions, grouped by resource
 *   date-range.png      the node with Date Range = Custom, Start/End Date filled, executed (rows of March 2024)
 *   since-last-run.png  the node with Date Range = Since Last Run (Lookback Days, Wait for Confirm Delivery),
 *                       executed from the editor: the rows and the note that manual runs save no progress
 *   output-table.png    the demo workflow executed: its output table in the Logs panel
 *   error-output.png    On Error = "Continue (using error output)": two items in, the bad date on the Error branch
 *   check-account.png   Account > Check Account executed, with the classic article APIs retired (47009) and one
 *                       endpoint's daily quota nearly used up: one item per check, ok / warning with a remedy
 * --check-only runs the same steps and checks without writing PNGs.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { REPO } = require('../lib/entities');
const { n8nLogin } = require('../lib/http');
const { spawnTracked, stopChild, onShutdown, sleep } = require('../lib/processes');
const { simulatorAt, isDatacubeCall } = require('../lib/simulator');
const { createLog } = require('../lib/log');
const { DEFAULTS } = require('../start/args');
const { DEMO_WORKFLOW } = require('../start/seed');
const { CLASSIC_ARTICLE_ENDPOINTS } = require('../../test/simulator/endpoints');

// Scratch workflows (a copy of the demo for (a), (b), (c); the error-output one for (e)), deleted at the end; the
// description marks them, so that a run that was interrupted can delete its leftovers.
const SCRATCH_NAME = 'WeChat message statistics';
const ERROR_WORKFLOW_NAME = 'WeChat: a bad date goes to the error output';
const CHECK_WORKFLOW_NAME = 'WeChat: Check Account';
const SCRATCH_DESCRIPTION = 'Scratch copy made by scripts/screenshots/take.js; it deletes it when done.';
const CUSTOM_RANGE = ['2024-03-01', '2024-03-31'];
// (e): two items into the node, the second with a date that does not exist.
const GOOD_RANGE = ['2024-03-01', '2024-03-03'];
const BAD_BEGIN = '2024-02-30';
const VIEWPORT = { width: 1440, height: 900 };
const TALL_VIEWPORT = { width: 1440, height: 1600 }; // room for every action in the node creator
const MAX_PNG_BYTES = 400 * 1024;
// (f): the node running Account > Check Account, and what the simulator answers meanwhile.
const CHECK_NODE = 'Check Account';
const CHECK_SITUATION = {
	forceErrcode: { errcode: 47009, endpoints: CLASSIC_ARTICLE_ENDPOINTS },
	dailyLimit: 1000,
	quotaUsed: { getupstreammsghour: 995 },
};
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const { log } = createLog('screenshots');
let interrupted = false;

function parseArgs(argv) {
	const o = {
		port: DEFAULTS.port,
		simPort: DEFAULTS.simPort,
		out: path.join(REPO, 'docs', 'images'),
		checkOnly: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const next = () => {
			if (argv[i + 1] === undefined) throw new Error(`${flag} needs a value`);
			return argv[++i];
		};
		if (flag === '--port') o.port = Number(next());
		else if (flag === '--sim-port') o.simPort = Number(next());
		else if (flag === '--out') o.out = path.resolve(next());
		else if (flag === '--check-only') o.checkOnly = true;
		else if (flag === '-h' || flag === '--help') {
			process.stdout.write(
				'usage: node scripts/screenshots/take.js [--port 5678] [--sim-port 8787] [--out docs/images] [--check-only]\n',
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${flag}`);
	}
	return o;
}

function loadPlaywright() {
	try {
		return require(require.resolve('playwright-core', { paths: [REPO] }));
	} catch {
		throw new Error(
			'playwright-core is not installed: run `npm install` (it is a devDependency) or `npm install --no-save playwright-core`',
		);
	}
}

function chromiumPath() {
	const exe = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!fs.existsSync(exe))
		throw new Error(`${exe} not found: install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
	const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
	if (fonts.status === 0 && !fonts.stdout.trim())
		log('note: no CJK font installed (apt-get install -y fonts-noto-cjk): 公众号 will show as boxes');
	return exe;
}

/** An `npm start` already running on the port (the demo login works)? */
async function runningStack(opts) {
	try {
		await n8nLogin(`http://127.0.0.1:${opts.port}`, DEFAULTS.email, DEFAULTS.password);
		return true;
	} catch {
		return false;
	}
}

/** Starts scripts/start/start.js (it does not build: `npm run screenshots` builds first) and waits until it is ready. */
async function startStack(opts) {
	// Own process group: Ctrl-C reaches only this script, which deletes its scratch workflow while n8n still
	// runs, then stops start.js. (If this script dies, start.js notices its parent is gone and stops too.)
	const child = spawnTracked(
		process.execPath,
		[path.join(REPO, 'scripts', 'start', 'start.js'), '--port', String(opts.port), '--sim-port', String(opts.simPort)],
		{ cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
		{ name: 'start.js', graceMs: 60000 },
	);
	const echo = (stream, out) => {
		let buf = '';
		stream.on('data', (chunk) => {
			buf += chunk;
			let nl;
			while ((nl = buf.indexOf('\n')) >= 0) {
				const line = buf.slice(0, nl);
				buf = buf.slice(nl + 1);
				if (line.startsWith('[start') || /ERROR|WARNING/.test(line)) out.write(`  | ${line}\n`);
				if (/n8n is ready at /.test(line)) child.emit('ready');
			}
		});
	};
	echo(child.stdout, process.stdout);
	echo(child.stderr, process.stderr);
	await new Promise((resolve, reject) => {
		child.once('ready', resolve);
		child.exited.then(({ code, signal }) =>
			reject(new Error(`scripts/start/start.js exited (${signal || code}) before n8n was ready`)),
		);
	});
	return child;
}

/** The `days` days ending on `latestDay` (the latest day WeChat serves, per the simulator's clock: 08:00 rule). */
function lastDays(days, latestDay) {
	const end = new Date(`${latestDay}T00:00:00Z`);
	const begin = new Date(end.getTime() - (days - 1) * 86400000);
	return [begin.toISOString().slice(0, 10), latestDay];
}

/** Every action the node creator lists for the node: the `action` of each Operation option, all resources. */
function nodeActions() {
	const file = path.join(REPO, 'dist', 'nodes', 'WeChatOfficialAccount', 'WeChatOfficialAccount.node.js');
	const { WeChatOfficialAccount } = require(file);
	const actions = new Set();
	for (const property of new WeChatOfficialAccount().description.properties) {
		if (property.name !== 'operation') continue;
		for (const option of property.options || []) if (option.action) actions.add(option.action);
	}
	return [...actions].sort();
}

/** (e): Manual Trigger -> a Code node with two date ranges -> the node on Custom, On Error = error output. */
function errorOutputWorkflow() {
	const trigger = 'When clicking ‘Execute workflow’';
	const code = 'Two date ranges';
	const wechat = DEMO_WORKFLOW.nodes.find((node) => node.type.endsWith('.weChatOfficialAccount'));
	const ranges = [GOOD_RANGE, [BAD_BEGIN, GOOD_RANGE[1]]]
		.map(([begin, end]) => `  { json: { begin: '${begin}', end: '${end}' } },`)
		.join('\n');
	return {
		name: ERROR_WORKFLOW_NAME,
		description: SCRATCH_DESCRIPTION,
		nodes: [
			{ name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: code,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return [\n${ranges}\n];` },
			},
			{
				name: wechat.name,
				type: wechat.type,
				typeVersion: wechat.typeVersion,
				position: [440, 0],
				credentials: wechat.credentials,
				onError: 'continueErrorOutput',
				parameters: {
					resource: 'messageSummary',
					operation: 'getDaily',
					dateRange: 'custom',
					beginDate: '={{ $json.begin }}',
					endDate: '={{ $json.end }}',
				},
			},
		],
		connections: {
			[trigger]: { main: [[{ node: code, type: 'main', index: 0 }]] },
			[code]: { main: [[{ node: wechat.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** (f): Manual Trigger -> the node on Account > Check Account. */
function checkAccountWorkflow() {
	const trigger = 'When clicking ‘Execute workflow’';
	const wechat = DEMO_WORKFLOW.nodes.find((node) => node.type.endsWith('.weChatOfficialAccount'));
	return {
		name: CHECK_WORKFLOW_NAME,
		description: SCRATCH_DESCRIPTION,
		nodes: [
			{ name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: CHECK_NODE,
				type: wechat.type,
				typeVersion: wechat.typeVersion,
				position: [240, 0],
				credentials: wechat.credentials,
				parameters: { resource: 'account', operation: 'check' },
			},
		],
		connections: { [trigger]: { main: [[{ node: CHECK_NODE, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const { chromium } = loadPlaywright();
	const executablePath = chromiumPath();
	const base = `http://localhost:${opts.port}`;
	const expectedActions = nodeActions();

	let stack = null;
	let context = null;
	const scratchIds = [];
	let profileDir = null;
	const within = (promise, ms) =>
		Promise.race([promise.catch(() => {}), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
	let cleaning = null;
	const cleanup = () => (cleaning = cleaning || cleanupOnce()); // once, whether from a signal or the end of main
	const cleanupOnce = async () => {
		while (context && scratchIds.length) {
			const id = scratchIds.pop();
			await within(context.request.post(`${base}/rest/workflows/${id}/archive`, { data: {}, timeout: 10000 }), 11000);
			await within(context.request.delete(`${base}/rest/workflows/${id}`, { timeout: 10000 }), 11000);
			log(`deleted the scratch workflow ${id}`);
		}
		if (context) {
			const closing = context;
			context = null;
			await within(closing.close(), 20000);
			log('closed Chromium');
		}
		if (profileDir) {
			try {
				await fs.promises.rm(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
			} catch (error) {
				log(`could not delete the Chromium profile ${profileDir}: ${error.code || error.message}`);
			}
		}
		profileDir = null;
		if (stack) {
			log('stopping the n8n + simulator this script started');
			const { killed } = await stopChild(stack);
			if (killed) log('start.js did not stop within 60 s; it was killed');
			stack = null;
		}
	};
	onShutdown((reason) => {
		interrupted = true;
		log(`${reason}; cleaning up`);
		cleanup().finally(() => process.exit(130));
	});

	try {
		if (await runningStack(opts)) {
			log(`reusing the n8n already running on ${base}`);
		} else {
			log(`no n8n on ${base}: starting one with scripts/start/start.js`);
			stack = await startStack(opts);
		}
		const sim = simulatorAt(`http://127.0.0.1:${opts.simPort}`);
		await sim.state().catch(() => {
			throw new Error(`no WeChat simulator on 127.0.0.1:${opts.simPort} (pass --sim-port)`);
		});

		profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-screenshots-chromium-'));
		context = await chromium.launchPersistentContext(profileDir, {
			executablePath,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
		});
		context.setDefaultTimeout(120000);
		const blocked = new Set();
		await context.route('**/*', (route) => {
			const url = new URL(route.request().url());
			if (['localhost', '127.0.0.1'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:')
				return route.continue();
			blocked.add(url.origin);
			return route.abort('blockedbyclient');
		});
		const page = context.pages()[0] || (await context.newPage());

		// Log in over REST; the session cookie is the browser context's.
		const login = await context.request.post(`${base}/rest/login`, {
			data: { emailOrLdapLoginId: DEFAULTS.email, password: DEFAULTS.password },
		});
		if (login.status() !== 200) throw new Error(`POST /rest/login answered ${login.status()}`);
		log(`logged in over REST as ${DEFAULTS.email}`);

		// A scratch copy of the demo workflow for (a), (b) and (c): the editor autosaves, and the demo must stay as it is.
		const list = await (await context.request.get(`${base}/rest/workflows`)).json();
		for (const wf of list.data || []) {
			if (![SCRATCH_NAME, ERROR_WORKFLOW_NAME, CHECK_WORKFLOW_NAME].includes(wf.name)) continue;
			// a leftover of an interrupted run? (only ours carry this description)
			const full = await (await context.request.get(`${base}/rest/workflows/${wf.id}`)).json().catch(() => ({}));
			if (full.data?.description !== SCRATCH_DESCRIPTION) continue;
			await context.request.post(`${base}/rest/workflows/${wf.id}/archive`, { data: {} });
			await context.request.delete(`${base}/rest/workflows/${wf.id}`);
			log(`deleted a scratch workflow left by an interrupted run (${wf.id})`);
		}
		const scratch = {
			...DEMO_WORKFLOW,
			name: SCRATCH_NAME,
			description: SCRATCH_DESCRIPTION,
			nodes: DEMO_WORKFLOW.nodes.map(({ id, ...node }) => node),
		};
		delete scratch.id;
		const createScratch = async (workflow) => {
			const created = await context.request.post(`${base}/rest/workflows`, { data: workflow });
			if (created.status() !== 200)
				throw new Error(
					`creating the scratch workflow "${workflow.name}": ${created.status()} ${await created.text()}`,
				);
			const id = (await created.json()).data.id;
			scratchIds.push(id);
			return id;
		};
		const scratchId = await createScratch(scratch);

		/** Saves a PNG of the page, or of `clip` (a region of it), unless --check-only. */
		const shot = async (name, what, clip) => {
			await page
				.locator('.el-notification .el-notification__closeBtn:visible')
				.evaluateAll((els) => els.forEach((el) => el.click()));
			await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2); // no hover effects
			await sleep(600);
			if (opts.checkOnly) return log(`checked: ${what}`);
			fs.mkdirSync(opts.out, { recursive: true });
			const file = path.join(opts.out, name);
			await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
			const size = fs.statSync(file).size;
			log(`saved ${path.relative(REPO, file)} (${Math.round(size / 1024)} KB): ${what}`);
			if (size > MAX_PNG_BYTES)
				throw new Error(`${name} is ${Math.round(size / 1024)} KB, over ${MAX_PNG_BYTES / 1024} KB`);
		};
		const openWorkflow = async (id) => {
			await page.goto(`${base}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
			await page.waitForSelector('[data-test-id="canvas-node"][data-node-name="WeChat Official Account"]');
			if (/\/signin/.test(page.url()))
				throw new Error('the editor shows the sign-in page: the REST login cookie was not used');
		};
		const wechatNode = '[data-test-id="canvas-node"][data-node-name="WeChat Official Account"]';

		// (a) The node creator: the node's seven actions.
		await openWorkflow(scratchId);
		log('editor loaded; (a) opening the node creator');
		await page.click('[data-test-id="node-creator-plus-button"]');
		await page.waitForSelector('[data-test-id="node-creator-search-bar"]');
		await page.keyboard.type('WeChat');
		await page
			.locator('[data-test-id="node-creator-item-name"]', { hasText: 'WeChat Official Account' })
			.first()
			.click();
		await page.locator('[data-test-id="node-creator-category-item"]', { hasText: 'Actions' }).waitFor();
		const actions = page.locator(
			'[data-test-id="node-creator"] [data-test-id="item-iterator-item"] [data-test-id="node-creator-item-name"]',
		);
		await actions.nth(expectedActions.length - 1).waitFor();
		let shown = [];
		for (let i = 0; i < 40; i++) {
			// the search results slide out while the actions slide in: wait until only the actions are left
			shown = (await actions.allInnerTexts()).map((t) => t.trim()).sort();
			if (JSON.stringify(shown) === JSON.stringify(expectedActions)) break;
			await sleep(250);
		}
		if (JSON.stringify(shown) !== JSON.stringify(expectedActions)) {
			throw new Error(
				`node creator shows actions ${JSON.stringify(shown)}, expected ${JSON.stringify(expectedActions)}`,
			);
		}
		// Every action at once: a taller window, and only the node creator panel down to its last action.
		await page.setViewportSize(TALL_VIEWPORT);
		await sleep(800);
		const panel = await page.locator('[data-test-id="node-creator"]').boundingBox();
		const last = await actions.last().boundingBox();
		if (!panel || !last || last.y + last.height > TALL_VIEWPORT.height - 20)
			throw new Error('the node creator does not show every action in the tall window');
		const top = Math.max(0, panel.y);
		await shot('operations.png', `node creator with the ${shown.length} actions`, {
			x: panel.x,
			y: top,
			width: Math.min(panel.width, TALL_VIEWPORT.width - panel.x),
			height: Math.round(last.y + last.height + 24 - top),
		});
		await page.setViewportSize(VIEWPORT);
		await sleep(500);
		await page.keyboard.press('Escape');
		await page
			.locator('[data-test-id="node-creator"]')
			.waitFor({ state: 'hidden' })
			.catch(() => {});

		// (b) Date Range = Custom with Start/End Date, executed.
		log('(b) Date Range = Custom');
		await page.locator(wechatNode).dblclick();
		await page.waitForSelector('[data-test-id="ndv"]');
		await pickOption(page, 'dateRange', 'Custom');
		for (const label of ['Start Date', 'End Date']) await parameterWithLabel(page, label).waitFor();
		for (const [name, day] of [
			['beginDate', CUSTOM_RANGE[0]],
			['endDate', CUSTOM_RANGE[1]],
		]) {
			const input = page.locator(`[data-test-id="parameter-input-${name}"] input`);
			await input.click();
			await input.fill(`${day} 00:00:00`);
			await input.press('Enter');
			await page
				.locator('.el-picker-panel:visible')
				.waitFor({ state: 'hidden', timeout: 5000 })
				.catch(() => {});
			const value = await input.inputValue();
			if (!value.startsWith(day)) throw new Error(`${name} shows "${value}" after typing ${day}`);
		}
		await page.locator('[data-test-id="node-execute-button"]').click();
		await page.locator('[data-test-id="ndv"] [data-test-id="node-run-status-success"]').waitFor();
		const customItems = await itemCount(page.locator('[data-test-id="output-panel"]'));
		const customExpected = await sim.expected('getupstreammsg', ...CUSTOM_RANGE);
		if (customItems !== customExpected.length)
			throw new Error(
				`custom range: the editor shows ${customItems} items, the simulator has ${customExpected.length} rows`,
			);
		log(
			`custom range ${CUSTOM_RANGE.join('..')}: ${customItems} items in the editor = ${customExpected.length} rows in the simulator`,
		);
		await widenOutput(page);
		await shot('date-range.png', `Date Range = Custom, ${CUSTOM_RANGE.join(' to ')}, ${customItems} items`);

		// (c) Date Range = Since Last Run, executed from the editor: the rows and the manual-run note.
		log('(c) Date Range = Since Last Run');
		await pickOption(page, 'dateRange', 'Since Last Run');
		const lookback = page.locator('[data-test-id="parameter-input-lookbackDays"] input');
		await lookback.waitFor();
		const lookbackDays = Number(await lookback.inputValue());
		const lookbackHint = await parameterWithLabel(page, 'Lookback Days').innerText();
		if (!/production executions/.test(lookbackHint))
			throw new Error(`Lookback Days shows no hint about production executions: ${JSON.stringify(lookbackHint)}`);
		await parameterWithLabel(page, 'Wait for Confirm Delivery').waitFor();
		await page.locator('[data-test-id="node-execute-button"]').click();
		const manualNote = page
			.locator('[data-test-id="output-panel"]')
			.getByText(/Manual runs from the editor do not save "Since Last Run" progress/);
		await manualNote.waitFor();
		const sinceItems = await itemCount(page.locator('[data-test-id="output-panel"]'));
		const sinceRange = lastDays(lookbackDays, (await sim.state()).latestDay);
		const sinceExpected = await sim.expected('getupstreammsg', ...sinceRange);
		if (sinceItems !== sinceExpected.length)
			throw new Error(
				`Since Last Run: the editor shows ${sinceItems} items, the simulator has ${sinceExpected.length} rows for ${sinceRange.join('..')}`,
			);
		log(`Since Last Run, first run (Lookback Days ${lookbackDays}): ${sinceItems} items = ${sinceRange.join('..')}`);
		await shot(
			'since-last-run.png',
			`Date Range = Since Last Run, executed, ${sinceItems} items and the manual-run note`,
		);
		await page.click('[data-test-id="ndv-close-button"]');

		// (d) The demo workflow, executed through the editor: its output table.
		log('(d) executing the demo workflow in the editor');
		await sim.resetLog();
		await openWorkflow(DEMO_WORKFLOW.id);
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.locator(`${wechatNode} [data-test-id="canvas-node-status-success"]`).waitFor();
		const logsPanel = page.locator('[data-test-id="logs-panel"]');
		if (!(await page.locator('[data-test-id="log-details-output"]').isVisible()))
			await page.click('[data-test-id="logs-overview-header"]');
		await page.locator('[data-test-id="log-details-output"]').waitFor();
		const details = page.locator('[data-test-id="log-details-header"]');
		if (!/WeChat Official Account/.test(await details.innerText())) {
			await page.locator('[data-test-id="logs-overview-body"]').getByText('WeChat Official Account').click();
			await details.filter({ hasText: 'WeChat Official Account' }).waitFor();
		}
		const items = await itemCount(logsPanel);
		const [begin, end] = lastDays(30, (await sim.state()).latestDay);
		const expected = await sim.expected('getupstreammsg', begin, end);
		const calls = (await sim.log()).filter(isDatacubeCall);
		// the table renders after the item count: wait for its first cell
		await logsPanel.locator('table tbody tr').first().locator('td').first().waitFor();
		const firstRow = (await logsPanel.locator('table tbody tr').first().locator('td').allInnerTexts()).map((t) =>
			t.trim(),
		);
		const want = expected[0];
		if (
			items !== expected.length ||
			calls.length === 0 ||
			firstRow[0] !== want.ref_date ||
			Number(firstRow[2]) !== want.msg_user
		) {
			throw new Error(
				`demo: ${items} items, first row ${JSON.stringify(firstRow)}, ${calls.length} datacube calls; the simulator has ${expected.length} rows for ${begin}..${end}, first ${JSON.stringify(want)}`,
			);
		}
		log(
			`demo ${begin}..${end}: ${items} items in the editor = ${expected.length} rows in the simulator (first row ${firstRow.slice(0, 4).join(' ')}), ${calls.length} datacube request(s) seen by the simulator`,
		);
		await enlargeLogs(page);
		await shot('output-table.png', `demo workflow executed, ${items} items`);

		// (e) On Error = "Continue (using error output)": the good item's rows on Success, the bad date on Error.
		log('(e) a bad date on the error output');
		const errorWorkflow = errorOutputWorkflow();
		const errorNodeName = errorWorkflow.nodes[2].name;
		const errorNode = `[data-test-id="canvas-node"][data-node-name="${errorNodeName}"]`;
		await page.goto(`${base}/workflow/${await createScratch(errorWorkflow)}`, { waitUntil: 'domcontentloaded' });
		await page.waitForSelector(errorNode);
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.locator(`${errorNode} [data-test-id="canvas-node-status-success"]`).waitFor();
		await page.locator(errorNode).dblclick();
		const output = page.locator('[data-test-id="output-panel"]');
		const branch = (name) => output.getByText(new RegExp(`^\\s*${name} Branch \\((\\d+) items?\\)\\s*$`)).last();
		await branch('Error').waitFor();
		const count = async (name) => Number(/\((\d+) items?\)/.exec(await branch(name).innerText())[1]);
		const goodExpected = await sim.expected('getupstreammsg', ...GOOD_RANGE);
		const [successItems, errorItems] = [await count('Success'), await count('Error')];
		if (successItems !== goodExpected.length || errorItems !== 1)
			throw new Error(
				`error output: Success has ${successItems} items (the simulator has ${goodExpected.length} rows for ${GOOD_RANGE.join('..')}), Error has ${errorItems} (expected 1)`,
			);
		await branch('Error').click();
		await output.getByText(new RegExp(`Start Date "${BAD_BEGIN}" is not a real calendar date`)).waitFor();
		log(`error output: ${successItems} items on Success, the item with Start Date ${BAD_BEGIN} on Error`);
		await shot('error-output.png', `two outputs: ${successItems} items on Success, 1 on Error`);
		await page.click('[data-test-id="ndv-close-button"]');

		// (f) Account > Check Account, executed from the editor: one item per check.
		log('(f) Account > Check Account');
		await sim.setOptions(CHECK_SITUATION);
		try {
			const checkNode = `[data-test-id="canvas-node"][data-node-name="${CHECK_NODE}"]`;
			await page.goto(`${base}/workflow/${await createScratch(checkAccountWorkflow())}`, {
				waitUntil: 'domcontentloaded',
			});
			await page.locator(checkNode).dblclick();
			await page.waitForSelector('[data-test-id="ndv"]');
			await page.locator('[data-test-id="node-execute-button"]').click();
			await page.locator('[data-test-id="ndv"] [data-test-id="node-run-status-success"]').waitFor();
			const checks = await itemCount(page.locator('[data-test-id="output-panel"]'));
			if (checks !== 30) throw new Error(`Check Account: the editor shows ${checks} items, expected 30 checks`);
			await page.locator('[data-test-id="output-panel"]').getByText('this api is offline').first().waitFor();
			log(`Check Account: ${checks} items, the classic family retired (47009), the hourly quota nearly used up`);
			await widenOutput(page);
			// a warning with its remedy in view: the hourly quota nearly used up
			await page
				.locator('[data-test-id="output-panel"] table tbody tr', { hasText: 'quota.getupstreammsghour' })
				.first()
				.evaluate((row) => row.scrollIntoView({ block: 'center' }));
			await shot('check-account.png', `Account > Check Account executed, ${checks} items`);
			await page.click('[data-test-id="ndv-close-button"]');
		} finally {
			await sim.setOptions({ forceErrcode: null, dailyLimit: 100000, quotaUsed: null });
		}

		if (blocked.size) log(`blocked browser requests to: ${[...blocked].join(', ')}`);
		log('done');
	} finally {
		await cleanup();
	}
}

/** Opens the options parameter `name` and picks the option whose title is `title`. */
async function pickOption(page, name, title) {
	await page.click(`[data-test-id="parameter-input-${name}"]`);
	await page
		.locator('.el-select-dropdown__item:visible .option-headline', { hasText: new RegExp(`^\\s*${title}\\s*$`) })
		.click();
	await page
		.locator('.el-select-dropdown:visible')
		.waitFor({ state: 'hidden', timeout: 5000 })
		.catch(() => {});
}

/** The NDV's parameter whose label is `label` (the label is what a user reads). */
function parameterWithLabel(page, label) {
	return page
		.locator('[data-test-id="ndv"] .parameter-item')
		.filter({ has: page.getByText(label, { exact: true }) })
		.first();
}

/** "99 items" in a run-data pane. */
async function itemCount(scope) {
	const text = await scope
		.locator('[data-test-id="ndv-items-count"], [data-test-id="run-data-item-count"]')
		.first()
		.innerText();
	const m = /(\d+)\s+items?/.exec(text);
	if (!m) throw new Error(`no item count in "${text}"`);
	return Number(m[1]);
}

/** Drag the NDV's middle panel to the left so the output table has room for all its columns. */
async function widenOutput(page) {
	const handle = await page.locator('[data-test-id="panel-drag-button"]').boundingBox();
	if (!handle) return;
	const x = handle.x + handle.width / 2;
	const y = handle.y + handle.height / 2;
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x - 300, y, { steps: 10 });
	await page.mouse.up();
}

/** Make the Logs panel taller (drag its top edge up), then fit the canvas into what is left. */
async function enlargeLogs(page) {
	const handle = page.locator('[data-test-id="logs-panel"] [data-test-id="resize-handle"]').first();
	const panel = (await handle.count())
		? await handle.boundingBox()
		: await page.locator('[data-test-id="logs-panel"]').boundingBox();
	if (panel) {
		await page.mouse.move(panel.x + panel.width / 2, panel.y + Math.min(2, panel.height / 2));
		await page.mouse.down();
		await page.mouse.move(panel.x + panel.width / 2, 440, { steps: 10 });
		await page.mouse.up();
	}
	await sleep(500);
	await page.click('[data-test-id="zoom-to-fit"]').catch(() => {});
	await sleep(500);
	await page.click('[data-test-id="zoom-out-button"]').catch(() => {}); // room for the "Execute workflow" button
	await sleep(500);
}

main().catch((error) => {
	if (interrupted) return; // the signal handler cleans up and exits
	process.stderr.write(`[screenshots] ERROR: ${error.stack || error}\n`);
	process.exit(1);
});
