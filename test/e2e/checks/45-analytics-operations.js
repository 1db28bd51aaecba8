/**
 * Issue 10: the fourteen user / published-content / article / interface operations, one node each in one workflow,
 * in the real app. Every operation gives one item per row of WeChat's answer (for the nested answers of
 * getarticletotal / getarticletotaldetail: one per article per stat_date), each carrying WeChat's values at the top
 * level, unique by its row key, in ceil(days / span) requests. The published-content ranges lie after 2025-11-01.
 */
const { isDeepStrictEqual } = require('node:util');
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { isTokenCall } = require('../../../scripts/lib/simulator');
const { manualWorkflow, wechatNode } = require('../lib/workflows');
const { check } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');

/** Issue 10's contract: resource, operation, endpoint, span in days, the row key; and a range with rows. */
const OPERATIONS = [
	['userAnalysis', 'getUserSummary', 'getusersummary', 7, ['ref_date', 'user_source'], '2025-12-10', '2025-12-23'],
	['userAnalysis', 'getUserCumulate', 'getusercumulate', 7, ['ref_date'], '2025-12-10', '2025-12-23'],
	['publishedContent', 'getOverview', 'getbizsummary', 30, ['ref_date'], '2025-11-01', '2025-12-30'],
	['publishedContent', 'getArticleReads', 'getarticleread', 1, ['ref_date', 'msgid'], '2026-02-01', '2026-02-03'],
	['publishedContent', 'getArticleShares', 'getarticleshare', 1, ['ref_date', 'msgid'], '2026-02-01', '2026-02-03'],
	[
		'publishedContent',
		'getArticleDetails',
		'getarticletotaldetail',
		1,
		['msgid', 'stat_date'],
		'2026-02-01',
		'2026-02-05',
	],
	['articleAnalysis', 'getArticleSummary', 'getarticlesummary', 1, ['ref_date', 'msgid'], '2024-05-01', '2024-05-03'],
	['articleAnalysis', 'getArticleTotal', 'getarticletotal', 1, ['msgid', 'stat_date'], '2024-05-01', '2024-05-07'],
	['articleAnalysis', 'getUserRead', 'getuserread', 3, ['ref_date', 'user_source'], '2024-05-01', '2024-05-09'],
	[
		'articleAnalysis',
		'getUserReadHourly',
		'getuserreadhour',
		1,
		['ref_date', 'ref_hour', 'user_source'],
		'2024-05-01',
		'2024-05-02',
	],
	['articleAnalysis', 'getUserShare', 'getusershare', 7, ['ref_date', 'share_scene'], '2024-05-01', '2024-05-14'],
	[
		'articleAnalysis',
		'getUserShareHourly',
		'getusersharehour',
		1,
		['ref_date', 'ref_hour', 'share_scene'],
		'2024-05-01',
		'2024-05-02',
	],
	['interfaceAnalysis', 'getInterfaceSummary', 'getinterfacesummary', 30, ['ref_date'], '2024-01-01', '2024-03-30'],
	[
		'interfaceAnalysis',
		'getInterfaceSummaryHourly',
		'getinterfacesummaryhour',
		1,
		['ref_date', 'ref_hour'],
		'2024-05-01',
		'2024-05-02',
	],
].map(([resource, operation, endpoint, span, key, begin, end]) => ({
	resource,
	operation,
	endpoint,
	span,
	key,
	begin,
	end,
}));

/** The list WeChat nests a row's daily series in (one item per element), and the object it nests metrics in. */
const SERIES = { getarticletotal: 'details', getarticletotaldetail: 'detail_list' };
const DETAIL = 'detail';

/**
 * What each output item must carry, from WeChat's raw rows: one unit per row, or per element of the row's series;
 * the series element's and the detail object's values at the top level, the row's own values next to them (the
 * row's win on a clash). Extra fields (readable names, one field per read scene) are allowed.
 */
