'use strict';
// Classic article analysis rows (getarticlesummary, getarticletotal, getuserread, getuserreadhour,
// getusershare, getusersharehour). These APIs count mass-sent articles only (publish_type 0).

const { formatDate, parseDate } = require('./rules');
const { unit, between, salted, HOURS } = require('./seeded');
const { articlesOn, articlesLive, daily } = require('./articles');

const massSent = (list) => list.filter((a) => a.publishType === 0);

// getuserread user_source (99999999 = all, last): share of reads, chance to appear.
const READ_SOURCES = [
	{ code: 0, share: 0.45 }, // 会话
	{ code: 1, share: 0.15 }, // 好友
	{ code: 2, share: 0.15 }, // 朋友圈
	{ code: 4, share: 0.05 }, // 历史消息页
	{ code: 5, share: 0.04 }, // 其他
	{ code: 6, share: 0.08 }, // 看一看
	{ code: 7, share: 0.06 }, // 搜一搜
	{ code: 8, share: 0.01, p: 0.05 }, // undocumented: "unknown (8)"
];
// getusershare share_scene: 1 friends, 2 Moments, 255 other, and 5 (in WeChat's own example, never documented).
const SHARE_SCENES = [
	{ code: 1, share: 0.55 },
	{ code: 2, share: 0.35 },
	{ code: 5, share: 0.03, p: 0.3 },
	{ code: 255, share: 0.07 },
];
const ALL = 99999999;

/** Mass-sent totals of a day: sums of every live article's increments that day. */
function dayTotals(day, seed) {
	const t = { reads: 0, readCount: 0, ori: 0, oriCount: 0, share: 0, shareCount: 0, fav: 0, favCount: 0 };
	for (const a of massSent(articlesLive(day, seed))) {
		const v = daily(a, day - a.day, seed);
		for (const k of Object.keys(t)) t[k] += v[k];
	}
	return t;
}

function articleSummary(endpoint, day, seed) {
	const rows = [];
	for (const a of massSent(articlesLive(day, seed, 7))) {
		const v = daily(a, day - a.day, seed);
		// WeChat counts an article only when these add up to at least 3.
		if (v.reads + v.ori + v.share + v.shareCount + v.favCount < 3) continue;
		rows.push({
			ref_date: formatDate(day),
			msgid: a.msgid,
			title: a.title,
			int_page_read_user: v.reads,
			int_page_read_count: v.readCount,
			ori_page_read_user: v.ori,
			ori_page_read_count: v.oriCount,
			share_user: v.share,
			share_count: v.shareCount,
			add_to_fav_user: v.fav,
			add_to_fav_count: v.favCount,
		});
	}
	return rows;
}

const KANYIKAN_FROM = parseDate('2020-03-28');
const BASE_FIELDS = [
	'int_page_read_user',
	'int_page_read_count',
	'ori_page_read_user',
	'ori_page_read_count',
	'share_user',
	'share_count',
	'add_to_fav_user',
	'add_to_fav_count',
];
const BASE_VALUES = ['reads', 'readCount', 'ori', 'oriCount', 'share', 'shareCount', 'fav', 'favCount'];
// Where readers came from (int_page_from_<x>_read_user/_count) and where Moments shares came from.
const FROM = [
	['session', 0.5],
	['hist_msg', 0.05],
	['feed', 0.18],
	['friends', 0.14],
	['other', 0.04],
	['kanyikan', 0.05],
	['souyisou', 0.04],
].map(([from, share]) => ({
	from,
	share,
	user: `int_page_from_${from}_read_user`,
	count: `int_page_from_${from}_read_count`,
	late: /kanyikan|souyisou/.test(from),
}));
const FEED = [
	['session', 0.3],
	['feed', 0.1],
	['other', 0.02],
].map(([from, share]) => ({ from, share, user: `feed_share_from_${from}_user`, cnt: `feed_share_from_${from}_cnt` }));

