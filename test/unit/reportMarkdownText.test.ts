/**
 * The report's Markdown text, line by line, in Chinese and English: the header and the period it is
 * compared with, the follower figures with their change (signed, one decimal, "—" without a base),
 * the total with the growth rate (two decimals), the top three follow channels (most new followers
 * first, ties by channel code), the content figures, the "counted from" note, the completion rate
 * line only when known, the top articles as links (line breaks, brackets, spaces and parentheses made
 * safe) or the "no article" line. Also the exact UTF-8 byte boundaries and the cut at exactly the limit.
 */
import type { ChannelFigures } from '../../nodes/WeChatOfficialAccount/report/aggregate';
import type { TopArticle } from '../../nodes/WeChatOfficialAccount/report/build';
import { fitLines, reportMarkdown, utf8Bytes } from '../../nodes/WeChatOfficialAccount/report/markdown';

type ReportInput = Parameters<typeof reportMarkdown>[0];

const channel = (user_source: number, name: string, added: number): ChannelFigures => ({
	user_source,
	name,
	new: added,
	unfollowed: 0,
	net: added,
});

const article = (rank: number, msgid: string, title: string | null, url: string | null, reads: number): TopArticle => ({
	rank,
	msgid,
	title,
	content_url: url,
	reads,
	shares: 100,
	shareRate: 0.1,
	published: '2026-03-01',
	completionRate: 0.5,
	deliveryReadRate: 0.2,
});

