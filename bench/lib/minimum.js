'use strict';
/**
 * The fewest datacube requests that can return every row of a range, computed here from the
 * API rules alone (README tables, issue 10; bench/lib/apis.js), deliberately without the node's planner:
 *   - day/hour APIs (also the publish-date APIs getArticleTotal/getArticleDetails, whose range
 *     selects publish days): a request covers at most `span` consecutive days -> ceil(days / span);
 *   - week/month APIs: WeChat answers a completed period when the request contains its label date
 *     (Monday / 1st), so a request can return any labels within `span - 1` days of each other.
 *     The fewest such groups is found by dynamic programming over the sorted labels (not greedy,
 *     so it also checks the planner's greedy choice), and cross-checked with a closed rule.
 * The range is clamped to the days WeChat serves for that API: from its first day (2014-12-01, or
 * 2025-11-01 for the four 2025 "published content" APIs) to the latest served day (yesterday China
 * time from 08:00 China time, the day before before that). Dates are whole days since 1970-01-01
 * in UTC arithmetic, China time (UTC+8) where "today" is decided.
 */

const { API_RULES } = require('./apis');

/** Whole-day calendar arithmetic, shared with the simulator (written from the API rules, not the planner). */
const {
	parseDate,
	formatDate: fromDay,
	latestServedDay,
	mondayOf,
	firstOfMonth,
	periodEnd,
} = require('../../test/simulator/rules');

function toDay(text) {
	const day = parseDate(text);
	if (day === null) throw new Error(`not a YYYY-MM-DD date: ${text}`);
	return day;
}

/** The latest day WeChat answers at nowMs (the 08:00 China-time rule). */
const latestDay = (nowMs = Date.now()) => latestServedDay(nowMs);

/** Labels (as day numbers) of every completed (served) week/month that overlaps [begin, end]. */
function completedLabels(grain, begin, end, latest) {
	const labels = [];
	let label = grain === 'week' ? mondayOf(begin) : firstOfMonth(begin);
	while (label <= end) {
		const next = periodEnd(grain, label) + 1;
		if (next - 1 <= latest) labels.push(label);
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
 * { minimum, days, periods?, rule?, begin, end, clamped } for an operation and a custom range, as seen at
 * nowMs. The range is clamped to what WeChat serves for the API (its first day .. the latest served day).
 * `span` replaces the documented span (WeChat answering fewer days per request than documented).
 */
function minimumRequests(operation, beginText, endText, nowMs = Date.now(), { span } = {}) {
	const documented = API_RULES[operation];
	if (!documented) throw new Error(`unknown operation ${operation}`);
	const rules = span === undefined ? documented : { ...documented, span };
	const latest = latestDay(nowMs);
	const begin = Math.max(toDay(beginText), toDay(rules.firstDay));
	const end = Math.min(toDay(endText), latest);
	if (begin > end) throw new Error(`empty range ${beginText}..${endText} for ${operation}`);
	const days = end - begin + 1;
	const clamped = begin !== toDay(beginText) || end !== toDay(endText);
	if (rules.grain === 'day' || rules.grain === 'hour') {
		return {
			minimum: Math.ceil(days / rules.span),
			days,
			begin: fromDay(begin),
			end: fromDay(end),
			clamped,
			method: `ceil(${days} days / ${rules.span})${clamped ? `, clamped to ${fromDay(begin)}..${fromDay(end)}` : ''}`,
		};
	}
	const labels = completedLabels(rules.grain, begin, end, latest);
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
		clamped,
		method: `DP over ${labels.length} completed ${rules.grain} labels, spread <= ${rules.span - 1} days`,
	};
}

module.exports = { API_RULES, minimumRequests, fewestGroups, completedLabels, toDay, fromDay, latestDay };
