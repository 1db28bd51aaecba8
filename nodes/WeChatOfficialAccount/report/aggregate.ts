/**
 * The report's numbers from WeChat's rows, as plain functions (no requests, no n8n): follower
 * figures from getusersummary and getusercumulate, content figures from getbizsummary, the top
 * articles from getarticleread and getarticleshare, the rates derived from them, and the daily
 * series a chart needs. Rows are the node's flat rows (collectRows: `detail` lifted to the top).
 * Each formula is stated where it is computed, as the README states it.
 */
import type { IDataObject } from 'n8n-workflow';
import { PUBLISHED_CONTENT_FIRST_DAY } from '../apis';
import { FOLLOW_SOURCE_NAMES, unknownLabel } from '../apis/labels';
import type { Day } from '../dates/calendar';
import { daysOf, type DayRange } from './period';

export interface ChannelFigures {
	user_source: number;
	name: string;
	new: number;
	unfollowed: number;
	net: number;
}

export interface FollowerFigures {
	new: number;
	unfollowed: number;
	net: number;
	/** cumulate_user on the range's last day (null when WeChat returned no row for it). */
	total: number | null;
}

export interface ContentFigures {
	reads: number | null;
	shares: number | null;
	likes: number | null;
	zaikan: number | null;
	comments: number | null;
	favorites: number | null;
	articlesPublished: number | null;
	shareRate: number | null;
	likeRate: number | null;
}

