/**
 * The examples' WeChat parts, run by `n8n execute-batch` as runnable copies (see lib/workflows.js) in a second n8n
 * process: the token the first process stored is reused.
 */
const fs = require('node:fs');
const path = require('node:path');
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { isTokenCall, isDatacubeCall } = require('../../../scripts/lib/simulator');
const { runnableCopy, lastWeek } = require('../lib/workflows');
const { sameRows, wechatRows, thousands, sum } = require('../lib/rows');
const { check, info } = require('../lib/report');
const { expectWeChatNodes } = require('../lib/exampleRows');
const { crashedAtExit } = require('../lib/exits');

/** Examples started by a schedule or by hand (the MCP server example is served and called by checks/86-mcp-server.js). */
const runnable = (example) =>
	example.workflow.nodes.some((node) => /\.(scheduleTrigger|manualTrigger)$/.test(node.type));

/** Runnable copies of the examples, by example file (the report examples post to bots: 84-report-bots.js runs them). */
const copiesOf = (ctx) =>
	ctx.examples
		.filter((example) => runnable(example) && !example.file.startsWith('account-report-'))
		.map((example, i) => ({
			example,
			...runnableCopy(example.workflow, `e2eExampleCopy${String(i + 1).padStart(2, '0')}`),
		}));

/** What each example's copy must output, given the simulator and the execution snapshot. */
const EXPECTATIONS = {
	async 'daily-to-google-sheets.json'(copy, runData, { sim, state }) {
		const expected = await sim.expected('getupstreammsg', state.latestDay, state.latestDay);
		check(
			`daily-to-google-sheets (without ${copy.leftOut.join(', ')}): getDaily since last run, first run = Lookback Days 1 (${state.latestDay}) gives its ${expected.length} rows with readable fields`,
			() => {
				const items = nodeItems(runData, 'WeChat: new days since last run');
				const diff = sameRows(wechatRows(items), expected);
				if (diff) return diff;
				if (!items.every((item) => typeof item.json.msg_type_name === 'string')) return 'msg_type_name missing';
			},
		);
	},
	async 'weekly-digest-to-slack.json'(copy, runData, { sim, state }) {
		const week = lastWeek(state.latestDay);
		const byType = await sim.expected('getupstreammsgweek', week.begin, week.end);
		const byInterval = await sim.expected('getupstreammsgdistweek', week.begin, week.end);
		check(
			`weekly-digest-to-slack (without ${copy.leftOut.join(', ')}): last week (${week.begin}..${week.end}) by type and by interval`,
			() => {
				return (
					sameRows(wechatRows(nodeItems(runData, 'WeChat: last week by type')), byType) ||
					sameRows(wechatRows(nodeItems(runData, 'WeChat: last week distribution')), byInterval)
				);
			},
		);
		const total = sum(byType, 'msg_count');
		const writers = sum(
			byInterval.filter((row) => row.count_interval > 0),
			'msg_user',
		);
		check(
			`weekly-digest-to-slack: the Code node's digest (n8n's task runner) says ${thousands(total)} messages from ${thousands(writers)} users`,
			() => {
				const items = nodeItems(runData, 'Format digest');
				if (!items || items.length !== 1) return `${items ? items.length : 'no'} digest items`;
				const digest = items[0].json;
				if (digest.total_messages !== total || digest.users_who_wrote !== writers)
					return `digest ${JSON.stringify(digest).slice(0, 300)}`;
				if (digest.week_start !== week.begin || digest.week_end !== week.end)
					return `week ${digest.week_start}..${digest.week_end}`;
				if (!digest.text.includes(`${thousands(total)} messages from ${thousands(writers)} users`))
					return `text: ${digest.text.slice(0, 300)}`;
				info(`digest text: ${JSON.stringify(digest.text.split('\n').slice(0, 2).join(' | '))}`);
			},
		);
	},
	async 'hourly-backfill-to-postgres.json'(copy, runData, { sim, log }) {
		const expected = await sim.expected('getupstreammsghour', '2025-01-01', '2025-12-31');
		check(
			`hourly-backfill-to-postgres (without ${copy.leftOut.join(', ')}): 2025 by hour, ${expected.length} rows in 365 requests`,
			() => {
				const diff = sameRows(wechatRows(nodeItems(runData, 'WeChat: 2025 by hour')), expected);
				if (diff) return diff;
				const calls = log.filter((entry) => entry.endpoint === 'getupstreammsghour');
				if (calls.length !== 365 || calls.some((call) => call.errcode !== 0)) return `${calls.length} requests`;
			},
		);
	},
};

module.exports = {
	workflows: (ctx) => copiesOf(ctx).map((copy) => copy.workflow),
	steps: [
		{
			title: 'n8n execute-batch: runnable copies of the examples (second process: reuses the stored token)',
			async run(ctx) {
				const { sim } = ctx;
				const copies = copiesOf(ctx);
				const state = await sim.state();
				await sim.resetLog();
				const snapshots = path.join(ctx.tmp, 'snapshots');
				fs.mkdirSync(snapshots);
				const summaryFile = path.join(ctx.tmp, 'batch-summary.json');
				const result = await ctx.n8n(
					'execute-batch-examples',
					[
						'execute-batch',
						`--ids=${copies.map((c) => c.workflow.id).join(',')}`,
						`--snapshot=${snapshots}`,
						`--output=${summaryFile}`,
					],
					{ expectFailure: true },
				);
				// n8n's CLI can end with SIGSEGV after writing everything (lib/exits.js): accepted only with the summary written.
				const written = fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, 'utf8') : '';
				if (result.code !== 0 && !(crashedAtExit(result) && written))
					ctx.stop(`${result.command} exits 0`, `see ${result.logBase}.out/.err\n${ctx.tail(result.output)}`);
				const batch = JSON.parse(written);
				const log = await sim.log();
				check(`all ${copies.length} runnable copies succeeded`, () => {
					if (
						batch.summary.successfulExecutions !== copies.length ||
						batch.summary.failedExecutions ||
						batch.summary.warningExecutions
					) {
						return JSON.stringify(batch.summary).slice(0, 500);
					}
				});
				check('the token stored by the first process was reused: no token request, every request used it', () => {
					const tokenCalls = log.filter(isTokenCall);
					if (tokenCalls.length) return `${tokenCalls.length} token requests`;
					const used = [...new Set(log.filter(isDatacubeCall).map((entry) => entry.token))];
					if (used.length !== 1 || used[0] !== ctx.tokens.first)
						return `${used.length} distinct tokens, ${used[0] === ctx.tokens.first ? 'same' : 'not the stored one'}`;
				});
				for (const copy of copies) {
					const file = path.join(snapshots, `${copy.workflow.id}-snapshot.json`);
					const runData = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
					const expect = EXPECTATIONS[copy.example.file] || expectWeChatNodes;
					await expect(copy, runData, { sim, state, log });
				}
			},
		},
	],
};
