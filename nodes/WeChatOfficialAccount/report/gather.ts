/**
 * Fetches what one report needs, through the execution's window cache (a later item with the same
 * days asks WeChat nothing again) and within Parallel Requests: follower growth for the period and
 * the previous one (getusersummary), total followers on both last days (getusercumulate), the
 * account's daily content figures (getbizsummary), each day's article reads and shares
 * (getarticleread, getarticleshare) and, for the top articles only, their publish days
 * (getarticletotaldetail, newest first until each is found).
 */
import type { IDataObject } from 'n8n-workflow';
import { findApi, type DatacubeApi } from '../apis';
import type { ArticleIndex } from '../articleIndex';
import { daysBetween, FIRST_DATA_DAY } from '../dates/calendar';
import { planRequests } from '../dates/planRequests';
import { describeWindow, type FetchOptions } from '../fetchWindows';
import { collectRows } from '../rows/collectRows';
import type { WindowCache } from '../windowCache';
import { contentRange, rankArticles } from './aggregate';
import type { ReportSources } from './build';
import type { DayRange, ReportPeriods } from './period';

const api = (resource: string, operation: string) => findApi(resource, operation) as DatacubeApi;
const USER_SUMMARY = api('userAnalysis', 'getUserSummary');
const USER_CUMULATE = api('userAnalysis', 'getUserCumulate');
const BIZ_SUMMARY = api('publishedContent', 'getOverview');
const ARTICLE_READS = api('publishedContent', 'getArticleReads');
const ARTICLE_SHARES = api('publishedContent', 'getArticleShares');

export interface Gathered extends ReportSources {
	/** Windows whose newest figures WeChat marks as not final (is_delay). */
	delayed: string[];
}

export async function gatherSources(
	cache: WindowCache,
	articles: ArticleIndex,
	periods: ReportPeriods,
	topN: number,
	options: FetchOptions,
	now: number,
): Promise<Gathered> {
	const delayed: string[] = [];
	const rowsOf = async (source: DatacubeApi, range: DayRange | undefined): Promise<IDataObject[]> => {
		if (!range || range.end < (source.firstDay ?? FIRST_DATA_DAY)) return [];
		const plan = planRequests(source, { dateRange: 'custom', beginDate: range.begin, endDate: range.end }, now);
		const results = await cache.fetch(plan, options);
		for (const result of results)
			if (result.isDelay) delayed.push(`${describeWindow(result.window)} (${source.endpoint})`);
		return collectRows(
			plan,
			results.map((result) => result.list),
			{ addReadableFields: false },
		);
	};
	const { period, previous } = periods;
	const both = { begin: previous.begin, end: period.end };
	// Total followers are needed on the two last days only: one request when they are within one span.
	const lastDays =
		daysBetween(previous.end, period.end) < USER_CUMULATE.span
			? [{ begin: previous.end, end: period.end }]
			: [previous.end, period.end].map((day) => ({ begin: day, end: day }));
	const articleDays = topN > 0 ? contentRange(period) : undefined;
	const settled = await Promise.allSettled([
		rowsOf(USER_SUMMARY, both),
		Promise.all(lastDays.map((range) => rowsOf(USER_CUMULATE, range))).then((lists) => lists.flat()),
		rowsOf(BIZ_SUMMARY, contentRange(both)),
		rowsOf(ARTICLE_READS, articleDays),
		rowsOf(ARTICLE_SHARES, articleDays),
	]);
	const failed = settled.find((outcome) => outcome.status === 'rejected');
	if (failed) throw (failed as PromiseRejectedResult).reason;
	const [userSummary, userCumulate, bizSummary, reads, shares] = settled.map(
		(outcome) => (outcome as PromiseFulfilledResult<IDataObject[]>).value,
	);
	const ranked = articleDays ? rankArticles(reads, shares, articleDays, topN) : [];
	await articles.find(
		ranked.map((entry) => ({ msgid: entry.msgid, day: entry.lastRead })),
		options,
	);
	return {
		userSummary,
		userCumulate,
		bizSummary,
		ranked,
		article: (msgid, day) => articles.get(msgid, day),
		delayed,
	};
}
