/**
 * One report item from the rows WeChat returned for it (pure): the period and the previous one,
 * follower and content figures for both, changes in percent, the top articles with title, link and
 * rates, the daily series for a chart (one dataset per array entry, so that a Split Out node turns
 * them into the items n8n's QuickChart node draws, one dataset per item) and the Markdown text.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ArticleInfo } from '../articleIndex';
import type { Day } from '../dates/calendar';
import {
	channelFigures,
	contentFigures,
	contentRange,
	dailyNet,
	dailyReads,
	followerFigures,
	mean,
	percentChange,
	ratio,
	statAsOf,
	type ChannelFigures,
	type ContentFigures,
	type FollowerFigures,
	type RankedArticle,
} from './aggregate';
import { reportMarkdown, type Language } from './markdown';
import { dayCount, daysOf, type DayRange, type ReportPeriods, type ReportKind } from './period';

export interface ReportSources {
	userSummary: IDataObject[];
	userCumulate: IDataObject[];
	bizSummary: IDataObject[];
	ranked: RankedArticle[];
	article: (msgid: string, day: Day) => ArticleInfo | undefined;
}

export interface TopArticle {
	rank: number;
	msgid: string;
	title: string | null;
	content_url: string | null;
	reads: number;
	shares: number;
	shareRate: number | null;
	published: Day | null;
	completionRate: number | null;
	deliveryReadRate: number | null;
}

/** One chart dataset: what a QuickChart node takes from one item (labels are read from the first). */
export interface ChartDataset {
	label: string;
	labels: string[];
	data: Array<number | null>;
}

export interface AccountReport {
	kind: ReportKind;
	period: DayRange & { days: number };
	previousPeriod: DayRange & { days: number };
	followers: FollowerFigures & { growthRate: number | null; byChannel: ChannelFigures[] };
	content: ContentFigures & { topArticlesCompletionRate: number | null };
	/** First day the content figures count (2025-11-01 when the period starts earlier), null when none. */
	contentFrom: Day | null;
	previous: { followers: FollowerFigures; content: ContentFigures };
	change: {
		followersNew: number | null;
		followersUnfollowed: number | null;
		followersNet: number | null;
		reads: number | null;
		shares: number | null;
	};
	topArticles: TopArticle[];
	chart: { netFollowers: ChartDataset[]; reads: ChartDataset[] };
	markdown: string;
}

const CHART_LABELS = {
	zh: { net: '每日净增关注人数', reads: '阅读人数' },
	en: { net: 'Net followers per day', reads: 'Readers' },
};

const rate = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function topArticle(entry: RankedArticle, rank: number, sources: ReportSources, end: Day): TopArticle {
	const info = sources.article(entry.msgid, entry.lastRead);
	const stat = info ? statAsOf(info.detail_list, end) : undefined;
	return {
		rank,
		msgid: entry.msgid,
		title: info?.title ?? null,
		content_url: info?.content_url ?? null,
		reads: entry.reads,
		shares: entry.shares,
		shareRate: ratio(entry.shares, entry.reads),
		published: info?.published ?? null,
		completionRate: rate(stat?.read_finish_rate),
		deliveryReadRate: rate(stat?.read_delivery_rate),
	};
}

const withDays = (range: DayRange) => ({ ...range, days: dayCount(range) });
const label = (range: DayRange) => (range.begin === range.end ? range.begin : `${range.begin} – ${range.end}`);

export function buildReport(periods: ReportPeriods, sources: ReportSources, language: Language): AccountReport {
	const { period, previous } = periods;
	const current = followerFigures(sources.userSummary, sources.userCumulate, period);
	const before = followerFigures(sources.userSummary, sources.userCumulate, previous);
	const content = contentFigures(sources.bizSummary, period);
	const previousContent = contentFigures(sources.bizSummary, previous);
	const topArticles = sources.ranked.map((entry, i) => topArticle(entry, i + 1, sources, period.end));
	const names = CHART_LABELS[language];
	const report: Omit<AccountReport, 'markdown'> = {
		kind: periods.kind,
		period: withDays(period),
		previousPeriod: withDays(previous),
		followers: {
			...current,
			// net ÷ total followers at the end of the previous period
			growthRate: ratio(current.net, before.total),
			byChannel: channelFigures(sources.userSummary, period),
		},
		content: {
			...content,
			topArticlesCompletionRate: mean(topArticles.map((article) => article.completionRate)),
		},
		contentFrom: contentRange(period)?.begin ?? null,
		previous: { followers: before, content: previousContent },
		change: {
			followersNew: percentChange(current.new, before.new),
			followersUnfollowed: percentChange(current.unfollowed, before.unfollowed),
			followersNet: percentChange(current.net, before.net),
			reads: percentChange(content.reads, previousContent.reads),
			shares: percentChange(content.shares, previousContent.shares),
		},
		topArticles,
		chart: {
			netFollowers: [
				{
					label: names.net,
					labels: daysOf(period),
					data: dailyNet(sources.userSummary, period),
				},
			],
			reads: [period, previous].map((range) => ({
				label: `${names.reads} ${label(range)}`,
				labels: daysOf(range),
				data: dailyReads(sources.bizSummary, range),
			})),
		},
	};
	return { ...report, markdown: reportMarkdown(report, language) };
}

/** The hint for a period (or previous period) that starts before Published Content data does, if any. */
export function contentCoverageNote({ period, previous }: ReportPeriods): string | undefined {
	const current = contentRange(period);
	if (!current) {
		return `Get Account Report: ${label(period)} ends before 2025-11-01, when WeChat's Published Content data starts: reads, shares and rates are null and there are no top articles`;
	}
	const before = contentRange(previous);
	if (current.begin === period.begin && before?.begin === previous.begin) return undefined;
	const parts = [`this period from ${current.begin}`];
	parts.push(before ? `the previous period from ${before.begin}` : 'the previous period not at all (null)');
	return `Get Account Report: WeChat's Published Content data starts on 2025-11-01, so reads and shares count ${parts.join(', and ')}`;
}
