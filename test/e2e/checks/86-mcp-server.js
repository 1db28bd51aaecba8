/**
 * The node as an AI tool behind n8n's MCP Server Trigger, called by a real MCP client. A copy of
 * examples/mcp-server.json (its two tools as written, plus tools that measure answer sizes and try Confirm
 * Delivery) is published with `n8n publish:workflow`; `n8n start` serves it; the official MCP TypeScript SDK
 * client connects over Streamable HTTP with the example's Bearer auth and checks:
 * - tools/list: the tool names, the node's descriptions for models, the $fromAI input schemas;
 * - tools/call with dates as models write them (YYYY-MM-DD, ISO date-times, presets): the numbers the
 *   simulator expects, as Simplify's summary; the account report for lastWeek and for a custom range equal to
 *   what test/engine/report-oracle.js computes from the simulator's rows; Check Account's findings;
 * - mistakes come back as tool errors (isError) that say what to send: a bad date, "Since Last Run", dates
 *   with a preset, a range longer than a tool call may fetch, Confirm Delivery, and the same for the report;
 *   no request reaches WeChat;
 * - answer sizes of 30 days with and without Simplify;
 * - no App Secret, access_token or Bearer token in anything the client receives, nor in n8n's log.
 */
const fs = require('node:fs');
const path = require('node:path');
const { importCredentials, n8nEnv, startN8n } = require('../../../scripts/lib/n8nApp');
const { freePort, sleep } = require('../../../scripts/lib/processes');
const { request } = require('../../../scripts/lib/http');
const { isDatacubeCall } = require('../../../scripts/lib/simulator');
const { expectedRows } = require('../../simulator');
const { periodsFor, expectedReport } = require('../../engine/report-oracle');
const { connectMcp, resultText } = require('../lib/mcp');
const { lastWeek } = require('../lib/workflows');
const { check, info } = require('../lib/report');

const EXAMPLE = 'mcp-server.json';
const WORKFLOW_ID = 'e2eMcpServer01';
const BEARER = { id: 'mcpBearerCred01', name: 'MCP bearer token', token: 'e2e-mcp-bearer-4f1c9a7d2b6e8035' };
const FOLLOWERS = 'WeChat_follower_growth';
const ARTICLES = 'WeChat_article_performance';
const REPORT = 'WeChat_account_report';
const CHECK = 'WeChat_check_account';
const MAX_SIMPLIFIED_BYTES = 8192;

const DAY = 86400000;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const bytes = (text) => Buffer.byteLength(text, 'utf8');
const sumOf = (rows, field) => rows.reduce((total, row) => total + (row[field] || 0), 0);

const example = (ctx) => ctx.examples.find((e) => e.file === EXAMPLE).workflow;

/** The example's first tool node with another name and operation (same $fromAI dates). */
function extraTool(ctx, name, parameters, position) {
	const model = example(ctx).nodes.find((node) => node.name === 'WeChat follower growth');
	return {
		...model,
		id: `e2e-mcp-${name}`,
		name,
		position,
		parameters: { ...model.parameters, ...parameters },
		notes: undefined,
	};
}

/** The example as written, plus the measuring tools and a Confirm Delivery tool, published under a fixed id. */
function mcpWorkflow(ctx) {
	const wf = example(ctx);
	const extras = [
		extraTool(ctx, 'hourly_messages', { resource: 'messageSummary', operation: 'getHourly' }, [400, 300]),
		extraTool(
			ctx,
			'hourly_messages_rows',
			{ resource: 'messageSummary', operation: 'getHourly', options: {} },
			[600, 300],
		),
		extraTool(
			ctx,
			'article_details_rows',
			{ resource: 'publishedContent', operation: 'getArticleDetails', options: {} },
			[800, 300],
		),
		{
			id: 'e2e-mcp-confirm',
			name: 'confirm_delivery',
			type: 'n8n-nodes-wechat-analytics.weChatOfficialAccountTool',
			typeVersion: 1,
			position: [1000, 300],
			parameters: { resource: 'delivery', operation: 'confirm' },
		},
	];
	const connections = { ...wf.connections };
	for (const node of extras)
		connections[node.name] = { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] };
	return { ...wf, id: WORKFLOW_ID, name: `e2e: ${wf.name}`, nodes: [...wf.nodes, ...extras], connections };
}

