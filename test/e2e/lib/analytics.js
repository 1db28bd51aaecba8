/**
 * Issue 10's fourteen operations as the e2e checks them: the contract table (resource, operation, endpoint, span in
 * days, the row key), and the comparison of a node's output items with WeChat's raw rows from the simulator.
 */
const { isDeepStrictEqual } = require('node:util');

const CONTRACT = [
	['userAnalysis', 'getUserSummary', 'getusersummary', 7, ['ref_date', 'user_source']],
	['userAnalysis', 'getUserCumulate', 'getusercumulate', 7, ['ref_date']],
	['publishedContent', 'getOverview', 'getbizsummary', 30, ['ref_date']],
	['publishedContent', 'getArticleReads', 'getarticleread', 1, ['ref_date', 'msgid']],
	['publishedContent', 'getArticleShares', 'getarticleshare', 1, ['ref_date', 'msgid']],
	['publishedContent', 'getArticleDetails', 'getarticletotaldetail', 1, ['msgid', 'stat_date']],
	['articleAnalysis', 'getArticleSummary', 'getarticlesummary', 1, ['ref_date', 'msgid']],
	['articleAnalysis', 'getArticleTotal', 'getarticletotal', 1, ['msgid', 'stat_date']],
	['articleAnalysis', 'getUserRead', 'getuserread', 3, ['ref_date', 'user_source']],
	['articleAnalysis', 'getUserReadHourly', 'getuserreadhour', 1, ['ref_date', 'ref_hour', 'user_source']],
	['articleAnalysis', 'getUserShare', 'getusershare', 7, ['ref_date', 'share_scene']],
	['articleAnalysis', 'getUserShareHourly', 'getusersharehour', 1, ['ref_date', 'ref_hour', 'share_scene']],
	['interfaceAnalysis', 'getInterfaceSummary', 'getinterfacesummary', 30, ['ref_date']],
	['interfaceAnalysis', 'getInterfaceSummaryHourly', 'getinterfacesummaryhour', 1, ['ref_date', 'ref_hour']],
].map(([resource, operation, endpoint, span, key]) => ({ resource, operation, endpoint, span, key }));

/** The contract row of a resource and operation, or undefined. */
const findOperation = (resource, operation) =>
	CONTRACT.find((op) => op.resource === resource && op.operation === operation);

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

/**
 * How a node's output items differ from the expected units (first difference), or nothing: unique by the row key,
 * one item per unit, every value WeChat sent present and equal, pairedItem item 0.
 */
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

/** How an item is counted: per row key, or per article per stat_date for the nested series. */
const itemPer = (op, rows) =>
	SERIES[op.endpoint] ? `one per article per stat_date (${rows.length} articles)` : `one per ${op.key.join(' × ')}`;

module.exports = { CONTRACT, findOperation, expectedUnits, compareUnits, itemPer };