function expectedUnits(endpoint, rows) {
	const series = SERIES[endpoint];
	return rows.flatMap((row) => {
		const { [DETAIL]: detail, ...own } = row;
		if (!series) return [{ ...(detail || {}), ...own }];
		const { [series]: days, ...article } = own;
		return days.map((day) => ({ ...day, ...article }));
	});
}

const keyOf = (key, json) => JSON.stringify(key.map((field) => json[field]));
const dayCount = (begin, end) => (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${begin}T00:00:00Z`)) / 86400000 + 1;

/** How the items differ from the expected units (first difference), or nothing. */
function compareUnits(op, items, units) {
	if (!items) return 'the node did not run';
	if (units.length === 0) return 'the simulator expects no rows: the check would prove nothing';
	const jsons = items.map((item) => item.json);
	const keys = jsons.map((json) => keyOf(op.key, json));
	if (new Set(keys).size !== keys.length) return `${keys.length - new Set(keys).size} items share a row key`;
	if (jsons.length !== units.length) return `${jsons.length} items, expected ${units.length}`;
	const byKey = new Map(jsons.map((json) => [keyOf(op.key, json), json]));
	for (const unit of units) {
		const json = byKey.get(keyOf(op.key, unit));
		if (!json) return `no item for ${keyOf(op.key, unit)}`;
		for (const [field, value] of Object.entries(unit)) {
			if (!isDeepStrictEqual(json[field], value))
				return `${keyOf(op.key, unit)}: ${field} is ${JSON.stringify(json[field])}, WeChat sent ${JSON.stringify(value)}`;
		}
	}
	if (!items.every((item) => item.pairedItem && item.pairedItem.item === 0)) return 'pairedItem is not item 0';
}

const WORKFLOW = manualWorkflow(
	'e2eAnalyticsOps1',
	'e2e: the fourteen analytics operations',
	OPERATIONS.map((op, i) =>
		wechatNode(
			op.operation,
			{ resource: op.resource, operation: op.operation, dateRange: 'custom', beginDate: op.begin, endDate: op.end },
			[300 + 300 * Math.floor(i / 7), (i % 7) * 160],
		),
	),
);

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: 'n8n execute: the fourteen user, published-content, article and interface operations in one workflow',
			async run(ctx) {
				const { sim } = ctx;
				const { result, execution, log } = await executeExpectingSuccess(
					ctx,
					'execute-analytics-operations',
					WORKFLOW.id,
				);
				check('the execution succeeded (status "success" in the execution JSON)', () => {
					if (!execution) return `no execution JSON in stdout (${result.logBase}.out)`;
					if (execution.status !== 'success' || execution.data.resultData.error)
						return `status ${execution.status}: ${JSON.stringify(execution.data.resultData.error).slice(0, 300)}`;
				});
				let total = 0;
				for (const op of OPERATIONS) {
					const rows = await sim.expected(op.endpoint, op.begin, op.end);
					const units = expectedUnits(op.endpoint, rows);
					const requests = Math.ceil(dayCount(op.begin, op.end) / op.span);
					const per = SERIES[op.endpoint]
						? `one per article per stat_date (${rows.length} articles)`
						: `one per ${op.key.join(' × ')}`;
					total += units.length;
					check(
						`${op.resource} / ${op.operation} ${op.begin}..${op.end}: ${units.length} items, ${per}, WeChat's values at the top level, in ${requests} ${op.endpoint} requests`,
						() => {
							const problem = compareUnits(op, nodeItems(execution, op.operation), units);
							if (problem) return problem;
							const calls = log.filter((entry) => entry.endpoint === op.endpoint);
							if (calls.length !== requests || calls.some((call) => call.errcode !== 0))
								return `${calls.length} requests: ${calls.map((c) => `${c.body.begin_date}..${c.body.end_date}=${c.errcode}`).join(' ')}`;
						},
					);
				}
				check('no token request: the token stored by the earlier execution was used', () => {
					const tokenCalls = log.filter(isTokenCall);
					if (tokenCalls.length) return `${tokenCalls.length} token requests`;
				});
				return `${total} items from ${OPERATIONS.length} operations`;
			},
		},
	],
};