/** Per article, its latest totals (getarticletotaldetail's cumulative series), in WeChat's order. */
function latestPerArticle(list) {
	return list.map((article) => {
		const latest = [...article.detail_list].sort((a, b) => a.stat_date.localeCompare(b.stat_date)).pop();
		return { msgid: article.msgid, title: article.title, read_user: latest.read_user, stat_date: latest.stat_date };
	});
}

/** Calls a tool; resolves { result, text, json, log (the simulator's requests during the call) }. */
async function call(ctx, mcp, name, args) {
	await ctx.sim.resetLog();
	const result = await mcp.client.callTool({ name, arguments: args }, undefined, { timeout: 180000 });
	const text = resultText(result);
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	// The model gets the JSON of the node's output items: Simplify makes that one summary item.
	const summary = Array.isArray(json) && json.length === 1 ? json[0] : undefined;
	return { result, text, json, summary, log: await ctx.sim.log() };
}

/**
 * Problems of a tool error: not isError, a phrase missing from the error's message, or a request that reached
 * WeChat. Only the message counts: n8n in queue mode sends the model nothing else (scaling/job-processor.js), so
 * the part n8n in regular mode appends after "Details:" does not.
 */
function expectToolError(answer, phrases) {
	if (!answer.result.isError) return `not a tool error: ${answer.text.slice(0, 300)}`;
	const message = answer.text.split('\n\nDetails: ')[0];
	for (const phrase of phrases) if (!message.includes(phrase)) return `the message lacks "${phrase}": ${answer.text}`;
	const requests = answer.log.filter(isDatacubeCall);
	if (requests.length) return `${requests.length} requests reached WeChat`;
}

module.exports = {
	workflows: (ctx) => [mcpWorkflow(ctx)],
	steps: [
		{
			title:
				'MCP Server Trigger: examples/mcp-server.json published, n8n start, the official MCP SDK client lists and calls the tools',
			async run(ctx) {
				const { sim } = ctx;
				const { latestDay } = await sim.state();
				const dist = (file) => require(path.join(ctx.ROOT, 'dist/nodes/WeChatOfficialAccount', file));
				const { toolDescriptionFor } = dist('tool/toolDescription.js');
				const { kindToolDescription } = dist('tool/kindToolText.js');
				const { findApi } = dist('apis/index.js');

				await importCredentials(
					ctx.n8n,
					[{ id: BEARER.id, name: BEARER.name, type: 'httpBearerAuth', data: { token: BEARER.token } }],
					path.join(ctx.tmp, 'credentials-mcp'),
				);
				await ctx.n8n('publish-mcp-workflow', ['publish:workflow', `--id=${WORKFLOW_ID}`]);
				const env = await n8nEnv(ctx.app, { userFolder: ctx.userFolder, port: await freePort() });
				const logFile = path.join(ctx.tmp, 'n8n-start-mcp.log');
				const n8n = await startN8n(ctx.app, env, { logFile, name: 'n8n start (MCP server)' });
				const url = `${n8n.url}/mcp/${example(ctx).nodes.find((n) => n.name === 'MCP Server Trigger').parameters.path}`;
				const waited = await waitForMcpEndpoint(url);
				info(`n8n serves the MCP server at ${url} after ${waited} ms more (log ${logFile})`);
				const received = [];
				const tokensUsed = new Set();
				try {
					await checkWrongBearer(url);
					const mcp = await connectMcp(url, { bearer: BEARER.token });
					try {
						await runCalls(ctx, mcp, { latestDay, toolDescriptionFor, findApi, tokensUsed });
						await reportCalls(ctx, mcp, { latestDay, kindToolDescription, tokensUsed });
					} finally {
						received.push(...mcp.received);
						await mcp.close();
					}
				} finally {
					await n8n.stop();
				}
				const secrets = [sim.appSecret, BEARER.token, ctx.tokens.first, ctx.tokens.refreshed, ...tokensUsed].filter(
					Boolean,
				);
				check(
					`no App Secret, access_token (${tokensUsed.size} used) or Bearer token in the ${bytes(received.join('')).toLocaleString('en')} bytes the MCP client received`,
					() => {
						if (tokensUsed.size === 0) return 'no token seen in the simulator log (the sweep would prove nothing)';
						const found = secrets.filter((secret) => received.some((text) => text.includes(secret)));
						if (found.length) return `${found.length} secret(s) found`;
					},
				);
				const logText = fs.readFileSync(logFile, 'utf8');
				ctx.outputs.push({ where: path.relative(ctx.ROOT, logFile), text: logText });
				check("n8n start's log holds neither the App Secret, a token nor the Bearer token", () => {
					if (secrets.some((secret) => logText.includes(secret))) return `found in ${logFile}`;
				});
			},
		},
	],
};

