/**
 * The report as Markdown for a group bot, in Chinese (the 公众号后台's terms) or English: the period,
 * the figures with their change against the previous period in percent, and the top articles as
 * links. It uses only what WeCom's markdown, Feishu's card markdown and Slack's markdown block all
 * render (bold, quotes, lists, links), and stays within WeCom's 4,096 bytes (UTF-8): longer text is
 * cut after the last whole line that fits, and a marker line says so.
 */
import type { AccountReport } from './build';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** WeCom group bot: markdown.content at most 4,096 bytes. */
export const MAX_MARKDOWN_BYTES = 4096;

/** The 公众号后台's names of the follow channels (getusersummary user_source). */
const CHANNELS_ZH: Readonly<Record<number, string>> = {
	0: '其他合计',
	1: '公众号搜索',
	17: '名片分享',
	30: '扫描二维码',
	35: '搜号码',
	39: '查询公众号',
	43: '图文页右上角菜单',
	51: '支付后关注',
	57: '文章内账号名称',
	75: '公众号文章广告',
	78: '朋友圈广告',
	100: '微信广告',
	149: '小程序关注',
	161: '他人转载',
	200: '视频号',
	201: '直播',
};

const TEXT = {
	zh: {
		title: { daily: '公众号日报', weekly: '公众号周报', monthly: '公众号月报', range: '公众号数据报告' },
		to: ' 至 ',
		previous: '对比上期',
		followers: '用户增长',
		new: '新关注人数',
		unfollowed: '取消关注人数',
		net: '净增关注人数',
		total: '累积关注人数',
		growthRate: '净增率',
		channels: '主要关注来源',
		content: '内容表现',
		reads: '阅读人数',
		shares: '分享人数',
		shareRate: '分享率',
		likeRate: '点赞率',
		completion: 'Top 文章平均阅读完成率',
		noContent: '2025-11-01 之前没有已发表内容的数据',
		partContent: (from: string) => `已发表内容的数据从 ${from} 起计`,
		top: (n: number) => `阅读 Top ${n}`,
		noArticles: '本期没有文章被阅读',
		readsShort: '阅读',
		sharesShort: '分享',
		separator: '；',
		list: '、',
		colon: '：',
		bar: '｜',
		open: '（',
		close: '）',
		truncated: '……（内容超过 4096 字节，已截断）',
		channel: (code: number, name: string) => CHANNELS_ZH[code] ?? name,
	},
	en: {
		title: { daily: 'Daily report', weekly: 'Weekly report', monthly: 'Monthly report', range: 'Report' },
		to: ' to ',
		previous: 'Compared with',
		followers: 'Followers',
		new: 'New followers',
		unfollowed: 'Unfollows',
		net: 'Net followers',
		total: 'Total followers',
		growthRate: 'growth rate',
		channels: 'Top channels',
		content: 'Content',
		reads: 'Readers',
		shares: 'Sharers',
		shareRate: 'share rate',
		likeRate: 'Like rate',
		completion: 'Average completion rate of the top articles',
		noContent: 'No published content data before 2025-11-01',
		partContent: (from: string) => `Published content counted from ${from}`,
		top: (n: number) => `Top ${n} articles by readers`,
		noArticles: 'No article was read in this period',
		readsShort: 'readers',
		sharesShort: 'sharers',
		separator: '; ',
		list: ', ',
		colon: ': ',
		bar: ' | ',
		open: ' (',
		close: ')',
		truncated: '… (cut: longer than 4,096 bytes)',
		channel: (_code: number, name: string) => name,
	},
} as const;

/** Bytes of the text in UTF-8. */
export function utf8Bytes(text: string): number {
	let bytes = 0;
	for (const char of text) {
		const code = char.codePointAt(0) as number;
		bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
	}
	return bytes;
}

