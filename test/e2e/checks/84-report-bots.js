/**
 * The report examples (examples/account-report-to-*.json) in the real n8n app against a local recorder of each
 * bot's webhook (lib/botRecorder.js): WeCom (markdown, and the QuickChart chart as an image), Feishu (interactive
 * card, signed) and Slack (incoming webhook, markdown block). Runnable copies: the Schedule Trigger becomes a Manual
 * Trigger, the bots' hosts point at the recorder, the Feishu bot gets a signing secret; quickchart.io is reached
 * through n8n's proxy support (HTTPS_PROXY) at the recorder, which answers the tunnel with a throwaway certificate.
 * The recorder checks each bot's documented format and limits; here the report items are checked against the
 * simulator's rows (test/engine/report-oracle.js) and the posted text against the items.
 */
const fs = require('node:fs');
const path = require('node:path');
const { n8nCli, importWorkflows, nodeItems } = require('../../../scripts/lib/n8nApp');
const { expectedRows } = require('../../simulator');
const { periodsFor, expectedReport } = require('../../engine/report-oracle');
const { startBotRecorder, feishuSign } = require('../lib/botRecorder');
const { crashedAtExit } = require('../lib/exits');
const { check, info } = require('../lib/report');
const { REPO } = require('../../../scripts/lib/entities');

const FEISHU_SECRET = 'e2e-feishu-signing-secret';
const REPORT_EXAMPLES = [
	'account-report-to-wecom.json',
	'account-report-to-feishu.json',
	'account-report-to-slack.json',
];
const HOSTS = [
	['https://qyapi.weixin.qq.com', 'wecom'],
	['https://open.feishu.cn', 'feishu'],
	['https://hooks.slack.com', 'slack'],
];

/** A copy `n8n execute-batch` can run here, posting to the recorder. */
function runnableCopy(example, id, recorderUrl) {
	let text = JSON.stringify(example.workflow);
	for (const [host, prefix] of HOSTS) text = text.split(host).join(`${recorderUrl}/${prefix}`);
	text = text.split('REPLACE_WITH_YOUR_SIGNING_SECRET_OR_LEAVE_EMPTY').join(FEISHU_SECRET);
	const workflow = JSON.parse(text);
	workflow.nodes = workflow.nodes.map((node) =>
		node.type === 'n8n-nodes-base.scheduleTrigger'
			? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }
			: node,
	);
	return { ...workflow, id, name: `e2e bots: ${example.workflow.name}`, active: false };
}

const reportNode = (workflow) =>
	workflow.nodes.find((node) => node.parameters && node.parameters.resource === 'report');

module.exports = {
	REPORT_EXAMPLES,
	steps: [
		{
			title: 'report examples → local WeCom, Feishu and Slack webhooks (and quickchart.io through the proxy)',
			async run(ctx) {
				const dir = path.join(ctx.tmp, 'bots');
				fs.mkdirSync(dir, { recursive: true });
				const recorder = await startBotRecorder({ dir, feishuSecret: FEISHU_SECRET });
				try {
					await runExamples(ctx, recorder, dir);
				} finally {
					await recorder.close();
				}
			},
		},
	],
};

