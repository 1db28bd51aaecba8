/**
 * Published articles by msgid, from Get Article Details (getarticletotaldetail), which WeChat answers
 * by publish day, one day per request. An article read or shared on a day was published on that day
 * or up to 29 days before (WeChat counts an article's figures for 30 days), and never before
 * 2025-11-01 as far as these APIs know. Publish days are asked newest first, a few at a time, and
 * only while some wanted article is still missing, each day once per execution (the window cache).
 * msgid = <msg_data_id>_<index> carries no date, so there is no shorter way.
 */
import type { IDataObject } from 'n8n-workflow';
import { findApi, PUBLISHED_CONTENT_FIRST_DAY, type DatacubeApi } from './apis';
import { addDays, latestServedDay, maxDay, minDay, type Day } from './dates/calendar';
import { planRequests } from './dates/planRequests';
import type { FetchOptions } from './fetchWindows';
import { RowShapeError, describeRow } from './rows/RowShapeError';
import { isDate } from './rows/rowKeys';
import type { WindowCache } from './windowCache';

/** Days an article's figures are counted after publishing (the publish day and 29 more). */
export const ARTICLE_DAYS = 30;

export interface ArticleInfo {
	msgid: string;
	/** Publish day (ref_date of getarticletotaldetail). */
	published: Day;
	title: string | null;
	content_url: string | null;
	publish_type: unknown;
	/** WeChat's cumulative series, one element per stat_date. */
	detail_list: IDataObject[];
}

export interface WantedArticle {
	msgid: string;
	/** A day the article was read or shared: it was published on it or up to 29 days before. */
	day: Day;
}

/** The publish days that can hold an article seen on `day`, clamped to the days WeChat serves. */
export function publishWindow(day: Day, latest: Day): { begin: Day; end: Day } {
	return { begin: maxDay(addDays(day, 1 - ARTICLE_DAYS), PUBLISHED_CONTENT_FIRST_DAY), end: minDay(day, latest) };
}

function text(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

export class ArticleIndex {
	private readonly byMsgid = new Map<string, ArticleInfo>();
	private readonly fetched = new Set<Day>();
	private readonly api: DatacubeApi = findApi('publishedContent', 'getArticleDetails') as DatacubeApi;
	private readonly latest: Day;

	constructor(
		private readonly cache: WindowCache,
		private readonly now: number,
	) {
		this.latest = latestServedDay(now);
	}

	/** The article, when it was published within the publish window of `day`. */
	get(msgid: string, day: Day): ArticleInfo | undefined {
		const info = this.byMsgid.get(msgid);
		if (!info) return undefined;
		const { begin, end } = publishWindow(day, this.latest);
		return info.published >= begin && info.published <= end ? info : undefined;
	}

	/** Fetches publish days, newest first, until every wanted article is known or its window is exhausted. */
	async find(wanted: readonly WantedArticle[], options: FetchOptions): Promise<void> {
		for (;;) {
			const days = new Set<Day>();
			for (const { msgid, day } of wanted) {
				if (this.get(msgid, day)) continue;
				const { begin, end } = publishWindow(day, this.latest);
				for (let d = end; d >= begin; d = addDays(d, -1)) if (!this.fetched.has(d)) days.add(d);
			}
			if (days.size === 0) return;
			const batch = [...days].sort().reverse().slice(0, Math.max(1, options.parallelRequests));
			const range = planRequests(
				this.api,
				{ dateRange: 'custom', beginDate: batch[batch.length - 1], endDate: batch[0] },
				this.now,
			);
			const results = await this.cache.fetch(
				{ ...range, windows: batch.map((day) => ({ begin: day, end: day })) },
				options,
			);
			for (const result of results) {
				for (const raw of result.list) this.add(raw);
				this.fetched.add(result.window.begin);
			}
		}
	}

	private add(raw: unknown): void {
		const row = raw as IDataObject;
		if (typeof row !== 'object' || row === null || typeof row.msgid !== 'string' || !isDate(row.ref_date)) {
			throw new RowShapeError(
				`WeChat returned an article (getarticletotaldetail) without a msgid or publish date: ${describeRow(raw)}`,
			);
		}
		if (this.byMsgid.has(row.msgid)) return;
		this.byMsgid.set(row.msgid, {
			msgid: row.msgid,
			published: row.ref_date,
			title: text(row.title),
			content_url: text(row.content_url),
			publish_type: row.publish_type,
			detail_list: Array.isArray(row.detail_list) ? (row.detail_list as IDataObject[]) : [],
		});
	}
}
