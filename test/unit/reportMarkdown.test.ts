/**
 * The report's pure parts: Markdown within WeCom's 4,096 bytes (UTF-8, measured here with Node's
 * Buffer, not the node's counter) cut at a whole line with a marker; the aggregation rules (ties by
 * msgid, channels with activity, rates and changes); the report options' errors.
 */
import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import {
	channelFigures,
	contentFigures,
	followerFigures,
	percentChange,
	rankArticles,
	ratio,
	statAsOf,
} from '../../nodes/WeChatOfficialAccount/report/aggregate';
import { buildReport } from '../../nodes/WeChatOfficialAccount/report/build';
import { fitLines, thousands, utf8Bytes } from '../../nodes/WeChatOfficialAccount/report/markdown';
import { readReportOptions } from '../../nodes/WeChatOfficialAccount/report/options';
import type { ReportPeriods } from '../../nodes/WeChatOfficialAccount/report/period';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('Markdown size', () => {
	it('counts UTF-8 bytes as Node does (ASCII, CJK, full-width, emoji)', () => {
		for (const text of ['abc', '公众号周报', '｜：（）', '📈 up', 'é ß ✓ 𠀀'])
			expect(utf8Bytes(text)).toBe(bytes(text));
	});

	it('keeps text within the limit as it is', () => {
		expect(fitLines(['a', 'b'], '…', 3)).toBe('a\nb');
	});

	it('cuts longer text after the last whole line that fits, then the marker, within the limit', () => {
		const lines = Array.from({ length: 400 }, (_, i) => `${i + 1}. 阅读量很高的文章标题｜阅读 12,345`);
		const marker = '……（已截断）';
		const text = fitLines(lines, marker);
		expect(bytes(text)).toBeLessThanOrEqual(4096);
		const kept = text.split('\n');
		expect(kept[kept.length - 1]).toBe(marker);
		expect(kept.slice(0, -1)).toEqual(lines.slice(0, kept.length - 1));
		// one more whole line would not have fitted
		expect(bytes([...lines.slice(0, kept.length), marker].join('\n'))).toBeGreaterThan(4096);
	});

	it('counts the marker in the limit: 100-byte lines, limit 1,000, a 4-byte marker: 9 lines and the marker', () => {
		const lines = Array.from({ length: 20 }, () => 'x'.repeat(99));
		const text = fitLines(lines, 'MARK', 1000);
		expect(text.split('\n')).toEqual([...lines.slice(0, 9), 'MARK']);
		expect(bytes(text)).toBe(904);
	});

	it('formats thousands without locale data', () => {
		expect([0, 999, 1000, 1234567, -4321].map(thousands)).toEqual(['0', '999', '1,000', '1,234,567', '-4,321']);
	});
});

const PERIODS: ReportPeriods = {
	period: { begin: '2026-03-02', end: '2026-03-08' },
	previous: { begin: '2026-02-23', end: '2026-03-01' },
	kind: 'weekly',
	latest: '2026-03-09',
	notes: [],
};

describe('aggregation', () => {
	const summary = [
		{ ref_date: '2026-02-23', user_source: 0, new_user: 5, cancel_user: 1 },
		{ ref_date: '2026-03-02', user_source: 0, new_user: 10, cancel_user: 4 },
		{ ref_date: '2026-03-02', user_source: 30, new_user: 3, cancel_user: 0 },
		{ ref_date: '2026-03-03', user_source: 202, new_user: 0, cancel_user: 2 },
		{ ref_date: '2026-03-04', user_source: 17, new_user: 0, cancel_user: 0 },
	];

	it('followers: sums over the period, net, total on the last day; channels with activity by code', () => {
		const cumulate = [{ ref_date: '2026-03-08', cumulate_user: 900 }];
		expect(followerFigures(summary, cumulate, PERIODS.period)).toEqual({ new: 13, unfollowed: 6, net: 7, total: 900 });
		expect(followerFigures(summary, cumulate, PERIODS.previous)).toEqual({
			new: 5,
			unfollowed: 1,
			net: 4,
			total: null,
		});
		expect(channelFigures(summary, PERIODS.period)).toEqual([
			{ user_source: 0, name: 'other', new: 10, unfollowed: 4, net: 6 },
			{ user_source: 30, name: 'QR code scan', new: 3, unfollowed: 0, net: 3 },
			{ user_source: 202, name: 'unknown (202)', new: 0, unfollowed: 2, net: -2 },
		]);
	});

	it('content: null before 2025-11-01, sums and rates after', () => {
		expect(contentFigures([], { begin: '2025-10-01', end: '2025-10-31' }).reads).toBeNull();
		const biz = [
			{ ref_date: '2025-10-31', read_user: 999, share_user: 9 },
			{ ref_date: '2025-11-01', read_user: 200, share_user: 5, like_user: 4 },
		];
		expect(contentFigures(biz, { begin: '2025-10-25', end: '2025-11-01' })).toMatchObject({
			reads: 200,
			shares: 5,
			shareRate: 0.025,
			likeRate: 0.02,
		});
	});

	it('rates and changes: rounded, null without a base', () => {
		expect(ratio(1, 3)).toBe(0.3333);
		expect(ratio(1, 0)).toBeNull();
		expect(ratio(null, 3)).toBeNull();
		expect(percentChange(110, 100)).toBe(10);
		expect(percentChange(-50, -100)).toBe(50);
		expect(percentChange(1, 3)).toBe(-66.7);
		expect(percentChange(5, 0)).toBeNull();
	});

	it('top articles: by reads summed over the period, ties by msgid, shares summed, the last day read', () => {
		const reads = [
			{ ref_date: '2026-03-02', msgid: '20_1', read_user: 5 },
			{ ref_date: '2026-03-03', msgid: '20_1', read_user: 5 },
			{ ref_date: '2026-03-02', msgid: '10_2', read_user: 10 },
			{ ref_date: '2026-03-02', msgid: '30_1', read_user: 3 },
			{ ref_date: '2026-03-09', msgid: '30_1', read_user: 100 },
		];
		const shares = [
			{ ref_date: '2026-03-03', msgid: '20_1', share_user: 2 },
			{ ref_date: '2026-03-04', msgid: '20_1', share_user: 1 },
		];
		expect(rankArticles(reads, shares, PERIODS.period, 2)).toEqual([
			{ msgid: '10_2', reads: 10, shares: 0, lastRead: '2026-03-02' },
			{ msgid: '20_1', reads: 10, shares: 3, lastRead: '2026-03-03' },
		]);
	});

	it('an article figure as of a day: the latest stat_date on or before it', () => {
		const list = [{ stat_date: '2026-03-01' }, { stat_date: '2026-03-03' }, { stat_date: '2026-03-09' }];
		expect(statAsOf(list, '2026-03-08')).toBe(list[1]);
		expect(statAsOf(list, '2026-02-28')).toBeUndefined();
	});
});