async function runExamples(ctx, recorder, dir) {
	const examples = REPORT_EXAMPLES.map((file) => ctx.examples.find((example) => example.file === file));
	check(`examples/ has the ${REPORT_EXAMPLES.length} report examples`, () =>
		examples.every(Boolean) ? undefined : `missing: ${REPORT_EXAMPLES.filter((_, i) => !examples[i]).join(', ')}`,
	);
	if (!examples.every(Boolean)) return;
	const copies = examples.map((example, i) => ({
		example,
		workflow: runnableCopy(example, `e2eReportBots0${i + 1}`, recorder.url),
	}));
	await importWorkflows(
		ctx.n8n,
		copies.map((copy) => ({ workflow: copy.workflow })),
		path.join(dir, 'workflows'),
	);
	const env = {
		...ctx.env,
		HTTPS_PROXY: recorder.proxyUrl,
		NO_PROXY: '127.0.0.1,localhost',
		NODE_EXTRA_CA_CERTS: recorder.caFile,
	};
	const logDir = path.join(REPO, '.e2e', 'last-run', 'bots');
	fs.mkdirSync(logDir, { recursive: true });
	const n8n = n8nCli(ctx.app, env, { logDir });
	const snapshots = path.join(dir, 'snapshots');
	fs.mkdirSync(snapshots);
	const summaryFile = path.join(dir, 'batch-summary.json');
	const result = await n8n('execute-batch-report-bots', [
		'execute-batch',
		`--ids=${copies.map((copy) => copy.workflow.id).join(',')}`,
		`--snapshot=${snapshots}`,
		`--output=${summaryFile}`,
	]);
	ctx.outputs.push({ where: result.logBase, text: result.output });
	info(`${result.command}  (exit ${result.code})`);
	const written = fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, 'utf8') : '';
	// execute-batch exits 1 when an execution failed, and n8n's CLI can crash at exit (lib/exits.js): the summary decides.
	if (!written)
		return check('n8n execute-batch of the report examples wrote its summary', () => ctx.tail(result.output));
	void crashedAtExit;
	const batch = JSON.parse(written);
	check(`all ${copies.length} report examples succeeded`, () => {
		const s = batch.summary;
		if (s.successfulExecutions !== copies.length || s.failedExecutions || s.warningExecutions)
			return JSON.stringify(batch).slice(0, 1500);
	});
	const now = Date.now();
	const sim = { expectedRows: (endpoint, begin, end) => expectedRows(endpoint, begin, end, now) };
	const posted = (bot) => recorder.requests.filter((request) => request.bot === bot);
	check('the recorder saw no malformed request and no other host', () => {
		const bad = recorder.requests.filter((request) => request.problems.length > 0);
		if (bad.length) return JSON.stringify(bad.map((r) => [r.bot, r.path, r.problems])).slice(0, 600);
	});

	for (const copy of copies) {
		const file = path.join(snapshots, `${copy.workflow.id}-snapshot.json`);
		const runData = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
		const node = reportNode(copy.workflow);
		const items = nodeItems(runData, node.name) || [];
		const { dateRange, options } = node.parameters;
		const periods = periodsFor(dateRange, now);
		const kind = dateRange === 'lastWeek' ? 'weekly' : 'daily';
		const expected = expectedReport(sim, periods, { kind, language: options.language, topN: options.topN });
		const name = copy.example.file.replace(/\.json$/, '');
		check(
			`${name}: "${node.name}" (${dateRange} = ${periods.period.begin}..${periods.period.end}) equals the simulator's figures`,
			() => {
				if (items.length !== 1) return `${items.length} items`;
				const { markdown, ...json } = items[0].json;
				if (JSON.stringify(json) !== JSON.stringify(expected))
					return `item ${JSON.stringify(json).slice(0, 300)} vs expected ${JSON.stringify(expected).slice(0, 300)}`;
				if (!markdown.includes(periods.period.end)) return 'markdown without the period';
			},
		);
		const markdown = items[0] && items[0].json.markdown;
		if (copy.example.file === 'account-report-to-wecom.json') checkWeCom(posted, markdown, expected);
		if (copy.example.file === 'account-report-to-feishu.json') checkFeishu(posted, markdown, now);
		if (copy.example.file === 'account-report-to-slack.json') checkSlack(posted, markdown, expected);
	}
	recorderRejects();
}

