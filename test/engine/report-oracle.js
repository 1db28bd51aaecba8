/**
 * What Report → Get Account Report must output, computed here from the simulator's raw rows
 * (sim.expectedRows: WeChat's answers, unflattened) and date-fns in China time, with none of the
 * node's code: the field table, the README's formulas, written out again.
 */
const { TZDate } = require('@date-fns/tz');
const {
	addDays,
	differenceInCalendarDays,
	eachDayOfInterval,
	endOfMonth,
	format,
	isSunday,
	previousSunday,
	startOfMonth,
	subDays,
	subMonths,
} = require('date-fns');

const ZONE = 'Asia/Shanghai';
const CONTENT_FROM = '2025-11-01';
const day = (text) => new TZDate(`${text}T12:00:00+08:00`, ZONE);
const text = (date) => format(date, 'yyyy-MM-dd');
const shift = (d, n) => text(addDays(day(d), n));
const days = ({ begin, end }) => eachDayOfInterval({ start: day(begin), end: day(end) }).map(text);

/** The names the node gives follow channels (README, Add Readable Fields). */
const CHANNEL = {
	0: 'other',
	1: 'account search',
	17: 'business card share',
	30: 'QR code scan',
	51: 'follow after payment',
	57: 'account name in article',
	100: 'WeChat ads',
	149: 'mini program',
	161: 'reposted by others',
	200: 'Channels',
	201: 'live stream',
};

/** The latest day WeChat serves: yesterday from 08:00 China time, the day before until then. */
function latestServed(nowMs) {
	const now = new TZDate(nowMs, ZONE);
	return text(subDays(now, now.getHours() >= 8 ? 1 : 2));
}

/** { period, previous } for a Date Range at nowMs. */
function periodsFor(dateRange, nowMs, custom = {}) {
	const latest = latestServed(nowMs);
	let period;
	if (dateRange === 'yesterday') period = { begin: latest, end: latest };
	else if (dateRange === 'last7Days') period = { begin: shift(latest, -6), end: latest };
	else if (dateRange === 'lastWeek') {
		const sunday = isSunday(day(latest)) ? day(latest) : previousSunday(day(latest));
		period = { begin: text(subDays(sunday, 6)), end: text(sunday) };
	} else if (dateRange === 'lastMonth') {
		const last = text(endOfMonth(day(latest))) === latest ? day(latest) : endOfMonth(subMonths(day(latest), 1));
		period = { begin: text(startOfMonth(last)), end: text(last) };
	} else period = { begin: custom.begin, end: custom.end < latest ? custom.end : latest };
	let previous;
	if (dateRange === 'lastWeek') previous = { begin: shift(period.begin, -7), end: shift(period.end, -7) };
	else if (dateRange === 'lastMonth') {
		const month = subMonths(day(period.begin), 1);
		previous = { begin: text(startOfMonth(month)), end: text(endOfMonth(month)) };
	} else {
		const n = differenceInCalendarDays(day(period.end), day(period.begin)) + 1;
		previous = { begin: shift(period.begin, -n), end: shift(period.begin, -1) };
	}
	return { period, previous };
}

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;
const rate = (a, b) => (a === null || b === null || b === 0 ? null : round(a / b, 4));
const change = (a, b) => (a === null || b === null || b === 0 ? null : round(((a - b) / Math.abs(b)) * 100, 1));
const sum = (rows, get) => rows.reduce((total, row) => total + get(row), 0);

function followers(sim, range) {
	const rows = sim.expectedRows('getusersummary', range.begin, range.end);
	const added = sum(rows, (r) => r.new_user);
	const lost = sum(rows, (r) => r.cancel_user);
	const last = sim.expectedRows('getusercumulate', range.end, range.end)[0];
	return { new: added, unfollowed: lost, net: added - lost, total: last ? last.cumulate_user : null };
}

function channels(sim, range) {
	const byCode = {};
	for (const r of sim.expectedRows('getusersummary', range.begin, range.end)) {
		const c = (byCode[r.user_source] ??= { user_source: r.user_source, new: 0, unfollowed: 0 });
		c.new += r.new_user;
		c.unfollowed += r.cancel_user;
	}
	return Object.values(byCode)
		.filter((c) => c.new > 0 || c.unfollowed > 0)
		.sort((a, b) => a.user_source - b.user_source)
		.map((c) => ({
			user_source: c.user_source,
			name: CHANNEL[c.user_source] ?? `unknown (${c.user_source})`,
			new: c.new,
			unfollowed: c.unfollowed,
			net: c.new - c.unfollowed,
		}));
}

const contentDays = (range) =>
	range.end < CONTENT_FROM ? null : { begin: range.begin < CONTENT_FROM ? CONTENT_FROM : range.begin, end: range.end };

