'use strict';
// Deterministic, realistic-looking statistics. Every number is a pure function of
// (account seed, endpoint, period label, hour, type/interval), so any two calls agree exactly.
// The seed is '' for the primary account (the original data set) and the AppID for other accounts.

const { ENDPOINTS, DATA_START, formatDate, parseDate, labelsInRequest, labelsCovering } = require('./rules');
const { unit, salted, HOURS, weekday } = require('./seeded');

// msg_type: share of senders, chance of appearing in a day, messages per sender range.
const TYPES = [
	{ type: 1, share: 0.62, p: 1, ratio: [1.5, 3.2] }, // text: always present
	{ type: 2, share: 0.2, p: 0.9, ratio: [1.1, 1.8] }, // image
	{ type: 3, share: 0.12, p: 0.7, ratio: [1.2, 2.4] }, // voice
	{ type: 4, share: 0.03, p: 0.3, ratio: [1.0, 1.3] }, // video
	{ type: 6, share: 0.03, p: 0.25, ratio: [1.0, 1.2] }, // link from a third-party app
];
// count_interval 1 (1-5 msgs), 2 (6-10), 3 (>10); 0 is never reported.
const INTERVALS = [
	{ interval: 1, p: 1 },
	{ interval: 2, p: 0.97 },
	{ interval: 3, p: 0.9 },
];
const DIST_SHARES = { day: [0.72, 0.17, 0.11], week: [0.55, 0.25, 0.2], month: [0.45, 0.25, 0.3] };
// Distinct senders in a period relative to one day, and messages multiplier.
const PERIOD = { day: { users: 1, msgs: 1 }, week: { users: 2.8, msgs: 2.5 }, month: { users: 7, msgs: 4.3 } };
/** Typical daily senders on a day: slow growth, weekly rhythm, daily noise. */
function audience(day, seed = '') {
	const size = seed ? 0.4 + 1.2 * unit(seed, 'size') : 1;
	const growth = 1 + (day - DATA_START) / 1500;
	return 600 * size * growth * weekday(day) * (0.85 + 0.3 * unit(salted(seed, 'aud'), day));
}

function msgRows(endpoint, grain, label, seed) {
	const name = salted(seed, endpoint);
	const date = formatDate(label);
	const per = PERIOD[grain === 'hour' ? 'day' : grain];
	const base = audience(grain === 'week' ? label + 3 : grain === 'month' ? label + 14 : label, seed);
	const hours = grain === 'hour' ? HOURS.map((_, h) => h) : [null];
	const rows = [];
	for (const h of hours) {
		for (const t of TYPES) {
			const k = [name, date, h, t.type];
			const present = t.p >= 1 || unit(...k, 'p') < Math.min(1, t.p * (grain === 'day' || grain === 'hour' ? 1 : 2));
			if (!present) continue;
			const hourShare = h === null ? 1 : HOURS[h] * 1.3;
			const users = Math.round(base * per.users * t.share * hourShare * (0.7 + 0.6 * unit(...k, 'u')));
			if (users <= 0) continue;
			const ratio = t.ratio[0] + (t.ratio[1] - t.ratio[0]) * unit(...k, 'r');
			const count = users + Math.round(users * (ratio * per.msgs - 1));
			const row = { ref_date: date };
			if (h !== null) row.ref_hour = h * 100;
			rows.push(Object.assign(row, { msg_type: t.type, msg_user: users, msg_count: Math.max(users, count) }));
		}
	}
	return rows;
}

function distRows(endpoint, grain, label, seed) {
	const name = salted(seed, endpoint);
	const date = formatDate(label);
	const base = audience(grain === 'week' ? label + 3 : grain === 'month' ? label + 14 : label, seed);
	const total = base * PERIOD[grain].users * (0.9 + 0.2 * unit(name, date, 'total'));
	const rows = [];
	INTERVALS.forEach((iv, i) => {
		if (iv.p < 1 && unit(name, date, iv.interval, 'p') >= iv.p) return;
		const users = Math.max(1, Math.round(total * DIST_SHARES[grain][i] * (0.85 + 0.3 * unit(name, date, iv.interval))));
		rows.push({ ref_date: date, count_interval: iv.interval, msg_user: users });
	});
	return rows;
}

const GENERATORS = {
	...require('./data-users').generators,
	...require('./data-classic').generators,
	...require('./data-published').generators,
};

const cache = new Map(); // `${seed}|${name}|${label}` -> frozen rows (pure function, so safe to share)

/**
 * Rows of one period (day / week / month label; for byPublish endpoints the publish day, with the whole
 * series). Nothing before 2014-12-01 or the endpoint's `since`. Shared and frozen: do not mutate.
 */
function periodRows(name, label, seed = '') {
	const ep = ENDPOINTS[name];
	if (!ep || label < DATA_START || (ep.since && label < parseDate(ep.since))) return [];
	const key = `${seed}|${name}|${label}`;
	let rows = cache.get(key);
	if (!rows) {
		if (ep.kind === 'dist') rows = distRows(name, ep.grain, label, seed);
		else if (ep.kind === 'msg') rows = msgRows(name, ep.grain, label, seed);
		else rows = GENERATORS[ep.kind](name, label, seed);
		if (cache.size >= 20000) cache.clear();
		rows.forEach(Object.freeze); // nested objects are shared too: never mutate them
		cache.set(key, Object.freeze(rows));
	}
	return rows;
}

function compareRows(a, b) {
	if (a.ref_date !== b.ref_date) return a.ref_date < b.ref_date ? -1 : 1;
	const ha = a.ref_hour || 0;
	const hb = b.ref_hour || 0;
	if (ha !== hb) return ha - hb;
	return (a.msg_type ?? a.count_interval) - (b.msg_type ?? b.count_interval);
}

/** byPublish endpoints: each article's series only up to the latest served day. */
function cutSeries(ep, rows, latest) {
	if (!ep.series) return rows;
	const last = formatDate(latest);
	return rows.map((r) => ({ ...r, [ep.series]: r[ep.series].filter((x) => x.stat_date <= last) }));
}

/** The list WeChat returns for a (validated) request [begin,end] when `latest` is the latest served day. */
function responseRows(name, begin, end, latest, seed = '') {
	const ep = ENDPOINTS[name];
	const grain = ep.grain === 'hour' ? 'day' : ep.grain;
	return labelsInRequest(grain, begin, end, latest).flatMap((l) => cutSeries(ep, periodRows(name, l, seed), latest));
}

/**
 * What a perfect client should output for a user range [begin,end] (day numbers), `latest` served:
 * WeChat's raw rows (nested ones unflattened), fresh copies, sorted by date (message rows by date,
 * hour, type; the others in WeChat's order within a day: by hour, then key).
 */
function coveringRows(name, begin, end, latest, seed = '') {
	const ep = ENDPOINTS[name];
	const grain = ep.grain === 'hour' ? 'day' : ep.grain;
	const rows = labelsCovering(grain, begin, end, latest).flatMap((l) =>
		cutSeries(ep, periodRows(name, l, seed), latest),
	);
	if (ep.kind === 'msg' || ep.kind === 'dist') return rows.map((r) => ({ ...r })).sort(compareRows);
	return JSON.parse(JSON.stringify(rows));
}

module.exports = { unit, periodRows, responseRows, coveringRows, compareRows };