function checkWeCom(posted, markdown, expected) {
	const [text, image] = posted('wecom');
	check("WeCom: a markdown message with the report item's Markdown (<= 4,096 bytes), errcode 0", () => {
		if (posted('wecom').length !== 2) return `${posted('wecom').length} WeCom requests`;
		if (text.body.msgtype !== 'markdown' || text.body.markdown.content !== markdown) return 'not the report markdown';
		if (Buffer.byteLength(markdown, 'utf8') > 4096) return 'over 4096 bytes';
	});
	const [chart] = posted('quickchart');
	check(
		"QuickChart: one line chart of this week's and the week before's daily readers, labelled by this week's days",
		() => {
			if (posted('quickchart').length !== 1)
				return `${posted('quickchart').length} chart requests: ${JSON.stringify(posted('quickchart').map((r) => [r.method, r.path, r.query && Object.keys(r.query)]))}`;
			const { type, data } = chart.body;
			if (type !== 'line') return `type ${type}`;
			if (JSON.stringify(data.labels) !== JSON.stringify(expected.chart.reads[0].labels))
				return `labels ${data.labels}`;
			const got = data.datasets.map((d) => [d.label, d.data]);
			const want = expected.chart.reads.map((d) => [d.label, d.data]);
			if (JSON.stringify(got) !== JSON.stringify(want)) return `datasets ${JSON.stringify(got).slice(0, 300)}`;
		},
	);
	check('WeCom: the chart as an image message (PNG, base64, its md5), errcode 0', () => {
		if (!image || image.body.msgtype !== 'image') return 'no image message';
		if (image.problems.length) return image.problems.join('; ');
		info(`WeCom image: ${Buffer.from(image.body.image.base64, 'base64').length} bytes PNG`);
	});
}

function checkFeishu(posted, markdown, now) {
	const [card] = posted('feishu');
	check(
		'Feishu: an interactive card with the Markdown, signed (timestamp in seconds, sign = HMAC-SHA256), code 0',
		() => {
			if (posted('feishu').length !== 1) return `${posted('feishu').length} Feishu requests`;
			const { body } = card;
			if (body.msg_type !== 'interactive') return `msg_type ${body.msg_type}`;
			if (body.card.elements[0].content !== markdown) return 'card markdown is not the report markdown';
			if (Math.abs(Number(body.timestamp) - now / 1000) > 600) return `timestamp ${body.timestamp}`;
			if (body.sign !== feishuSign(body.timestamp, FEISHU_SECRET)) return 'wrong sign';
			if (card.bytes > 20 * 1024) return `${card.bytes} bytes`;
		},
	);
}

function checkSlack(posted, markdown, expected) {
	const [message] = posted('slack');
	check('Slack: incoming webhook with a markdown block (the English report) and a plain-text fallback, "ok"', () => {
		if (posted('slack').length !== 1) return `${posted('slack').length} Slack requests`;
		const { body } = message;
		if (body.blocks[0].type !== 'markdown' || body.blocks[0].text !== markdown) return 'not the report markdown';
		if (!body.text.includes(`${expected.followers.net} net followers`)) return `text: ${body.text}`;
		if (!markdown.startsWith('**Daily report | ')) return markdown.split('\n')[0];
	});
}

/** The recorder's checks bite: a wrong sign, an old timestamp, too long a markdown and a bad md5 are refused. */
function recorderRejects() {
	const { checkFeishu: feishu, checkWeCom: wecom } = require('../lib/botRecorder');
	check('the recorder refuses what the bots refuse (wrong sign, stale timestamp, 4,097 bytes, bad md5)', () => {
		const now = Date.now();
		const ts = String(Math.floor(now / 1000));
		const card = { msg_type: 'interactive', card: { elements: [{ tag: 'markdown', content: 'x' }] } };
		const problems = [
			feishu({ ...card, timestamp: ts, sign: feishuSign(ts, 'other') }, Buffer.from('{}'), FEISHU_SECRET, now),
			feishu(
				{ ...card, timestamp: String(Number(ts) - 7200), sign: feishuSign(String(Number(ts) - 7200), FEISHU_SECRET) },
				Buffer.from('{}'),
				FEISHU_SECRET,
				now,
			),
			wecom({ msgtype: 'markdown', markdown: { content: '字'.repeat(1365) + 'ab' } }),
			wecom({ msgtype: 'image', image: { base64: Buffer.from('\x89PNG\r\n\x1a\n').toString('base64'), md5: '0' } }),
		];
		const missed = problems.map((list, i) => (list.length ? null : i)).filter((i) => i !== null);
		if (missed.length) return `accepted case(s) ${missed.join(', ')}`;
		if (
			feishu({ ...card, timestamp: ts, sign: feishuSign(ts, FEISHU_SECRET) }, Buffer.from('{}'), FEISHU_SECRET, now)
				.length
		)
			return 'refused a correct signature';
	});
}