function content(sim, range) {
	const covered = contentDays(range);
	const fields = ['reads', 'shares', 'likes', 'zaikan', 'comments', 'favorites', 'articlesPublished'];
	if (!covered) return Object.fromEntries([...fields, 'shareRate', 'likeRate'].map((f) => [f, null]));
	const rows = sim.expectedRows('getbizsummary', covered.begin, covered.end).map((r) => r.detail);
	const c = {
		reads: sum(rows, (d) => d.read_user),
		shares: sum(rows, (d) => d.share_user),
		likes: sum(rows, (d) => d.like_user),
		zaikan: sum(rows, (d) => d.zaikan_user),
		comments: sum(rows, (d) => d.comment_count),
		favorites: sum(rows, (d) => d.collection_user),
		articlesPublished: sum(rows, (d) => d.send_page_count),
	};
	return { ...c, shareRate: rate(c.shares, c.reads), likeRate: rate(c.likes, c.reads) };
}

function topArticles(sim, range, topN) {
	const covered = contentDays(range);
	if (!covered || topN === 0) return [];
	const read = {};
	for (const d of days(covered)) {
		for (const r of sim.expectedRows('getarticleread', d, d)) {
			const a = (read[r.msgid] ??= { msgid: r.msgid, reads: 0, shares: 0 });
			a.reads += r.detail.read_user;
		}
	}
	const top = Object.values(read)
		.sort((a, b) => b.reads - a.reads || (a.msgid < b.msgid ? -1 : 1))
		.slice(0, topN);
	for (const d of days(covered)) {
		for (const r of sim.expectedRows('getarticleshare', d, d)) {
			const a = top.find((t) => t.msgid === r.msgid);
			if (a) a.shares += r.detail.share_user;
		}
	}
	const firstPublish = shift(covered.begin, -29) < CONTENT_FROM ? CONTENT_FROM : shift(covered.begin, -29);
	const published = sim.expectedRows('getarticletotaldetail', firstPublish, range.end);
	return top.map((a, i) => {
		const article = published.find((p) => p.msgid === a.msgid);
		const stats = (article?.detail_list ?? []).filter((s) => s.stat_date <= range.end);
		const asOf = stats.sort((x, y) => (x.stat_date < y.stat_date ? 1 : -1))[0];
		return {
			rank: i + 1,
			msgid: a.msgid,
			title: article ? article.title : null,
			content_url: article ? article.content_url : null,
			reads: a.reads,
			shares: a.shares,
			shareRate: rate(a.shares, a.reads),
			published: article ? article.ref_date : null,
			completionRate: asOf ? asOf.read_finish_rate : null,
			deliveryReadRate: asOf ? asOf.read_delivery_rate : null,
		};
	});
}

function dailyNet(sim, range) {
	const rows = sim.expectedRows('getusersummary', range.begin, range.end);
	return days(range).map((d) =>
		sum(
			rows.filter((r) => r.ref_date === d),
			(r) => r.new_user - r.cancel_user,
		),
	);
}

function dailyReads(sim, range) {
	return days(range).map((d) => {
		if (d < CONTENT_FROM) return null;
		const row = sim.expectedRows('getbizsummary', d, d)[0];
		return row ? row.detail.read_user : 0;
	});
}

/** The whole report item except markdown (checked separately). */
function expectedReport(sim, { period, previous }, { topN = 5, language = 'zh', kind }) {
	const now = followers(sim, period);
	const before = followers(sim, previous);
	const c = content(sim, period);
	const p = content(sim, previous);
	const top = topArticles(sim, period, topN);
	const rates = top.map((a) => a.completionRate).filter((r) => r !== null);
	const label = (r) => (r.begin === r.end ? r.begin : `${r.begin} – ${r.end}`);
	const words = language === 'zh' ? ['每日净增关注人数', '阅读人数'] : ['Net followers per day', 'Readers'];
	const n = (r) => differenceInCalendarDays(day(r.end), day(r.begin)) + 1;
	return {
		kind,
		period: { ...period, days: n(period) },
		previousPeriod: { ...previous, days: n(previous) },
		followers: { ...now, growthRate: rate(now.net, before.total), byChannel: channels(sim, period) },
		content: {
			...c,
			topArticlesCompletionRate: rates.length ? round(sum(rates, (r) => r) / rates.length, 4) : null,
		},
		contentFrom: contentDays(period)?.begin ?? null,
		previous: { followers: before, content: p },
		change: {
			followersNew: change(now.new, before.new),
			followersUnfollowed: change(now.unfollowed, before.unfollowed),
			followersNet: change(now.net, before.net),
			reads: change(c.reads, p.reads),
			shares: change(c.shares, p.shares),
		},
		topArticles: top,
		chart: {
			netFollowers: [{ label: words[0], labels: days(period), data: dailyNet(sim, period) }],
			reads: [period, previous].map((r) => ({
				label: `${words[1]} ${label(r)}`,
				labels: days(r),
				data: dailyReads(sim, r),
			})),
		},
	};
}

/** 1234567 -> "1,234,567" (Intl, as an operator reads it). */
const grouped = (n) => new Intl.NumberFormat('en-US').format(n);

module.exports = { periodsFor, expectedReport, latestServed, grouped, CONTENT_FROM };