/** Articles mass-sent on `day`, each with 7 days of cumulative totals in `details` (cut later). */
function articleTotal(endpoint, day, seed) {
	return massSent(articlesOn(day, seed)).map((a) => {
		const s = salted(seed, a.msgid);
		const base = new Array(BASE_FIELDS.length).fill(0);
		const from = FROM.map(() => [0, 0]);
		const feed = FEED.map(() => [0, 0]);
		const details = [];
		for (let k = 0; k < 7; k++) {
			const v = daily(a, k, seed);
			const statDay = a.day + k;
			const row = { stat_date: formatDate(statDay), target_user: a.reach };
			BASE_FIELDS.forEach((f, i) => (row[f] = base[i] += v[BASE_VALUES[i]]));
			FROM.forEach((x, i) => {
				const u = Math.round(v.reads * x.share * between(0.7, 1.3, s, k, x.from));
				from[i][0] += u;
				from[i][1] += Math.round(u * between(1.02, 1.2, s, k, x.from, 'c'));
				if (x.late && statDay < KANYIKAN_FROM) return;
				row[x.user] = from[i][0];
				row[x.count] = from[i][1];
			});
			FEED.forEach((x, i) => {
				const u = Math.round(v.share * x.share * between(0.7, 1.3, s, k, 'fs', x.from));
				row[x.user] = feed[i][0] += u;
				row[x.cnt] = feed[i][1] += Math.round(u * between(1, 1.1, s, k, 'fsc', x.from));
			});
			details.push(row);
		}
		// user_source and url are not in the documented table but real answers carry them.
		return { ref_date: formatDate(a.day), msgid: a.msgid, title: a.title, user_source: 0, url: a.url, details };
	});
}

/** Per channel: reads and shares; only the 99999999 (all) row has 原文页 and favourites. */
function userRead(endpoint, day, seed) {
	const s = salted(seed, endpoint);
	const t = dayTotals(day, seed);
	if (t.reads === 0) return [];
	const date = formatDate(day);
	const rows = [];
	for (const src of READ_SOURCES) {
		if (src.p !== undefined && unit(s, day, src.code, 'p') >= src.p) continue;
		const f = src.share * between(0.7, 1.3, s, day, src.code);
		const users = Math.round(t.reads * f);
		if (users <= 0) continue;
		rows.push({
			ref_date: date,
			user_source: src.code,
			int_page_read_user: users,
			int_page_read_count: Math.round(t.readCount * f),
			share_user: Math.round(t.share * f),
			share_count: Math.round(t.shareCount * f),
		});
	}
	rows.push({
		ref_date: date,
		user_source: ALL,
		int_page_read_user: t.reads,
		int_page_read_count: t.readCount,
		ori_page_read_user: t.ori,
		ori_page_read_count: t.oriCount,
		share_user: t.share,
		share_count: t.shareCount,
		add_to_fav_user: t.fav,
		add_to_fav_count: t.favCount,
	});
	return rows;
}

/** The day's channel rows spread over the hours; hours without reads have no rows. */
function userReadHour(endpoint, day, seed) {
	const s = salted(seed, endpoint);
	const dayRows = userRead('getuserread', day, seed);
	const rows = [];
	HOURS.forEach((share, h) => {
		for (const r of dayRows) {
			const f = (share / 1.3) * between(0.6, 1.4, s, day, h, r.user_source);
			const users = Math.round(r.int_page_read_user * f);
			if (users <= 0) continue;
			rows.push({
				ref_date: r.ref_date,
				ref_hour: h * 100,
				user_source: r.user_source,
				int_page_read_user: users,
				int_page_read_count: Math.max(users, Math.round(r.int_page_read_count * f)),
				share_user: Math.round(r.share_user * f),
				share_count: Math.round(r.share_count * f),
			});
		}
	});
	return rows;
}

function userShare(endpoint, day, seed) {
	const s = salted(seed, endpoint);
	const t = dayTotals(day, seed);
	const rows = [];
	for (const sc of SHARE_SCENES) {
		if (sc.p !== undefined && unit(s, day, sc.code, 'p') >= sc.p) continue;
		const f = sc.share * between(0.7, 1.3, s, day, sc.code);
		const users = Math.round(t.share * f);
		if (users <= 0) continue;
		rows.push({
			ref_date: formatDate(day),
			share_scene: sc.code,
			share_count: Math.max(users, Math.round(t.shareCount * f)),
			share_user: users,
		});
	}
	return rows;
}

function userShareHour(endpoint, day, seed) {
	const s = salted(seed, endpoint);
	const rows = [];
	const scenes = userShare('getusershare', day, seed);
	HOURS.forEach((share, h) => {
		for (const r of scenes) {
			const f = (share / 1.3) * between(0.5, 1.5, s, day, h, r.share_scene);
			const users = Math.round(r.share_user * f);
			if (users <= 0) continue;
			rows.push({
				ref_date: r.ref_date,
				ref_hour: h * 100,
				share_scene: r.share_scene,
				share_count: Math.max(users, Math.round(r.share_count * f)),
				share_user: users,
			});
		}
	});
	return rows;
}

module.exports = {
	READ_SOURCES,
	SHARE_SCENES,
	generators: { articleSummary, articleTotal, userRead, userReadHour, userShare, userShareHour },
};