/**
 * n8n answers /healthz/readiness before it has activated the published workflows: waits until the MCP path is
 * registered (DELETE without a session: 404 "not registered" before, an answer from the trigger after).
 */
async function waitForMcpEndpoint(url, timeoutMs = 60000) {
	const t0 = Date.now();
	for (;;) {
		const res = await request('DELETE', url, { timeoutMs: 5000 }).catch((error) => ({
			status: 0,
			text: error.message,
		}));
		if (res.status !== 404 && res.status !== 0) return Date.now() - t0;
		if (Date.now() - t0 > timeoutMs) throw new Error(`${url} still answers ${res.status}: ${res.text.slice(0, 200)}`);
		await sleep(500);
	}
}

async function checkWrongBearer(url) {
	let error;
	try {
		const mcp = await connectMcp(url, { bearer: 'not-the-token' });
		await mcp.close();
	} catch (caught) {
		error = caught;
	}
	check('a client with a wrong Bearer token cannot connect', () => {
		if (!error) return 'it connected';
		if (error.code !== 403 && error.code !== 401) return `failed otherwise (${error.code}): ${error.message}`;
	});
}

async function runCalls(ctx, mcp, { latestDay, toolDescriptionFor, findApi, tokensUsed }) {
	const { sim } = ctx;
	const seeTokens = (answer) => {
		for (const entry of answer.log.filter(isDatacubeCall)) if (entry.token) tokensUsed.add(entry.token);
	};
	check("the server sends the example's instructions (China time, the 08:00 rule, presets or custom dates)", () => {
		const trigger = example(ctx).nodes.find((n) => n.name === 'MCP Server Trigger');
		if (mcp.instructions !== trigger.parameters.instructions) return `instructions: ${mcp.instructions}`;
	});

	const { tools } = await mcp.client.listTools();
	const listFile = path.join(ctx.ROOT, '.e2e', 'last-run', 'mcp-tools-list.json');
	fs.writeFileSync(listFile, JSON.stringify(tools, null, 2));
	info(`tools/list (${tools.length} tools) written to ${path.relative(ctx.ROOT, listFile)}:`);
	for (const tool of tools) info(`  ${tool.name}: ${tool.description.split('\n')[0].slice(0, 110)}`);
	const byName = new Map(tools.map((tool) => [tool.name, tool]));
	for (const [name, resource, operation] of [
		[FOLLOWERS, 'userAnalysis', 'getUserSummary'],
		[ARTICLES, 'publishedContent', 'getArticleDetails'],
	]) {
		check(
			`tools/list: ${name} (node "${name.replace(/_/g, ' ')}") with the description for models of ${operation} and the $fromAI inputs date_range, start_date, end_date`,
			() => {
				const tool = byName.get(name);
				if (!tool) return `not listed: ${[...byName.keys()].join(', ')}`;
				const want = toolDescriptionFor(findApi(resource, operation));
				if (tool.description !== want) return `description: ${tool.description.slice(0, 300)}`;
				const props = tool.inputSchema.properties || {};
				for (const key of ['date_range', 'start_date', 'end_date']) {
					if (!props[key] || props[key].type !== 'string' || !props[key].description)
						return `input ${key}: ${JSON.stringify(props[key])}`;
				}
				if (props.date_range.default !== 'last7Days') return `date_range default ${props.date_range.default}`;
				if ((tool.inputSchema.required || []).length) return `required: ${tool.inputSchema.required}`;
			},
		);
	}
	check('tools/list: the Confirm Delivery tool has the action as its description and no inputs', () => {
		const tool = byName.get('confirm_delivery');
		if (!tool || !/Confirm delivery/.test(tool.description)) return JSON.stringify(tool).slice(0, 200);
	});

	// Follower growth: 30 days as YYYY-MM-DD, 7 days as ISO date-times, and the preset lastWeek.
	const begin30 = addDays(latestDay, -29);
	const cases = [
		{
			what: 'YYYY-MM-DD dates, 30 days',
			args: { date_range: 'custom', start_date: begin30, end_date: latestDay },
			begin: begin30,
			end: latestDay,
		},
		{
			what: 'ISO date-times (the date as written counts)',
			args: {
				date_range: 'custom',
				start_date: `${addDays(latestDay, -6)}T00:00:00+08:00`,
				end_date: `${latestDay}T23:30:00Z`,
			},
			begin: addDays(latestDay, -6),
			end: latestDay,
		},
		{ what: 'the preset lastWeek', args: { date_range: 'lastWeek' }, ...lastWeek(latestDay) },
	];
	for (const c of cases) {
		const answer = await call(ctx, mcp, FOLLOWERS, c.args);
		seeTokens(answer);
		const expected = await sim.expected('getusersummary', c.begin, c.end);
		const gained = sumOf(expected, 'new_user');
		const lost = sumOf(expected, 'cancel_user');
		check(
			`tools/call ${FOLLOWERS} with ${c.what} (${c.begin}..${c.end}): ${expected.length} rows summarised, gained ${gained}, lost ${lost}, net ${gained - lost} (${bytes(answer.text)} bytes)`,
			() => {
				if (answer.result.isError) return answer.text;
				const s = answer.summary;
				if (!s || s.begin_date !== c.begin || s.end_date !== c.end)
					return `range ${s && s.begin_date}..${s && s.end_date}`;
				if (s.rows !== expected.length) return `rows ${s.rows}`;
				const t = s.totals;
				if (t.new_user !== gained || t.cancel_user !== lost || t.net_user !== gained - lost)
					return `totals ${JSON.stringify(t)}`;
				const days = new Set(expected.map((row) => row.ref_date)).size;
				if (!Array.isArray(s.per_day) || s.per_day.length !== days)
					return `per_day has ${s.per_day && s.per_day.length}`;
				const channels = new Set(expected.map((row) => row.user_source)).size;
				if (s.top_user_source.of !== channels)
					return `top_user_source of ${s.top_user_source.of}, expected ${channels}`;
				if (bytes(answer.text) > MAX_SIMPLIFIED_BYTES) return `${bytes(answer.text)} bytes`;
			},
		);
		if (c === cases[0]) info(`summary: ${answer.text.slice(0, 400)}…`);
	}

	// Article performance: the articles published in the last 30 days, ranked by readers.
	{
		const answer = await call(ctx, mcp, ARTICLES, { date_range: 'custom', start_date: begin30, end_date: latestDay });
		seeTokens(answer);
		const articles = latestPerArticle(await sim.expected('getarticletotaldetail', begin30, latestDay));
		const top = [...articles].sort((a, b) => b.read_user - a.read_user).slice(0, 10);
		check(
			`tools/call ${ARTICLES} (published ${begin30}..${latestDay}): ${articles.length} articles, ${sumOf(articles, 'read_user')} readers in all, the top 10 by readers with titles (${bytes(answer.text)} bytes)`,
			() => {
				if (answer.result.isError) return answer.text;
				const s = answer.summary;
				if (!s) return `not one summary: ${answer.text.slice(0, 200)}`;
				if (s.totals.read_user !== sumOf(articles, 'read_user')) return `read_user ${s.totals.read_user}`;
				if (s.top_articles.of !== articles.length) return `of ${s.top_articles.of}`;
				const got = s.top_articles.items.map((a) => `${a.msgid}:${a.read_user}:${a.title}`);
				const want = top.map((a) => `${a.msgid}:${a.read_user}:${a.title}`);
				if (got.join() !== want.join()) return `top ${got.slice(0, 3)} … expected ${want.slice(0, 3)}`;
				if (bytes(answer.text) > MAX_SIMPLIFIED_BYTES) return `${bytes(answer.text)} bytes`;
			},
		);
	}

	// Answer sizes: 30 days of hourly messages and of article details, with and without Simplify.
	const sizes = {};
	for (const [name, endpoint, simplified] of [
		['hourly_messages', 'getupstreammsghour', true],
		['hourly_messages_rows', 'getupstreammsghour', false],
		[ARTICLES, 'getarticletotaldetail', true],
		['article_details_rows', 'getarticletotaldetail', false],
	]) {
		const answer = await call(ctx, mcp, name, { date_range: 'last30Days' });
		seeTokens(answer);
		sizes[name] = bytes(answer.text);
		const expected = await sim.expected(endpoint, begin30, latestDay);
		const rows =
			endpoint === 'getarticletotaldetail' ? expected.reduce((n, a) => n + a.detail_list.length, 0) : expected.length;
		check(
			`last30Days of ${endpoint} ${simplified ? 'with' : 'without'} Simplify: ${sizes[name].toLocaleString('en')} bytes (${rows} rows)`,
			() => {
				if (answer.result.isError) return answer.text;
				if (simplified) {
					if (!answer.summary || answer.summary.rows !== rows) return `rows ${answer.summary && answer.summary.rows}`;
					if (sizes[name] > MAX_SIMPLIFIED_BYTES) return `over ${MAX_SIMPLIFIED_BYTES} bytes`;
				} else if (!Array.isArray(answer.json) || answer.json.length !== rows) {
					return `${answer.json && answer.json.length} items`;
				}
			},
		);
	}
	fs.writeFileSync(path.join(ctx.ROOT, '.e2e', 'last-run', 'mcp-answer-sizes.json'), JSON.stringify(sizes, null, 2));

	// Mistakes a model makes come back as tool errors that say what to send, before any request.
	const mistakes = [
		{
			what: 'a date written 24.11.2026',
			name: FOLLOWERS,
			args: { date_range: 'custom', start_date: '24.11.2026', end_date: latestDay },
			phrases: ['Start Date "24.11.2026" is not a date', 'YYYY-MM-DD'],
		},
		{
			what: 'date_range sinceLastRun',
			name: FOLLOWERS,
			args: { date_range: 'sinceLastRun' },
			phrases: ['does not work when the node runs as an AI tool', 'yesterday, last7Days'],
		},
		{
			what: 'dates with the preset last7Days',
			name: FOLLOWERS,
			args: { date_range: 'last7Days', start_date: begin30, end_date: latestDay },
			phrases: ['send Date Range custom'],
		},
		{
			what: 'an unknown date_range "past week"',
			name: FOLLOWERS,
			args: { date_range: 'past week' },
			phrases: ['is not one of yesterday, last7Days, last30Days, lastWeek, lastMonth, custom'],
		},
		{
			what: `a year of article details (${addDays(latestDay, -364)}..${latestDay}, one request per day)`,
			name: ARTICLES,
			args: { date_range: 'custom', start_date: addDays(latestDay, -364), end_date: latestDay },
			phrases: ['needs 365 requests', 'at most 100 days'],
		},
		{
			what: 'Confirm Delivery',
			name: 'confirm_delivery',
			args: {},
			phrases: ['Confirm Delivery does nothing for an AI agent'],
		},
	];
	for (const m of mistakes) {
		const answer = await call(ctx, mcp, m.name, m.args);
		check(`tools/call ${m.name} with ${m.what}: a tool error that says what to send, no request to WeChat`, () =>
			expectToolError(answer, m.phrases),
		);
		info(`-> ${answer.text.split('\n')[0].slice(0, 300)}`);
	}
	info(`answer sizes: ${JSON.stringify(sizes)}`);
}

