'use strict';
// Published-content rows of the 2025 APIs (getbizsummary, getarticleread, getarticleshare,
// getarticletotaldetail): every published item (mass-sent, publish_type 0, and notification-free,
// publish_type 1), figures in a `detail` object or a `detail_list` series. Stat days before
// 2025-11-01 have no data (data.js applies `since`).

const { formatDate } = require('./rules');
const { between, salted } = require('./seeded');
const { articlesOn, articlesLive, daily, SERIES_DAYS } = require('./articles');

/** read_user_source: 全部 first, then every scene with readers (sparse). */
function readSources(total, scenes) {
	return [{ user_count: total, scene_desc: '全部' }, ...scenes.map((x) => ({ ...x }))];
}

function articleRead(endpoint, day, seed) {
	const rows = [];
	for (const a of articlesLive(day, seed)) {
		const v = daily(a, day - a.day, seed);
		if (v.reads <= 0) continue;
		rows.push({
			ref_date: formatDate(day),
			msgid: a.msgid,
			detail: { read_user: v.reads, read_user_source: readSources(v.reads, v.scenes) },
		});
	}
	return rows;
}

/** Only items whose shares changed that day ("no change: empty"). */
function articleShare(endpoint, day, seed) {
	const rows = [];
	for (const a of articlesLive(day, seed)) {
		const v = daily(a, day - a.day, seed);
		if (v.share > 0) rows.push({ ref_date: formatDate(day), msgid: a.msgid, detail: { share_user: v.share } });
	}
	return rows;
}

function bizSummary(endpoint, day, seed) {
	const t = { read: 0, share: 0, zaikan: 0, like: 0, comment: 0, collection: 0, ori: 0 };
	const scenes = new Map();
	for (const a of articlesLive(day, seed)) {
		const v = daily(a, day - a.day, seed);
		t.read += v.reads;
		t.share += v.share;
		t.zaikan += v.zaikan;
		t.like += v.like;
		t.comment += v.comment;
		t.collection += v.fav;
		t.ori += v.ori;
		for (const sc of v.scenes) scenes.set(sc.scene_desc, (scenes.get(sc.scene_desc) || 0) + sc.user_count);
	}
	const read = Math.round(t.read * 0.93); // the same person reading two items counts once
	return [
		{
			ref_date: formatDate(day),
			detail: {
				read_user: read,
				read_user_source: readSources(
					read,
					[...scenes].map(([scene_desc, user_count]) => ({ user_count, scene_desc })),
				),
				share_user: t.share,
				zaikan_user: t.zaikan,
				like_user: t.like,
				comment_count: t.comment,
				collection_user: t.collection,
				redirect_ori_page_user: t.ori,
				send_page_count: articlesOn(day, seed).length,
			},
		},
	];
}

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Items published on `day`, each with up to 30 days of cumulative figures in detail_list (cut later). */
function articleTotalDetail(endpoint, day, seed) {
	return articlesOn(day, seed).map((a) => {
		const s = salted(seed, a.msgid);
		const sum = { reads: 0, share: 0, zaikan: 0, like: 0, comment: 0, fav: 0, praiseMoney: 0, subscribe: 0 };
		const scenes = new Map();
		const finish = between(0.25, 0.6, s, 'finish');
		const activeMinutes = between(0.6, 3.5, s, 'active');
		const detailList = [];
		for (let k = 0; k < SERIES_DAYS; k++) {
			const v = daily(a, k, seed);
			for (const f of Object.keys(sum)) sum[f] += v[f];
			for (const sc of v.scenes) scenes.set(sc.scene_desc, (scenes.get(sc.scene_desc) || 0) + sc.user_count);
			let left = 1;
			const jump = [1, 2, 3, 4, 5].map((position) => {
				const rate = position === 5 ? left : round(left * between(0.15, 0.45, s, k, 'jump', position), 4);
				left = round(left - rate, 4);
				return { position, rate: round(rate, 4) };
			});
			detailList.push({
				stat_date: formatDate(a.day + k),
				read_user: sum.reads,
				read_user_source: readSources(
					sum.reads,
					[...scenes].map(([scene_desc, user_count]) => ({ user_count, scene_desc })),
				),
				share_user: sum.share,
				zaikan_user: sum.zaikan,
				like_user: sum.like,
				comment_count: sum.comment,
				collection_user: sum.fav,
				praise_money: sum.praiseMoney,
				read_subscribe_user: sum.subscribe,
				read_delivery_rate: round(sum.reads / Math.max(1, a.reach), 4),
				read_finish_rate: round(finish * between(0.95, 1.05, s, k, 'fin'), 4),
				read_avg_activetime: round(activeMinutes * between(0.95, 1.05, s, k, 'act'), 2),
				read_jump_position: jump,
			});
		}
		return {
			ref_date: formatDate(a.day),
			msgid: a.msgid,
			publish_type: a.publishType,
			title: a.title,
			content_url: a.url.replace('http://', 'https://').replace('#rd', ''),
			detail_list: detailList,
		};
	});
}

module.exports = { generators: { bizSummary, articleRead, articleShare, articleTotalDetail } };
