'use strict';
/**
 * The fewest datacube requests that can return every row of a range, computed here from the
 * API rules alone (README "Operations" table), deliberately without the node's planner:
 *   - day/hour APIs: a request covers at most `span` consecutive days -> ceil(days / span);
 *   - week/month APIs: WeChat answers a completed period when the request contains its label date
 *     (Monday / 1st), so a request can return any labels within `span - 1` days of each other.
 *     The fewest such groups is found by dynamic programming over the sorted labels (not greedy,
 *     so it also checks the planner's greedy choice), and cross-checked with a closed rule.
 * Dates are whole days since 1970-01-01 in UTC arithmetic; "yesterday" is China time (UTC+8).
 */

const FIRST_DATA_DAY = '2014-12-01';

/** Per the README table: operation -> endpoint, span (days per request), grain. */
const API_RULES = Object.freeze({
	getDaily: { endpoint: 'getupstreammsg', span: 7, grain: 'day' },
	getHourly: { endpoint: 'getupstreammsghour', span: 1, grain: 'hour' },
	getWeekly: { endpoint: 'getupstreammsgweek', span: 30, grain: 'week' },
	getMonthly: { endpoint: 'getupstreammsgmonth', span: 30, grain: 'month' },
	getDailyDistribution: { endpoint: 'getupstreammsgdist', span: 15, grain: 'day' },
	getWeeklyDistribution: { endpoint: 'getupstreammsgdistweek', span: 30, grain: 'week' },
	getMonthlyDistribution: { endpoint: 'getupstreammsgdistmonth', span: 30, grain: 'month' },
});

/** Whole-day calendar arithmetic, shared with the simulator (written from the API rules, not the planner). */
const {
	parseDate,
	formatDate: fromDay,
	chinaToday,
	mondayOf,
	firstOfMonth,
	periodEnd,
} = require('../../test/simulator/rules');

function toDay(text) {
	const day = parseDate(text);
	if (day === null) throw new Error(`not a YYYY-MM-DD date: ${text}`);
	return day;
}

function chinaYesterday(nowMs = Date.now()) {
	return chinaToday(nowMs) - 1;
}

/** Labels (as day numbers) of every completed week/month that overlaps [begin, end]. */
function completedLabels(grain, begin, end, yesterday) {
	const labels = [];
	let label = grain === 'week' ? mondayOf(begin) : firstOfMonth(begin);
	while (label <= end) {
		const next = periodEnd(grain, label) + 1;
		if (next - 1 <= yesterday) labels.push(label);
		label = next;
	}
	return labels;
}

/** Fewest groups of sorted labels such that each group's last - first <= maxSpread (DP, O(n^2)). */
function fewestGroups(labels, maxSpread) {
	const best = new Array(labels.length + 1).fill(Infinity);
	best[0] = 0;
	for (let i = 1; i <= labels.length; i++) {
		for (let j = i - 1; j >= 0 && labels[i - 1] - labels[j] <= maxSpread; j--) {
			best[i] = Math.min(best[i], best[j] + 1);
		}
	}
	return best[labels.length];
}

/**
 * Closed rules for span 30 (max spread 29 days): 5 consecutive Mondays are 28 days apart, 6 are 35,
 * so n consecutive weeks need ceil(n / 5); two consecutive 1sts are 28..31 days apart, so only a
 * 1 February and the 1 March after it (28 or 29 days) share a request.
 */
function closedRule(grain, labels) {
	if (grain === 'week') return Math.ceil(labels.length / 5);
	let requests = 0;
	for (let i = 0; i < labels.length; i++) {
		requests++;
		if (i + 1 < labels.length && labels[i + 1] - labels[i] <= 29) i++;
	}
	return requests;
}

/**
 * { minimum, days, periods?, rule?, begin, end } for an operation and a custom range, as seen at nowMs.
 * The range is clamped to what WeChat keeps (2014-12-01 .. yesterday, China time).
 */
function minimumRequests(operation, beginText, endText, nowMs = Date.now()) {
	const rules = API_RULES[operation];
	if (!rules) throw new Error(`unknown operation ${operation}`);
	const yesterday = chinaYesterday(nowMs);
	const begin = Math.max(toDay(beginText), toDay(FIRST_DATA_DAY));
	const end = Math.min(toDay(endText), yesterday);
	if (begin > end) throw new Error(`empty range ${beginText}..${endText}`);
	const days = end - begin + 1;
	if (rules.grain === 'day' || rules.grain === 'hour') {
		return {
			minimum: Math.ceil(days / rules.span),
			days,
			begin: fromDay(begin),
			end: fromDay(end),
			method: `ceil(${days} days / ${rules.span})`,
		};
	}
	const labels = completedLabels(rules.grain, begin, end, yesterday);
	const minimum = fewestGroups(labels, rules.span - 1);
	const rule = rules.span === 30 ? closedRule(rules.grain, labels) : undefined;
	return {
		minimum,
		days,
		periods: labels.length,
		firstLabel: fromDay(labels[0]),
		lastLabel: fromDay(labels[labels.length - 1]),
		rule,
		begin: fromDay(begin),
		end: fromDay(end),
		method: `DP over ${labels.length} completed ${rules.grain} labels, spread <= ${rules.span - 1} days`,
	};
}

module.exports = { API_RULES, minimumRequests, fewestGroups, completedLabels, toDay, fromDay, chinaYesterday };
