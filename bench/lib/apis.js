'use strict';
/**
 * The bench's own description of WeChat's datacube APIs, written from the README tables and issue 10
 * (not from nodes/WeChatOfficialAccount/apis.ts, so the bench checks the node instead of repeating it):
 * resource and operation (node parameters), endpoint, span (days per request), grain, the first day
 * WeChat keeps, the row key ("one item per"), and how a nested answer becomes one row per item.
 *   nest: { list }  one row per element of row[list], carrying the parent's fields (the parent's win);
 *   nest: { object } the object's fields move to the top level.
 * `container` is the nested field the node must not output any more.
 */

const CLASSIC_FIRST_DAY = '2014-12-01';
const PUBLISHED_FIRST_DAY = '2025-11-01';

function api(resource, operation, endpoint, span, grain, key, extra = {}) {
	return Object.freeze({ resource, operation, endpoint, span, grain, key, firstDay: CLASSIC_FIRST_DAY, ...extra });
}

const published = (operation, endpoint, span, key, nest) =>
	api('publishedContent', operation, endpoint, span, 'day', key, { firstDay: PUBLISHED_FIRST_DAY, nest });

const DATE_MSG = ['ref_date', 'msg_type'];
const DATE_INTERVAL = ['ref_date', 'count_interval'];
const ARTICLE = ['ref_date', 'msgid'];
const ARTICLE_SERIES = ['ref_date', 'msgid', 'stat_date'];

const LIST = [
	api('messageSummary', 'getDaily', 'getupstreammsg', 7, 'day', DATE_MSG),
	api('messageSummary', 'getHourly', 'getupstreammsghour', 1, 'hour', ['ref_date', 'ref_hour', 'msg_type']),
	api('messageSummary', 'getWeekly', 'getupstreammsgweek', 30, 'week', DATE_MSG),
	api('messageSummary', 'getMonthly', 'getupstreammsgmonth', 30, 'month', DATE_MSG),
	api('messageSummary', 'getDailyDistribution', 'getupstreammsgdist', 15, 'day', DATE_INTERVAL),
	api('messageSummary', 'getWeeklyDistribution', 'getupstreammsgdistweek', 30, 'week', DATE_INTERVAL),
	api('messageSummary', 'getMonthlyDistribution', 'getupstreammsgdistmonth', 30, 'month', DATE_INTERVAL),

	api('userAnalysis', 'getUserSummary', 'getusersummary', 7, 'day', ['ref_date', 'user_source']),
	api('userAnalysis', 'getUserCumulate', 'getusercumulate', 7, 'day', ['ref_date']),

	published('getOverview', 'getbizsummary', 30, ['ref_date'], { object: 'detail' }),
	published('getArticleReads', 'getarticleread', 1, ARTICLE, { object: 'detail' }),
	published('getArticleShares', 'getarticleshare', 1, ARTICLE, { object: 'detail' }),
	published('getArticleDetails', 'getarticletotaldetail', 1, ARTICLE_SERIES, { list: 'detail_list' }),

	api('articleAnalysis', 'getArticleSummary', 'getarticlesummary', 1, 'day', ARTICLE),
	api('articleAnalysis', 'getArticleTotal', 'getarticletotal', 1, 'day', ARTICLE_SERIES, { nest: { list: 'details' } }),
	api('articleAnalysis', 'getUserRead', 'getuserread', 3, 'day', ['ref_date', 'user_source']),
	api('articleAnalysis', 'getUserReadHourly', 'getuserreadhour', 1, 'hour', ['ref_date', 'ref_hour', 'user_source']),
	api('articleAnalysis', 'getUserShare', 'getusershare', 7, 'day', ['ref_date', 'share_scene']),
	api('articleAnalysis', 'getUserShareHourly', 'getusersharehour', 1, 'hour', ['ref_date', 'ref_hour', 'share_scene']),

	api('interfaceAnalysis', 'getInterfaceSummary', 'getinterfacesummary', 30, 'day', ['ref_date']),
	api('interfaceAnalysis', 'getInterfaceSummaryHourly', 'getinterfacesummaryhour', 1, 'hour', ['ref_date', 'ref_hour']),
];

/** operation -> rules (operation names are unique across resources). */
const API_RULES = Object.freeze(Object.fromEntries(LIST.map((rules) => [rules.operation, rules])));

/** WeChat's raw answer rows as the node's items carry them: nested answers flattened, sorted by the row key. */
function flattenedRows(operation, rawRows) {
	const { nest, key } = API_RULES[operation];
	let rows = rawRows;
	if (nest?.list) {
		rows = [];
		for (const parent of rawRows) {
			const { [nest.list]: series, ...fields } = parent;
			for (const element of series) rows.push(Object.assign({}, element, fields));
		}
	} else if (nest?.object) {
		rows = rawRows.map(({ [nest.object]: inner, ...fields }) => Object.assign({}, inner, fields));
	}
	const order = (a, b) => {
		for (const field of key) {
			if (a[field] < b[field]) return -1;
			if (a[field] > b[field]) return 1;
		}
		return 0;
	};
	return [...rows].sort(order);
}

/** The nested field a flattened item must no longer have (undefined for flat APIs). */
const containerOf = (operation) => {
	const { nest } = API_RULES[operation];
	return nest?.list ?? nest?.object;
};

module.exports = { API_RULES, flattenedRows, containerOf, CLASSIC_FIRST_DAY, PUBLISHED_FIRST_DAY };