/** The lines joined by newlines; when longer than `max` bytes, the lines that fit and then the marker line. */
export function fitLines(lines: string[], marker: string, max = MAX_MARKDOWN_BYTES): string {
	const whole = lines.join('\n');
	if (utf8Bytes(whole) <= max) return whole;
	const budget = max - utf8Bytes(marker);
	const kept: string[] = [];
	let used = 0;
	for (const line of lines) {
		const cost = utf8Bytes(line) + 1; // the line and its newline
		if (used + cost > budget) break;
		kept.push(line);
		used += cost;
	}
	return [...kept, marker].join('\n');
}

/** 1234567 -> 1,234,567 (no locale data needed). */
export function thousands(value: number): string {
	const sign = value < 0 ? '-' : '';
	return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const percent = (rate: number | null, digits = 1) => (rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`);
const signed = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)}%`);
const count = (value: number | null) => (value === null ? '—' : thousands(value));

/** Link text without the brackets that would end it; URL without spaces and parentheses. */
function link(title: string | null, url: string | null, fallback: string): string {
	const text = (title ?? fallback)
		.replace(/[\r\n]+/g, ' ')
		.replace(/\[/g, '［')
		.replace(/\]/g, '］');
	if (!url) return text;
	return `[${text}](${url.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

export function reportMarkdown(report: Omit<AccountReport, 'markdown'>, language: Language): string {
	const t = TEXT[language];
	const { period, previousPeriod, followers, content, change } = report;
	const span = (range: { begin: string; end: string }) =>
		range.begin === range.end ? range.begin : `${range.begin}${t.to}${range.end}`;
	const withChange = (value: number | null, percentChange: number | null) =>
		`${count(value)}${t.open}${signed(percentChange)}${t.close}`;
	const lines = [
		`**${t.title[report.kind]}${t.bar}${span(period)}**`,
		`> ${t.previous}${t.colon}${span(previousPeriod)}`,
		'',
		`**${t.followers}**`,
		`- ${t.new} ${withChange(followers.new, change.followersNew)}`,
		`- ${t.unfollowed} ${withChange(followers.unfollowed, change.followersUnfollowed)}`,
		`- ${t.net} ${withChange(followers.net, change.followersNet)}`,
		`- ${t.total} ${count(followers.total)}${t.separator}${t.growthRate} ${percent(followers.growthRate, 2)}`,
	];
	const channels = [...followers.byChannel].sort((a, b) => b.new - a.new || a.user_source - b.user_source);
	if (channels.length > 0) {
		const top = channels.slice(0, 3).map((c) => `${t.channel(c.user_source, c.name)} +${thousands(c.new)}`);
		lines.push(`- ${t.channels}${t.colon}${top.join(t.list)}`);
	}
	lines.push('', `**${t.content}**`);
	if (content.reads === null) {
		lines.push(`- ${t.noContent}`);
		return fitLines(lines, t.truncated);
	}
	if (report.contentFrom !== period.begin) lines.push(`> ${t.partContent(report.contentFrom as string)}`);
	lines.push(
		`- ${t.reads} ${withChange(content.reads, change.reads)}`,
		`- ${t.shares} ${withChange(content.shares, change.shares)}${t.separator}${t.shareRate} ${percent(content.shareRate, 2)}`,
		`- ${t.likeRate} ${percent(content.likeRate, 2)}`,
	);
	if (content.topArticlesCompletionRate !== null)
		lines.push(`- ${t.completion} ${percent(content.topArticlesCompletionRate)}`);
	if (report.topArticles.length === 0) {
		lines.push(`- ${t.noArticles}`);
		return fitLines(lines, t.truncated);
	}
	lines.push('', `**${t.top(report.topArticles.length)}**`);
	for (const article of report.topArticles) {
		const title = link(article.title, article.content_url, article.msgid);
		lines.push(
			`${article.rank}. ${title}${t.bar}${t.readsShort} ${thousands(article.reads)}${t.bar}${t.sharesShort} ${thousands(article.shares)}`,
		);
	}
	return fitLines(lines, t.truncated);
}