const NO_CONTENT = {
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

/** A weekly report with every figure present; each test changes what it is about. */
function report(overrides: Partial<ReportInput> = {}): ReportInput {
	return {
		kind: 'weekly',
		period: { begin: '2026-03-02', end: '2026-03-08', days: 7 },
		previousPeriod: { begin: '2026-02-23', end: '2026-03-01', days: 7 },
		followers: {
			new: 1234,
			unfollowed: 200,
			net: 1034,
			total: 11_034,
			growthRate: 0.1034,
			// in channel-code order, as the aggregation gives them
			byChannel: [
				channel(0, 'other', 30),
				channel(1, 'account search', 600),
				channel(17, 'business card share', 4),
				channel(30, 'QR code scan', 600),
			],
		},
		content: {
			reads: 5000,
			shares: 125,
			likes: 60,
			zaikan: 5,
			comments: 2,
			favorites: 7,
			articlesPublished: 3,
			shareRate: 0.025,
			likeRate: 0.012,
			topArticlesCompletionRate: 0.4567,
		},
		contentFrom: '2026-03-02',
		previous: {
			followers: { new: 1000, unfollowed: 228, net: 772, total: 10_000 },
			content: { ...NO_CONTENT },
		},
		change: { followersNew: 23.4, followersUnfollowed: -12.3, followersNet: 0, reads: null, shares: 150 },
		topArticles: [
			article(1, '100_1', 'Spring menu', 'https://mp.weixin.qq.com/s/abc', 3000),
			article(2, '101_1', 'Opening hours', 'https://mp.weixin.qq.com/s/def', 1500),
		],
		chart: { netFollowers: [], reads: [] },
		...overrides,
	};
}

describe('report Markdown, every figure present', () => {
	it('English: header, comparison, followers with signed changes, top channels, content, top articles', () => {
		expect(reportMarkdown(report(), 'en').split('\n')).toEqual([
			'**Weekly report | 2026-03-02 to 2026-03-08**',
			'> Compared with: 2026-02-23 to 2026-03-01',
			'',
			'**Followers**',
			'- New followers 1,234 (+23.4%)',
			'- Unfollows 200 (-12.3%)',
			'- Net followers 1,034 (0.0%)',
			'- Total followers 11,034; growth rate 10.34%',
			'- Top channels: account search +600, QR code scan +600, other +30',
			'',
			'**Content**',
			'- Readers 5,000 (—)',
			'- Sharers 125 (+150.0%); share rate 2.50%',
			'- Like rate 1.20%',
			'- Average completion rate of the top articles 45.7%',
			'',
			'**Top 2 articles by readers**',
			'1. [Spring menu](https://mp.weixin.qq.com/s/abc) | readers 3,000 | sharers 100',
			'2. [Opening hours](https://mp.weixin.qq.com/s/def) | readers 1,500 | sharers 100',
		]);
	});

	it('Chinese: the 公众号后台 terms and channel names, full-width punctuation', () => {
		expect(reportMarkdown(report(), 'zh').split('\n')).toEqual([
			'**公众号周报｜2026-03-02 至 2026-03-08**',
			'> 对比上期：2026-02-23 至 2026-03-01',
			'',
			'**用户增长**',
			'- 新关注人数 1,234（+23.4%）',
			'- 取消关注人数 200（-12.3%）',
			'- 净增关注人数 1,034（0.0%）',
			'- 累积关注人数 11,034；净增率 10.34%',
			'- 主要关注来源：公众号搜索 +600、扫描二维码 +600、其他合计 +30',
			'',
			'**内容表现**',
			'- 阅读人数 5,000（—）',
			'- 分享人数 125（+150.0%）；分享率 2.50%',
			'- 点赞率 1.20%',
			'- Top 文章平均阅读完成率 45.7%',
			'',
			'**阅读 Top 2**',
			'1. [Spring menu](https://mp.weixin.qq.com/s/abc)｜阅读 3,000｜分享 100',
			'2. [Opening hours](https://mp.weixin.qq.com/s/def)｜阅读 1,500｜分享 100',
		]);
	});

	it('a one-day report shows each day once, not as a range', () => {
		const lines = reportMarkdown(
			report({
				kind: 'daily',
				period: { begin: '2026-03-09', end: '2026-03-09', days: 1 },
				previousPeriod: { begin: '2026-03-08', end: '2026-03-08', days: 1 },
				contentFrom: '2026-03-09',
			}),
			'en',
		).split('\n');
		expect(lines.slice(0, 2)).toEqual(['**Daily report | 2026-03-09**', '> Compared with: 2026-03-08']);
	});
});

describe('report Markdown, figures', () => {
	it('a rate prints in percent: growth, share and like rates with two decimals, completion with one', () => {
		const text = reportMarkdown(
			report({
				followers: { ...report().followers, growthRate: 0.0005 },
				content: { ...report().content, shareRate: 1, likeRate: 0.1234, topArticlesCompletionRate: 0.05 },
			}),
			'en',
		);
		expect(text).toContain('- Total followers 11,034; growth rate 0.05%\n');
		expect(text).toContain('- Sharers 125 (+150.0%); share rate 100.00%\n');
		expect(text).toContain('- Like rate 12.34%\n');
		expect(text).toContain('- Average completion rate of the top articles 5.0%\n');
	});

	it('an unknown total and growth rate print as "—"', () => {
		const text = reportMarkdown(report({ followers: { ...report().followers, total: null, growthRate: null } }), 'en');
		expect(text).toContain('\n- Total followers —; growth rate —\n');
	});

	it('an unchanged figure prints 0.0% without a sign; a rise gets "+", a fall its "-"', () => {
		const text = reportMarkdown(
			report({ change: { followersNew: 0, followersUnfollowed: 0.1, followersNet: -0.1, reads: 0, shares: 0 } }),
			'en',
		);
		expect(text).toContain('- New followers 1,234 (0.0%)\n');
		expect(text).toContain('- Unfollows 200 (+0.1%)\n');
		expect(text).toContain('- Net followers 1,034 (-0.1%)\n');
		expect(text).toContain('- Readers 5,000 (0.0%)\n');
	});
});

describe('report Markdown, follow channels', () => {
	it('only the three with the most new followers; ties by channel code, whatever the order given', () => {
		const byChannel = [
			channel(200, 'Channels', 9),
			channel(30, 'QR code scan', 50),
			channel(1, 'account search', 9),
			channel(17, 'business card share', 9),
		];
		const text = reportMarkdown(report({ followers: { ...report().followers, byChannel } }), 'en');
		expect(text).toContain('\n- Top channels: QR code scan +50, account search +9, business card share +9\n');
	});

	it('two channels with the same count come out by code in either input order', () => {
		for (const byChannel of [
			[channel(30, 'QR code scan', 5), channel(1, 'account search', 5)],
			[channel(1, 'account search', 5), channel(30, 'QR code scan', 5)],
		]) {
			const text = reportMarkdown(report({ followers: { ...report().followers, byChannel } }), 'zh');
			expect(text).toContain('\n- 主要关注来源：公众号搜索 +5、扫描二维码 +5\n');
		}
	});

	it('no channel line when no channel had activity', () => {
		const lines = reportMarkdown(report({ followers: { ...report().followers, byChannel: [] } }), 'en').split('\n');
		expect(lines.slice(7, 11)).toEqual([
			'- Total followers 11,034; growth rate 10.34%',
			'',
			'**Content**',
			'- Readers 5,000 (—)',
		]);
		expect(lines.some((line) => line.startsWith('- Top channels'))).toBe(false);
	});

	it('a channel code without a Chinese name keeps the name it came with', () => {
		const byChannel = [channel(202, 'unknown (202)', 3)];
		const text = reportMarkdown(report({ followers: { ...report().followers, byChannel } }), 'zh');
		expect(text).toContain('\n- 主要关注来源：unknown (202) +3\n');
	});
});

describe('report Markdown, content', () => {
	it('a period that starts before the content data: the note says from which day it counts', () => {
		const from = report({
			period: { begin: '2025-10-27', end: '2025-11-02', days: 7 },
			previousPeriod: { begin: '2025-10-20', end: '2025-10-26', days: 7 },
			contentFrom: '2025-11-01',
		});
		expect(reportMarkdown(from, 'en').split('\n').slice(9, 13)).toEqual([
			'',
			'**Content**',
			'> Published content counted from 2025-11-01',
			'- Readers 5,000 (—)',
		]);
		expect(reportMarkdown(from, 'zh')).toContain(
			'\n**内容表现**\n> 已发表内容的数据从 2025-11-01 起计\n- 阅读人数 5,000（—）\n',
		);
	});

	it('no "counted from" note when the content data covers the whole period', () => {
		for (const language of ['en', 'zh'] as const) {
			const text = reportMarkdown(report(), language);
			expect(text.split('\n').filter((line) => line.startsWith('> '))).toHaveLength(1);
		}
	});

	it('a period before any content data: the followers, then only the "no data" line', () => {
		const before = report({
			period: { begin: '2025-10-20', end: '2025-10-26', days: 7 },
			previousPeriod: { begin: '2025-10-13', end: '2025-10-19', days: 7 },
			content: { ...NO_CONTENT, topArticlesCompletionRate: null },
			contentFrom: null,
			topArticles: [],
		});
		expect(reportMarkdown(before, 'en').split('\n').slice(8)).toEqual([
			'- Top channels: account search +600, QR code scan +600, other +30',
			'',
			'**Content**',
			'- No published content data before 2025-11-01',
		]);
		expect(reportMarkdown(before, 'zh').split('\n').slice(9)).toEqual([
			'',
			'**内容表现**',
			'- 2025-11-01 之前没有已发表内容的数据',
		]);
	});

	it('no completion-rate line when no top article has one', () => {
		const text = reportMarkdown(report({ content: { ...report().content, topArticlesCompletionRate: null } }), 'en');
		expect(text).toContain('\n- Like rate 1.20%\n\n**Top 2 articles by readers**\n');
		expect(text).not.toContain('completion');
	});

	it('no article read: a line says so, and there is no top-articles heading', () => {
		const none = report({ topArticles: [], content: { ...report().content, topArticlesCompletionRate: null } });
		expect(reportMarkdown(none, 'en').split('\n').slice(-3)).toEqual([
			'- Sharers 125 (+150.0%); share rate 2.50%',
			'- Like rate 1.20%',
			'- No article was read in this period',
		]);
		expect(reportMarkdown(none, 'zh').split('\n').slice(-2)).toEqual(['- 点赞率 1.20%', '- 本期没有文章被阅读']);
	});
});

describe('report Markdown, article links', () => {
	it('line breaks in a title become one space; brackets become full-width', () => {
		const topArticles = [
			article(1, '100_1', 'Line one\r\nline two\n\nthree [new]', 'https://mp.weixin.qq.com/s/a', 10),
		];
		expect(reportMarkdown(report({ topArticles }), 'en')).toMatch(
			/\n1\. \[Line one line two three ［new］\]\(https:\/\/mp\.weixin\.qq\.com\/s\/a\) \| readers 10 \| sharers 100$/,
		);
	});

	it('spaces and parentheses in a URL are percent-encoded so that the link does not end early', () => {
		const topArticles = [article(1, '100_1', 'Menu', 'https://example.com/a b(c)d (e)', 10)];
		expect(reportMarkdown(report({ topArticles }), 'en')).toContain(
			'\n1. [Menu](https://example.com/a%20b%28c%29d%20%28e%29) | readers 10 | sharers 100',
		);
	});

	it('an article without title shows its msgid; without URL it is plain text', () => {
		const topArticles = [
			article(1, '100_1', null, 'https://mp.weixin.qq.com/s/a', 10),
			article(2, '101_1', 'No link', null, 5),
		];
		expect(reportMarkdown(report({ topArticles }), 'en').split('\n').slice(-2)).toEqual([
			'1. [100_1](https://mp.weixin.qq.com/s/a) | readers 10 | sharers 100',
			'2. No link | readers 5 | sharers 100',
		]);
	});
});

describe('UTF-8 byte count and cut', () => {
	it('switches from 1 to 2 bytes at U+0080, to 3 at U+0800, to 4 at U+10000', () => {
		expect(['\u007f', '\u0080', '\u07ff', '\u0800', '\uffff', '\u{10000}'].map(utf8Bytes)).toEqual([1, 2, 2, 3, 3, 4]);
		for (const text of ['\u0080', '\u0800', '\u{10000}']) expect(utf8Bytes(text)).toBe(Buffer.byteLength(text, 'utf8'));
	});

	it('keeps a line that fills the limit exactly, with the marker', () => {
		// 3 lines of 4 bytes with their newlines: 11 bytes joined, over the limit 9; two lines and "M" fill it exactly.
		const text = fitLines(['aaa', 'bbb', 'ccc'], 'M', 9);
		expect(text).toBe('aaa\nbbb\nM');
		expect(utf8Bytes(text)).toBe(9);
	});
});
