#!/usr/bin/env node
'use strict';
/**
 * Screenshots of Report → Get Account Report in the real n8n editor, for the README:
 *
 *   docs/images/report.png        the report item (JSON view) after the workflow ran in the editor
 *   docs/images/report-chart.png  the QuickChart step drawing the report's daily readers (this week, the week before)
 *
 *   npm run build && node scripts/screenshots/report.js [--port 5690] [--sim-port 8790] [--out docs/images]
 *
 * Starts its own `npm start` stack (scripts/start/start.js) on the given ports with n8n's outbound proxy pointed at a
 * local stand-in for quickchart.io (test/e2e/lib/botRecorder.js: a CONNECT tunnel answered with a throwaway
 * certificate), which draws the chart in Chromium's canvas. Needs Debian's Chromium and a CJK font, as take.js.
 * The report shown is checked against the simulator's figures (test/engine/report-oracle.js) before it is saved.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO } = require('../lib/entities');
const { spawnTracked, stopChild, sleep } = require('../lib/processes');
const { simulatorAt } = require('../lib/simulator');
const { createLog } = require('../lib/log');
const { DEFAULTS } = require('../start/args');
const { DEMO_WORKFLOW } = require('../start/seed');
const { startBotRecorder } = require('../../test/e2e/lib/botRecorder');
const { periodsFor, expectedReport } = require('../../test/engine/report-oracle');
const { expectedRows } = require('../../test/simulator');

const { log } = createLog('screenshots');
const NAME = 'WeChat: account report (screenshots)';
const DESCRIPTION = 'Scratch copy made by scripts/screenshots/report.js; it deletes it when done.';
const REPORT_NODE = "WeChat: last week's report";
const CHART_NODE = 'Draw chart (QuickChart)';
const VIEWPORT = { width: 1440, height: 900 };

function parseArgs(argv) {
	const o = { port: 5690, simPort: 8790, out: path.join(REPO, 'docs', 'images') };
	for (let i = 0; i < argv.length; i += 2) {
		if (argv[i] === '--port') o.port = Number(argv[i + 1]);
		else if (argv[i] === '--sim-port') o.simPort = Number(argv[i + 1]);
		else if (argv[i] === '--out') o.out = path.resolve(argv[i + 1]);
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return o;
}

function workflow() {
	const wechat = DEMO_WORKFLOW.nodes.find((node) => node.type.endsWith('.weChatOfficialAccount'));
	const trigger = 'When clicking ‘Execute workflow’';
	const split = 'Daily readers: this week and the week before';
	const link = (from, to) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });
	return {
		name: NAME,
		description: DESCRIPTION,
		nodes: [
			{ name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: REPORT_NODE,
				type: wechat.type,
				typeVersion: 1,
				position: [240, 0],
				credentials: wechat.credentials,
				parameters: { resource: 'report', operation: 'getAccountReport', dateRange: 'lastWeek', options: {} },
			},
			{
				name: split,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [480, 0],
				parameters: { fieldToSplitOut: 'chart.reads', options: {} },
			},
			{
				name: CHART_NODE,
				type: 'n8n-nodes-base.quickChart',
				typeVersion: 1,
				position: [720, 0],
				parameters: {
					chartType: 'line',
					labelsMode: 'array',
					labelsArray: '={{ $json.labels }}',
					data: '={{ $json.data }}',
					output: 'data',
					chartOptions: { width: 800, height: 400, backgroundColor: '#ffffff' },
					datasetOptions: { label: '={{ $json.label }}', fill: false },
				},
			},
		],
		connections: { ...link(trigger, REPORT_NODE), ...link(REPORT_NODE, split), ...link(split, CHART_NODE) },
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
	};
}

/** Draws a Chart.js-style line chart config on a canvas in the page; resolves the PNG bytes. */
async function drawInCanvas(page, chart, width, height) {
	const dataUrl = await page.evaluate(
		({ chart, width, height }) => {
			// eslint-disable-next-line no-undef -- runs in the browser page
			const canvas = document.createElement('canvas');
			canvas.width = width;
			canvas.height = height;
			const g = canvas.getContext('2d');
			g.fillStyle = '#fff';
			g.fillRect(0, 0, width, height);
			const colors = ['#36a2eb', '#ff6384', '#4bc0c0'];
			const sets = chart.data.datasets;
			const values = sets.flatMap((d) => d.data.filter((v) => typeof v === 'number'));
			const top = Math.max(1, ...values) * 1.1;
			const [left, right, up, down] = [70, 20, 50, 60];
			const x = (i, n) => left + ((width - left - right) * i) / Math.max(1, n - 1);
			const y = (v) => height - down - ((height - up - down) * v) / top;
			g.font = '13px "Noto Sans CJK SC", sans-serif';
			g.strokeStyle = '#ddd';
			g.fillStyle = '#666';
			for (let k = 0; k <= 4; k++) {
				const v = (top * k) / 4;
				g.beginPath();
				g.moveTo(left, y(v));
				g.lineTo(width - right, y(v));
				g.stroke();
				g.fillText(String(Math.round(v)), 8, y(v) + 4);
			}
			chart.data.labels.forEach((label, i) =>
				g.fillText(String(label).slice(5), x(i, chart.data.labels.length) - 18, height - down + 20),
			);
			sets.forEach((set, k) => {
				g.strokeStyle = colors[k % colors.length];
				g.lineWidth = 3;
				g.beginPath();
				set.data.forEach((v, i) => (i ? g.lineTo(x(i, set.data.length), y(v)) : g.moveTo(x(i, set.data.length), y(v))));
				g.stroke();
				g.fillStyle = colors[k % colors.length];
				g.fillRect(left + 330 * k, 16, 28, 12);
				g.fillStyle = '#333';
				g.fillText(set.label, left + 330 * k + 36, 27);
			});
			return canvas.toDataURL('image/png');
		},
		{ chart, width, height },
	);
	return Buffer.from(dataUrl.split(',')[1], 'base64');
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const { chromium } = require(require.resolve('playwright-core', { paths: [REPO] }));
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-report-shots-'));
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu'],
	});
	const drawer = await browser.newPage();
	const recorder = await startBotRecorder({
		dir: tmp,
		renderChart: (chart, width, height) => drawInCanvas(drawer, chart, width, height),
	});
	const stack = spawnTracked(
		process.execPath,
		[
			path.join(REPO, 'scripts', 'start', 'start.js'),
			'--port',
			String(opts.port),
			'--sim-port',
			String(opts.simPort),
			'--user-folder',
			path.join(tmp, 'n8n'),
		],
		{
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				HTTPS_PROXY: recorder.proxyUrl,
				NO_PROXY: '127.0.0.1,localhost',
				NODE_EXTRA_CA_CERTS: recorder.caFile,
			},
		},
		{ name: 'start.js', graceMs: 60000 },
	);
	await new Promise((resolve, reject) => {
		stack.stdout.on('data', (chunk) => /n8n is ready at /.test(String(chunk)) && resolve());
		stack.exited.then(({ code }) => reject(new Error(`start.js exited (${code}) before n8n was ready`)));
	});
	log(`n8n on ${opts.port}, simulator on ${opts.simPort}, quickchart.io via ${recorder.proxyUrl}`);
	const base = `http://localhost:${opts.port}`;
	const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
	try {
		await context.route('**/*', (route) =>
			['localhost', '127.0.0.1'].includes(new URL(route.request().url()).hostname) ? route.continue() : route.abort(),
		);
		const login = await context.request.post(`${base}/rest/login`, {
			data: { emailOrLdapLoginId: DEFAULTS.email, password: DEFAULTS.password },
		});
		if (login.status() !== 200) throw new Error(`login: ${login.status()}`);
		const created = await context.request.post(`${base}/rest/workflows`, { data: workflow() });
		const id = (await created.json()).data.id;
		const page = await context.newPage();
		await page.goto(`${base}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		const node = (name) => page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
		await node(CHART_NODE).waitFor();
		await page.click('[data-test-id="execute-workflow-button"]');
		await node(CHART_NODE).locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: 120000 });
		const shot = async (name) => {
			await page.mouse.move(700, 600); // an empty part of the parameters: no tooltip
			await sleep(800);
			fs.mkdirSync(opts.out, { recursive: true });
			await page.screenshot({ path: path.join(opts.out, name) });
			log(`saved ${path.relative(REPO, path.join(opts.out, name))}`);
		};

		// The report item, checked against the simulator's figures, in the JSON view.
		const sim = simulatorAt(`http://127.0.0.1:${opts.simPort}`);
		const { latestDay } = await sim.state();
		const executions = await (
			await context.request.get(`${base}/rest/executions?filter={"workflowId":"${id}"}`)
		).json();
		const last = executions.data.results?.[0] ?? executions.data[0];
		const full = await (await context.request.get(`${base}/rest/executions/${last.id}`)).json();
		log(`execution ${last.id}; latest served day ${latestDay}`);
		void full;
		const now = Date.now();
		const expected = expectedReport(
			{ expectedRows: (endpoint, begin, end) => expectedRows(endpoint, begin, end, now) },
			periodsFor('lastWeek', now),
			{ kind: 'weekly' },
		);
		await node(REPORT_NODE).dblclick();
		await page.waitForSelector('[data-test-id="ndv"]');
		const output = page.locator('[data-test-id="output-panel"]');
		await output.getByText('JSON', { exact: true }).click();
		await output.getByText('previousPeriod').first().waitFor();
		await sleep(1000);
		const shown = await output.innerText();
		const want = [expected.period.begin, expected.previousPeriod.begin, String(expected.followers.new)];
		const missing = want.filter((text) => !shown.includes(text));
		if (missing.length) {
			await page.screenshot({ path: path.join(tmp, 'debug.png') });
			fs.copyFileSync(path.join(tmp, 'debug.png'), '/tmp/report-debug.png');
			throw new Error(`the report item in the editor lacks ${missing.join(', ')}`);
		}
		log(
			`the editor shows the report of ${expected.period.begin}..${expected.period.end}: ${expected.followers.new} new followers, as the simulator's rows give`,
		);
		await shot('report.png');
		await page.click('[data-test-id="ndv-close-button"]');

		// The chart step: QuickChart's binary output, opened.
		if (recorder.requests.filter((r) => r.bot === 'quickchart').length !== 1) throw new Error('no chart request');
		await node(CHART_NODE).dblclick();
		await page.waitForSelector('[data-test-id="ndv"]');
		const view = page.locator('[data-test-id="ndv"]').getByText('View', { exact: true }).first();
		if (await view.count()) await view.click();
		await sleep(1500);
		await shot('report-chart.png');
		await context.request.post(`${base}/rest/workflows/${id}/archive`, { data: {} });
		await context.request.delete(`${base}/rest/workflows/${id}`);
	} finally {
		await context.close().catch(() => {});
		await browser.close().catch(() => {});
		await recorder.close();
		await stopChild(stack);
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`[screenshots] ERROR: ${error.stack || error}\n`);
	process.exit(1);
});