export interface RankedArticle {
	msgid: string;
	reads: number;
	shares: number;
	/** The last day of the period the article was read: it was published on it or up to 29 days before. */
	lastRead: Day;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const inRange = (row: IDataObject, range: DayRange) => {
	const day = row.ref_date as string;
	return day >= range.begin && day <= range.end;
};

/** a ÷ b rounded to 4 decimals; null when either is missing or b is 0. */
export function ratio(a: number | null, b: number | null): number | null {
	if (a === null || b === null || b === 0) return null;
	return Math.round((a / b) * 10_000) / 10_000;
}

/** (current − previous) ÷ |previous| × 100, rounded to 1 decimal; null when either is missing or previous is 0. */
export function percentChange(current: number | null, previous: number | null): number | null {
	if (current === null || previous === null || previous === 0) return null;
	return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
}

/** Sums of new_user and cancel_user over the range (all channels), net = new − unfollowed, total = cumulate_user on its last day. */
export function followerFigures(summary: IDataObject[], cumulate: IDataObject[], range: DayRange): FollowerFigures {
	let added = 0;
	let lost = 0;
	for (const row of summary) {
		if (!inRange(row, range)) continue;
		added += num(row.new_user);
		lost += num(row.cancel_user);
	}
	const last = cumulate.find((row) => row.ref_date === range.end);
	return { new: added, unfollowed: lost, net: added - lost, total: last ? num(last.cumulate_user) : null };
}

/** Per channel with activity (new or unfollowed above 0), by user_source; names as Add Readable Fields names them. */
export function channelFigures(summary: IDataObject[], range: DayRange): ChannelFigures[] {
	const byCode = new Map<number, ChannelFigures>();
	for (const row of summary) {
		if (!inRange(row, range) || typeof row.user_source !== 'number') continue;
		const code = row.user_source;
		const entry = byCode.get(code) ?? {
			user_source: code,
			name: FOLLOW_SOURCE_NAMES[code] ?? unknownLabel(code),
			new: 0,
			unfollowed: 0,
			net: 0,
		};
		entry.new += num(row.new_user);
		entry.unfollowed += num(row.cancel_user);
		entry.net = entry.new - entry.unfollowed;
		byCode.set(code, entry);
	}
	return [...byCode.values()]
		.filter((entry) => entry.new > 0 || entry.unfollowed > 0)
		.sort((a, b) => a.user_source - b.user_source);
}

/** The part of a range that Published Content data covers (from 2025-11-01), or undefined. */
export function contentRange(range: DayRange): DayRange | undefined {
	if (range.end < PUBLISHED_CONTENT_FIRST_DAY) return undefined;
	return {
		begin: range.begin < PUBLISHED_CONTENT_FIRST_DAY ? PUBLISHED_CONTENT_FIRST_DAY : range.begin,
		end: range.end,
	};
}

/**
 * Sums of getbizsummary over the range: read_user (reads), share_user (shares), like_user (likes),
 * zaikan_user (zaikan), comment_count (comments), collection_user (favorites), send_page_count
 * (articlesPublished), counting days from 2025-11-01 only; shareRate = shares ÷ reads, likeRate =
 * likes ÷ reads. All null when the range ends before 2025-11-01.
 */
export function contentFigures(biz: IDataObject[], range: DayRange): ContentFigures {
	const counted = contentRange(range);
	if (!counted) {
		return {
			reads: null,
			shares: null,
			likes: null,
			zaikan: null,
			comments: null,
			favorites: null,
			articlesPublished: null,
			shareRate: null,
			likeRate: null,
		};
	}
	// Days before 2025-11-01 are not counted, whatever WeChat sends for them ("invalid data").
	const sum = (field: string) => biz.filter((row) => inRange(row, counted)).reduce((t, row) => t + num(row[field]), 0);
	const reads = sum('read_user');
	const shares = sum('share_user');
	const likes = sum('like_user');
	return {
		reads,
		shares,
		likes,
		zaikan: sum('zaikan_user'),
		comments: sum('comment_count'),
		favorites: sum('collection_user'),
		articlesPublished: sum('send_page_count'),
		shareRate: ratio(shares, reads),
		likeRate: ratio(likes, reads),
	};
}

/** The top `topN` articles by read_user summed over the period (getarticleread), ties by msgid; shares = share_user summed (getarticleshare). */
export function rankArticles(
	reads: IDataObject[],
	shares: IDataObject[],
	range: DayRange,
	topN: number,
): RankedArticle[] {
	const byMsgid = new Map<string, RankedArticle>();
	for (const row of reads) {
		if (!inRange(row, range)) continue;
		const msgid = String(row.msgid);
		const entry = byMsgid.get(msgid) ?? { msgid, reads: 0, shares: 0, lastRead: row.ref_date as Day };
		entry.reads += num(row.read_user);
		if ((row.ref_date as Day) > entry.lastRead) entry.lastRead = row.ref_date as Day;
		byMsgid.set(msgid, entry);
	}
	const top = [...byMsgid.values()]
		.sort((a, b) => b.reads - a.reads || (a.msgid < b.msgid ? -1 : a.msgid > b.msgid ? 1 : 0))
		.slice(0, topN);
	const wanted = new Map(top.map((entry) => [entry.msgid, entry]));
	for (const row of shares) {
		const entry = wanted.get(String(row.msgid));
		if (entry && inRange(row, range)) entry.shares += num(row.share_user);
	}
	return top;
}

/** The element of a cumulative detail_list with the latest stat_date on or before `day`. */
export function statAsOf(detailList: IDataObject[], day: Day): IDataObject | undefined {
	let best: IDataObject | undefined;
	for (const entry of detailList) {
		const stat = entry?.stat_date;
		if (typeof stat !== 'string' || stat > day) continue;
		if (!best || stat > (best.stat_date as string)) best = entry;
	}
	return best;
}

/** Mean of the given rates, rounded to 4 decimals; null when there is none. */
export function mean(values: Array<number | null>): number | null {
	const present = values.filter((value): value is number => typeof value === 'number');
	if (present.length === 0) return null;
	return Math.round((present.reduce((t, v) => t + v, 0) / present.length) * 10_000) / 10_000;
}

/** new_user − cancel_user per day of the range, all channels (0 on a day without rows). */
export function dailyNet(summary: IDataObject[], range: DayRange): number[] {
	const net = new Map<string, number>();
	for (const row of summary) {
		if (!inRange(row, range)) continue;
		const day = row.ref_date as string;
		net.set(day, (net.get(day) ?? 0) + num(row.new_user) - num(row.cancel_user));
	}
	return daysOf(range).map((day) => net.get(day) ?? 0);
}

/** getbizsummary read_user per day of the range (0 without a row; null before 2025-11-01). */
export function dailyReads(biz: IDataObject[], range: DayRange): Array<number | null> {
	const reads = new Map(biz.map((row) => [row.ref_date as string, num(row.read_user)]));
	return daysOf(range).map((day) => (day < PUBLISHED_CONTENT_FIRST_DAY ? null : (reads.get(day) ?? 0)));
}
