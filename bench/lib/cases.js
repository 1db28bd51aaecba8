'use strict';
/**
 * The bench's backfills: fixed custom ranges in the past (ending 2025-12-31, or in 2026 for the 2025
 * APIs, whose data starts on 2025-11-01), at least one per (grain, span) of the APIs WeChat still
 * answers. The classic article APIs (getarticlesummary ... getusersharehour) are retired (errcode
 * 47009): their replacements getarticleread, getarticleshare, getbizsummary and getarticletotaldetail
 * are measured instead.
 *
 * `realSpan`: the simulator answers that many days per request for the case's endpoint (its `spans`
 * option: WeChat's real span narrower than documented); the node has to learn it. Its minimum is
 * computed at the real span, and its rejected requests (61501) are the discovery calls.
 */
const { API_RULES } = require('./apis');

const CASES = [
	{ id: 'hourly-1y', label: '365 days hourly', operation: 'getHourly', begin: '2025-01-01', end: '2025-12-31' },
	{ id: 'daily-3y', label: '3 years daily', operation: 'getDaily', begin: '2023-01-01', end: '2025-12-31' },
	{
		id: 'dist-3y',
		label: '3 years daily distribution',
		operation: 'getDailyDistribution',
		begin: '2023-01-01',
		end: '2025-12-31',
	},
	{ id: 'weekly-3y', label: '3 years weekly', operation: 'getWeekly', begin: '2023-01-01', end: '2025-12-31' },
	{ id: 'monthly-5y', label: '5 years monthly', operation: 'getMonthly', begin: '2021-01-01', end: '2025-12-31' },
	{
		id: 'users-3y',
		label: '3 years daily follower growth',
		operation: 'getUserSummary',
		begin: '2023-01-01',
		end: '2025-12-31',
	},
	{
		id: 'learned-span-1y',
		label: '1 year daily follower growth, WeChat answering 2 days per request (7 documented)',
		operation: 'getUserSummary',
		begin: '2025-01-01',
		end: '2025-12-31',
		realSpan: 2,
	},
	{
		id: 'interface-3y',
		label: '3 years daily interface summary',
		operation: 'getInterfaceSummary',
		begin: '2023-01-01',
		end: '2025-12-31',
	},
	{
		id: 'overview-clamped',
		label: 'published content overview, from 2025-01-01 (clamped to 2025-11-01)',
		operation: 'getOverview',
		begin: '2025-01-01',
		end: '2026-10-31',
	},
	{
		id: 'article-reads-90d',
		label: '90 days of article reads',
		operation: 'getArticleReads',
		begin: '2025-11-01',
		end: '2026-01-29',
	},
	{
		id: 'article-shares-90d',
		label: '90 days of article shares',
		operation: 'getArticleShares',
		begin: '2025-11-01',
		end: '2026-01-29',
	},
	{
		id: 'article-details-90d',
		label: '90 publish days of article series (nested, flattened)',
		operation: 'getArticleDetails',
		begin: '2025-11-01',
		end: '2026-01-29',
	},
].map((c) => ({ ...c, resource: API_RULES[c.operation].resource }));

/**
 * The most rejected requests (61501) a learned-span case may make: the windows in flight when the first
 * rejection comes, plus a binary search from the documented span down to the real one.
 */
const discoveryBound = (testCase, parallelRequests) =>
	parallelRequests + Math.ceil(Math.log2(API_RULES[testCase.operation].span));

module.exports = { CASES, discoveryBound };