describe('the report item', () => {
	const longTitle = 'A very long article title [with brackets] that repeats '.repeat(3);
	const sources = {
		userSummary: [{ ref_date: '2026-03-02', user_source: 1, new_user: 1200, cancel_user: 200 }],
		userCumulate: [
			{ ref_date: '2026-03-01', cumulate_user: 10_000 },
			{ ref_date: '2026-03-08', cumulate_user: 11_000 },
		],
		bizSummary: [{ ref_date: '2026-03-03', read_user: 5000, share_user: 100 }],
		ranked: Array.from({ length: 50 }, (_, i) => ({
			msgid: `${100 + i}_1`,
			reads: 1000 - i,
			shares: 10,
			lastRead: '2026-03-08',
		})),
		article: (msgid: string) => ({
			msgid,
			published: '2026-03-01',
			title: `${longTitle}${msgid}`,
			content_url: `https://mp.weixin.qq.com/s?mid=${msgid}`,
			publish_type: 0,
			detail_list: [{ stat_date: '2026-03-08', read_finish_rate: 0.5, read_delivery_rate: 0.1 }],
		}),
	};

	it('50 long titles: Markdown is cut at a line, with the marker, within 4,096 bytes; the items keep all 50', () => {
		const report = buildReport(PERIODS, sources, 'en');
		expect(report.topArticles).toHaveLength(50);
		expect(bytes(report.markdown)).toBeLessThanOrEqual(4096);
		const lines = report.markdown.split('\n');
		expect(lines[lines.length - 1]).toBe('… (cut: longer than 4,096 bytes)');
		expect(lines[0]).toBe('**Weekly report | 2026-03-02 to 2026-03-08**');
		expect(report.markdown).toContain('1. [A very long article title ［with brackets］ that repeats A very long');
		expect(report.markdown).toContain('(https://mp.weixin.qq.com/s?mid=100_1) | readers 1,000 | sharers 10');
		expect(report.followers.growthRate).toBe(0.1);
		expect(report.content.topArticlesCompletionRate).toBe(0.5);
	});

	it('Chinese by default terms of the 公众号后台; a short report is not cut', () => {
		const report = buildReport(PERIODS, { ...sources, ranked: sources.ranked.slice(0, 2) }, 'zh');
		expect(report.markdown).not.toContain('截断');
		expect(report.markdown).toContain('**公众号周报｜2026-03-02 至 2026-03-08**');
		expect(report.markdown).toContain('- 新关注人数 1,200（—）');
		expect(report.markdown).toContain('- 阅读人数 5,000（—）');
		expect(report.markdown).toContain('主要关注来源：公众号搜索 +1,200');
	});
});

describe('report options', () => {
	it('defaults: Chinese, top 5', () => {
		expect(readReportOptions({})).toEqual({ language: 'zh', topN: 5 });
		expect(readReportOptions({ language: 'en', topN: 0 })).toEqual({ language: 'en', topN: 0 });
	});

	it.each([
		[{ language: 'fr' }, 'Language'],
		[{ topN: 51 }, 'Top Articles'],
		[{ topN: 2.5 }, 'Top Articles'],
		[{ topN: '5' }, 'Top Articles'],
	])('%j fails naming %s', (options, field) => {
		expect(() => readReportOptions(options)).toThrow(PlanError);
		try {
			readReportOptions(options);
		} catch (error) {
			expect((error as PlanError).field).toBe(field);
		}
	});
});
