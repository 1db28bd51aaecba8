'use strict';
// The datacube endpoints the simulator serves. span: max days per request (inclusive, WeChat's
// "end - begin < span"); grain: what ref_date labels (day / hour rows of a day / week Monday / month 1st);
// kind: which generator makes the rows (data.js); since: first day with data ('2014-12-01' unless
// given); byPublish: the range selects publish dates and each article brings its stat_date series
// (series: the nested list, seriesDays: its longest length); isDelay: the answer has top-level is_delay;
// retired: WeChat has taken the API offline and answers 47009 (WECHAT-2026.md §1) unless option serveRetired.
// Spans of the 2025 APIs are uncertain in the reference: 1 / 30 as the published-content table, `spans` overrides.

const SINCE_2025 = '2025-11-01';

const ENDPOINTS = Object.freeze({
	// message summary (WECHAT-DATACUBE.md)
	getupstreammsg: { span: 7, grain: 'day', kind: 'msg' },
	getupstreammsghour: { span: 1, grain: 'hour', kind: 'msg' },
	getupstreammsgweek: { span: 30, grain: 'week', kind: 'msg' },
	getupstreammsgmonth: { span: 30, grain: 'month', kind: 'msg' },
	getupstreammsgdist: { span: 15, grain: 'day', kind: 'dist' },
	getupstreammsgdistweek: { span: 30, grain: 'week', kind: 'dist' },
	getupstreammsgdistmonth: { span: 30, grain: 'month', kind: 'dist' },
	// user analysis (DATACUBE-MORE.md §2)
	getusersummary: { span: 7, grain: 'day', kind: 'userSummary' },
	getusercumulate: { span: 7, grain: 'day', kind: 'userCumulate' },
	// published content, 2025 (§7)
	getbizsummary: { span: 30, grain: 'day', kind: 'bizSummary', since: SINCE_2025, isDelay: true },
	getarticleread: { span: 1, grain: 'day', kind: 'articleRead', since: SINCE_2025, isDelay: true },
	getarticleshare: { span: 1, grain: 'day', kind: 'articleShare', since: SINCE_2025, isDelay: true },
	getarticletotaldetail: {
		span: 1,
		grain: 'day',
		kind: 'articleTotalDetail',
		since: SINCE_2025,
		isDelay: true,
		byPublish: true,
		series: 'detail_list',
		seriesDays: 30,
	},
	// article analysis, classic (§3): mass-sent articles only; retired (WECHAT-2026.md §1)
	getarticlesummary: { span: 1, grain: 'day', kind: 'articleSummary', retired: true },
	getarticletotal: {
		span: 1,
		grain: 'day',
		kind: 'articleTotal',
		byPublish: true,
		series: 'details',
		seriesDays: 7,
		retired: true,
	},
	getuserread: { span: 3, grain: 'day', kind: 'userRead', retired: true },
	getuserreadhour: { span: 1, grain: 'hour', kind: 'userReadHour', retired: true },
	getusershare: { span: 7, grain: 'day', kind: 'userShare', retired: true },
	getusersharehour: { span: 1, grain: 'hour', kind: 'userShareHour', retired: true },
	// interface analysis (§4)
	getinterfacesummary: { span: 30, grain: 'day', kind: 'interfaceSummary' },
	getinterfacesummaryhour: { span: 1, grain: 'hour', kind: 'interfaceSummaryHour' },
});

/** The six classic article analysis endpoints, which WeChat retired in 2026 (errcode 47009, WECHAT-2026.md §1). */
const CLASSIC_ARTICLE_ENDPOINTS = Object.freeze([
	'getarticlesummary',
	'getarticletotal',
	'getuserread',
	'getuserreadhour',
	'getusershare',
	'getusersharehour',
]);

module.exports = { ENDPOINTS, SINCE_2025, CLASSIC_ARTICLE_ENDPOINTS };
