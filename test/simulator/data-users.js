'use strict';
// User analysis rows (getusersummary, getusercumulate) and interface analysis rows
// (getinterfacesummary, getinterfacesummaryhour) for one day. Field names as WeChat documents them.

const { formatDate, parseDate } = require('./rules');
const { unit, between, salted, HOURS, weekday } = require('./seeded');
const { followers } = require('./articles');

const d = (s) => parseDate(s);
// Follow channels (user_source) with their share of new followers and the chance they appear on a day
// (only channels with activity are listed); from/until follow the documented enum history.
const FOLLOW_SOURCES = [
	{ code: 0, share: 0.22, p: 1 }, // 其他合计
	{ code: 1, share: 0.3, p: 0.98 }, // 公众号搜索
	{ code: 17, share: 0.06, p: 0.6 }, // 名片分享
	{ code: 30, share: 0.2, p: 0.95 }, // 扫描二维码
	{ code: 51, share: 0.03, p: 0.4, from: d('2016-01-01'), until: d('2023-05-31') }, // 支付后关注, folded into 0 since 2023-06
	{ code: 57, share: 0.08, p: 0.85, from: d('2016-01-01') }, // 文章内账号名称
	{ code: 100, share: 0.05, p: 0.5, from: d('2020-06-01') }, // 微信广告
	{ code: 149, share: 0.02, p: 0.3, from: d('2019-01-01') }, // 小程序关注
	{ code: 161, share: 0.04, p: 0.6, from: d('2020-04-01') }, // 他人转载
	{ code: 200, share: 0.03, p: 0.5, from: d('2021-01-01') }, // 视频号
	{ code: 201, share: 0.01, p: 0.25, from: d('2021-06-01') }, // 直播
	{ code: 202, share: 0.01, p: 0.08, from: d('2024-01-01') }, // undocumented: clients label it "unknown (202)"
];

function userSummary(endpoint, day, seed) {
	const s = salted(seed, endpoint);
	const date = formatDate(day);
	const base = followers(day, seed) * 0.004 * weekday(day) * between(0.7, 1.3, s, day, 'new');
	const rows = [];
	for (const src of FOLLOW_SOURCES) {
		if ((src.from !== undefined && day < src.from) || (src.until !== undefined && day > src.until)) continue;
		if (src.p < 1 && unit(s, day, src.code, 'p') >= src.p) continue;
		const newUser = Math.round(base * src.share * between(0.6, 1.4, s, day, src.code, 'n'));
		const cancelUser = Math.round(base * 0.35 * src.share * between(0.3, 1.7, s, day, src.code, 'c'));
		if (newUser + cancelUser === 0) continue;
		rows.push({ ref_date: date, user_source: src.code, new_user: newUser, cancel_user: cancelUser });
	}
	return rows;
}

/** One row a day; real answers carry an undocumented user_source 0, kept here. */
function userCumulate(endpoint, day, seed) {
	return [{ ref_date: formatDate(day), user_source: 0, cumulate_user: followers(day, seed) }];
}

function interfaceDay(s, day, seed) {
	const callbacks = Math.max(
		1,
		Math.round(followers(day, seed) * 0.05 * weekday(day) * between(0.7, 1.3, s, day, 'cb')),
	);
	return {
		callbacks,
		fails: Math.round(callbacks * between(0.0005, 0.006, s, day, 'fail')),
		avgMs: between(80, 450, s, day, 'avg'),
		maxMs: Math.round(between(900, 5050, s, day, 'max')),
	};
}

function interfaceSummary(endpoint, day, seed) {
	const v = interfaceDay(salted(seed, 'interface'), day, seed);
	return [
		{
			ref_date: formatDate(day),
			callback_count: v.callbacks,
			fail_count: v.fails,
			total_time_cost: Math.round(v.callbacks * v.avgMs),
			max_time_cost: v.maxMs,
		},
	];
}

/** Hours with passive replies only (an hour without any has no row). */
function interfaceSummaryHour(endpoint, day, seed) {
	const s = salted(seed, 'interface');
	const v = interfaceDay(s, day, seed);
	const rows = [];
	HOURS.forEach((share, h) => {
		const callbacks = Math.round(((v.callbacks * share) / 1.3) * between(0.7, 1.3, s, day, h, 'hcb'));
		if (callbacks <= 0) return;
		const avg = v.avgMs * between(0.8, 1.2, s, day, h, 'havg');
		rows.push({
			ref_date: formatDate(day),
			ref_hour: h * 100,
			callback_count: callbacks,
			fail_count: Math.round(callbacks * between(0.0005, 0.006, s, day, h, 'hfail')),
			total_time_cost: Math.round(callbacks * avg),
			max_time_cost: Math.round(Math.max(avg, v.maxMs * between(0.3, 1, s, day, h, 'hmax'))),
		});
	});
	return rows;
}

module.exports = {
	FOLLOW_SOURCES,
	generators: { userSummary, userCumulate, interfaceSummary, interfaceSummaryHour },
};
