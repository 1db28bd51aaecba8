'use strict';
// The simulated accounts' publishing history and readership, shared by the article endpoints so that
// they agree with each other: a follower count per day, the articles published each day (mass sends,
// publish_type 0, from 2014-12-01; notification-free publishes, publish_type 1, from 2025-11-01), and
// each article's daily increments for the 30 days after it was published.

const { DATA_START, formatDate, parseDate } = require('./rules');
const { unit, between, salted } = require('./seeded');
const { SINCE_2025 } = require('./endpoints');

const FREE_PUBLISH_START = parseDate(SINCE_2025);
const SERIES_DAYS = 30;

/** Followers of the account at the end of a day: steady growth with a slow wave. */
function followers(day, seed = '') {
	const size = seed ? 0.3 + 1.4 * unit(seed, 'followers') : 1;
	const t = day - DATA_START;
	return Math.round(size * (18000 + 26 * t + 900 * Math.sin(t / 37) + 300 * Math.sin(t / 5.3)));
}

const TOPICS = [
	'本周活动预告',
	'会员福利上新',
	'门店开业通知',
	'产品使用小技巧',
	'用户故事',
	'行业观察',
	'节日特辑',
	'新品发布',
];

const articleCache = new Map();

/** The articles published on a day, in msgid order. */
function articlesOn(day, seed = '') {
	const key = `${seed}|${day}`;
	let list = articleCache.get(key);
	if (list) return list;
	list = [];
	if (day >= DATA_START) {
		const s = salted(seed, 'pub');
		const base = 2247480000 + (seed ? Math.floor(unit(seed, 'mid') * 500000) * 2 : 0) + (day - DATA_START) * 2;
		const sends = [];
		if (unit(s, day, 'mass') < 0.75) sends.push({ id: base, type: 0, count: 1 + Math.floor(unit(s, day, 'n') * 4) });
		if (day >= FREE_PUBLISH_START && unit(s, day, 'free') < 0.3) sends.push({ id: base + 1, type: 1, count: 1 });
		const date = formatDate(day);
		for (const send of sends) {
			for (let idx = 1; idx <= send.count; idx++) {
				const topic = TOPICS[Math.floor(unit(s, send.id, idx, 'topic') * TOPICS.length)];
				const sn = Math.floor(unit(s, send.id, idx, 'sn') * 2 ** 32)
					.toString(16)
					.padStart(8, '0');
				list.push({
					day,
					msgid: `${send.id}_${idx}`,
					title: `${topic}｜${date.slice(5, 7)}月${date.slice(8)}日${idx > 1 ? `（${idx}）` : ''}`,
					url: `http://mp.weixin.qq.com/s?__biz=MzI0NzQ4${seed ? 'MDAx' : 'MDAw'}MA==&mid=${send.id}&idx=${idx}&sn=${sn}#rd`,
					publishType: send.type,
					hasOriginal: unit(s, send.id, idx, 'ori') < 0.3,
					reach: followers(day - 1, seed),
					readRate: between(0.03, 0.13, s, send.id, idx, 'rate') / (1 + 0.6 * (idx - 1)) / (send.type === 1 ? 2.5 : 1),
				});
			}
		}
	}
	if (articleCache.size > 50000) articleCache.clear();
	articleCache.set(key, list);
	return list;
}

/** Articles published within the `days` days ending on `day` (day - days + 1 .. day), oldest first. */
function articlesLive(day, seed, days = SERIES_DAYS) {
	const out = [];
	for (let p = day - days + 1; p <= day; p++) out.push(...articlesOn(p, seed));
	return out;
}

// Readers of a published item by scene (2025 APIs: read_user_source scene_desc) and their shares.
const SCENES = [
	{ desc: '公众号消息', share: 0.42 },
	{ desc: '聊天会话', share: 0.16 },
	{ desc: '朋友圈', share: 0.12 },
	{ desc: '公众号主页', share: 0.05 },
	{ desc: '推荐', share: 0.13 },
	{ desc: '搜一搜', share: 0.06 },
	{ desc: '其他', share: 0.04 },
	{ desc: '视频号', share: 0.02, p: 0.1 }, // not in the documented list: a client must pass it through
];

const seriesCache = new Map(); // `${seed}|${msgid}` -> its daily increments, filled as asked

/** An article's increments on day k after publishing (k = 0 .. 29). */
function daily(article, k, seed = '') {
	const key = `${seed}|${article.msgid}`;
	let series = seriesCache.get(key);
	if (!series) {
		series = new Array(SERIES_DAYS);
		if (seriesCache.size > 20000) seriesCache.clear();
		seriesCache.set(key, series);
	}
	return (series[k] ??= increments(article, k, seed));
}

function increments(article, k, seed) {
	const s = salted(seed, article.msgid);
	const n = (name, lo = 0.8, hi = 1.2) => between(lo, hi, s, k, name);
	const reads = Math.round(article.reach * article.readRate * 0.45 * 0.55 ** k * n('read'));
	const scenes = [];
	for (const sc of SCENES) {
		if (sc.p !== undefined && unit(s, k, sc.desc, 'p') >= sc.p) continue;
		const c = Math.round(reads * sc.share * (k > 1 && sc.desc === '公众号消息' ? 0.5 : 1) * n(sc.desc, 0.6, 1.4));
		if (c > 0) scenes.push({ user_count: c, scene_desc: sc.desc });
	}
	const share = Math.round(reads * 0.025 * n('share'));
	const d = {
		reads,
		readCount: Math.round(reads * n('rc', 1.05, 1.2)),
		scenes,
		share,
		shareCount: Math.round(share * n('sc', 1.1, 1.4)),
		fav: Math.round(reads * 0.006 * n('fav')),
		ori: article.hasOriginal ? Math.round(reads * 0.02 * n('ori')) : 0,
		zaikan: Math.round(reads * 0.012 * n('zk')),
		like: Math.round(reads * 0.02 * n('lk')),
		comment: Math.round(reads * 0.002 * n('cm')),
		subscribe: Math.round(reads * 0.004 * n('sub')),
		praiseMoney: unit(s, k, 'praise') < 0.1 ? 100 * Math.ceil(10 * unit(s, k, 'pm')) : 0,
	};
	d.favCount = Math.round(d.fav * n('fc', 1, 1.1));
	d.oriCount = Math.round(d.ori * n('oc', 1, 1.3));
	return d;
}

module.exports = { followers, articlesOn, articlesLive, daily, SCENES, SERIES_DAYS };