/** The account report and Check Account tools: tools/list, figures against the report oracle, tool errors. */
async function reportCalls(ctx, mcp, { latestDay, kindToolDescription, tokensUsed }) {
	const { tools } = await mcp.client.listTools();
	const byName = new Map(tools.map((tool) => [tool.name, tool]));
	const reportNode = example(ctx).nodes.find((node) => node.name === 'WeChat account report');
	check(
		`tools/list: ${REPORT} with the description for models of Get Account Report and the $fromAI inputs date_range (default lastWeek), start_date, end_date`,
		() => {
			const tool = byName.get(REPORT);
			if (!tool) return `not listed: ${[...byName.keys()].join(', ')}`;
			if (tool.description !== kindToolDescription('report', 'getAccountReport'))
				return `description: ${tool.description.slice(0, 300)}`;
			const props = tool.inputSchema.properties || {};
			if (Object.keys(props).sort().join() !== 'date_range,end_date,start_date') return `inputs ${Object.keys(props)}`;
			for (const key of Object.keys(props))
				if (props[key].type !== 'string' || !props[key].description)
					return `input ${key}: ${JSON.stringify(props[key])}`;
			if (props.date_range.default !== 'lastWeek') return `date_range default ${props.date_range.default}`;
			if ((tool.inputSchema.required || []).length) return `required: ${tool.inputSchema.required}`;
		},
	);
	check(`tools/list: ${CHECK} with the description for models of Check Account and no inputs`, () => {
		const tool = byName.get(CHECK);
		if (!tool) return `not listed: ${[...byName.keys()].join(', ')}`;
		if (tool.description !== kindToolDescription('account', 'check'))
			return `description: ${tool.description.slice(0, 300)}`;
		if (Object.keys(tool.inputSchema.properties || {}).length) return `inputs ${JSON.stringify(tool.inputSchema)}`;
	});

	const seeTokens = (answer) => {
		for (const entry of answer.log.filter(isDatacubeCall)) if (entry.token) tokensUsed.add(entry.token);
	};
	const { language, topN } = { topN: 5, ...reportNode.parameters.options };
	const beginCustom = addDays(latestDay, -13);
	const cases = [
		{ what: 'the preset lastWeek', args: { date_range: 'lastWeek' }, dateRange: 'lastWeek', kind: 'weekly' },
		{
			what: 'a custom range as a model writes it (YYYY-MM-DD and an ISO date-time)',
			args: { date_range: 'custom', start_date: beginCustom, end_date: `${latestDay}T09:30:00+08:00` },
			dateRange: 'custom',
			custom: { begin: beginCustom, end: latestDay },
			kind: 'range',
		},
	];
	const sizes = {};
	for (const c of cases) {
		const answer = await call(ctx, mcp, REPORT, c.args);
		seeTokens(answer);
		const now = Date.now();
		const sim = { expectedRows: (endpoint, begin, end) => expectedRows(endpoint, begin, end, now) };
		const periods = periodsFor(c.dateRange, now, c.custom);
		const expected = expectedReport(sim, periods, { kind: c.kind, language, topN });
		sizes[c.dateRange] = bytes(answer.text);
		check(
			`tools/call ${REPORT} with ${c.what} (${periods.period.begin}..${periods.period.end} against ${periods.previous.begin}..${periods.previous.end}): net followers ${expected.followers.net}, readers ${expected.content.reads}, top ${expected.topArticles.length} articles, every figure equal to the report oracle's (${bytes(answer.text).toLocaleString('en')} bytes)`,
			() => {
				if (answer.result.isError) return answer.text;
				if (!answer.summary) return `not one object: ${answer.text.slice(0, 200)}`;
				const { markdown, ...json } = answer.summary;
				if (JSON.stringify(json) !== JSON.stringify(expected))
					return `answer ${JSON.stringify(json).slice(0, 300)} vs expected ${JSON.stringify(expected).slice(0, 300)}`;
				if (typeof markdown !== 'string' || !markdown.includes(periods.period.end))
					return 'markdown without the period';
				const title = { weekly: '**Weekly report | ', range: '**Report | ' }[c.kind];
				if (language === 'en' && !markdown.startsWith(title)) return `markdown: ${markdown.split('\n')[0]}`;
			},
		);
	}
	info(`report answer sizes: ${JSON.stringify(sizes)}`);

	{
		const answer = await call(ctx, mcp, CHECK, {});
		seeTokens(answer);
		check(
			`tools/call ${CHECK} with no input: one finding per check, the token ok, each with status and message`,
			() => {
				if (answer.result.isError) return answer.text;
				if (!Array.isArray(answer.json) || answer.json.length < 5) return `answer ${answer.text.slice(0, 300)}`;
				const bad = answer.json.filter(
					(f) =>
						!f.check ||
						!['ok', 'warning', 'error'].includes(f.status) ||
						!f.message ||
						(f.status !== 'ok' && !f.remedy),
				);
				if (bad.length) return `malformed ${JSON.stringify(bad[0])}`;
				const token = answer.json.find((f) => f.check === 'token');
				if (!token || token.status !== 'ok') return `token ${JSON.stringify(token)}`;
			},
		);
		info(
			`-> ${CHECK}: ${answer.json && answer.json.length} findings, ${bytes(answer.text).toLocaleString('en')} bytes, ${answer.log.filter(isDatacubeCall).length} datacube requests; not ok: ${(
				answer.json || []
			)
				.filter((f) => f.status !== 'ok')
				.map((f) => `${f.check} ${f.status}`)
				.join(', ')}`,
		);
	}

	const mistakes = [
		{
			what: 'an end date written 24/11/2026',
			args: { date_range: 'custom', start_date: beginCustom, end_date: '24/11/2026' },
			phrases: ['End Date "24/11/2026" is not a date', 'send it as YYYY-MM-DD (for example', 'ISO date-time'],
		},
		{
			what: 'date_range sinceLastRun',
			args: { date_range: 'sinceLastRun' },
			phrases: [
				'does not work when the node runs as an AI tool',
				'yesterday, last7Days, last30Days, lastWeek, lastMonth',
			],
		},
		{
			what: 'dates with the preset lastWeek',
			args: { date_range: 'lastWeek', start_date: beginCustom, end_date: latestDay },
			phrases: ['send Date Range custom'],
		},
		{
			what: `a period of 60 days (${addDays(latestDay, -59)}..${latestDay})`,
			args: { date_range: 'custom', start_date: addDays(latestDay, -59), end_date: latestDay },
			phrases: ['has 60 days', 'at most 50 days', 'split the period'],
		},
	];
	for (const m of mistakes) {
		const answer = await call(ctx, mcp, REPORT, m.args);
		check(`tools/call ${REPORT} with ${m.what}: a tool error that says what to send, no request to WeChat`, () =>
			expectToolError(answer, m.phrases),
		);
		info(`-> ${answer.text.split('\n')[0].slice(0, 300)}`);
	}
}
