/**
 * The report's pure rules at their edges: the last day an article was read whatever order WeChat
 * sends the days in, ties between equally read articles (by msgid, also past 64 articles), the
 * article figure as of a day with unsorted or broken detail_list entries, the mean of rates with
 * missing ones, the daily net series, the Published Content coverage hint (2025-11-01), and the
 * exact errors and hints of the report options (Language, Top Articles 0–50).
 */
import {
	contentRange,
	dailyNet,
	mean,
	rankArticles,
	statAsOf,
} from '../../nodes/WeChatOfficialAccount/report/aggregate';
import { contentCoverageNote } from '../../nodes/WeChatOfficialAccount/report/build';
import { readReportOptions } from '../../nodes/WeChatOfficialAccount/report/options';
import type { ReportPeriods } from '../../nodes/WeChatOfficialAccount/report/period';
import { planErrorOf } from './support/toolVariant';

const WEEK = { begin: '2026-03-02', end: '2026-03-08' };

describe('top articles', () => {
	it('keeps the newest day an article was read as its last day, even when WeChat sends that day first', () => {
		const reads = [
			{ ref_date: '2026-03-06', msgid: '10_1', read_user: 4 },
			{ ref_date: '2026-03-03', msgid: '10_1', read_user: 6 },
			{ ref_date: '2026-03-04', msgid: '10_1', read_user: 1 },
		];
		expect(rankArticles(reads, [], WEEK, 5)).toEqual([{ msgid: '10_1', reads: 11, shares: 0, lastRead: '2026-03-06' }]);
	});

	it('orders equally read articles by msgid, whatever order they arrive in', () => {
		const reads = ['30_1', '10_1', '20_1'].map((msgid) => ({ ref_date: '2026-03-02', msgid, read_user: 7 }));
		expect(rankArticles(reads, [], WEEK, 5).map((entry) => entry.msgid)).toEqual(['10_1', '20_1', '30_1']);
		expect(rankArticles([...reads].reverse(), [], WEEK, 5).map((entry) => entry.msgid)).toEqual([
			'10_1',
			'20_1',
			'30_1',
		]);
	});

	it('of 100 equally read articles in shuffled order, the top 50 are the 50 smallest msgids in order', () => {
		const msgids = Array.from({ length: 100 }, (_, i) => `${1000 + i}_1`);
		// a fixed shuffle (multiplying by 37 modulo 100 visits every index once)
		const shuffled = msgids.map((_, i) => msgids[(i * 37) % 100]);
		const reads = shuffled.map((msgid) => ({ ref_date: '2026-03-04', msgid, read_user: 3 }));
		expect(rankArticles(reads, [], WEEK, 50).map((entry) => entry.msgid)).toEqual(msgids.slice(0, 50));
		expect(rankArticles([...reads].reverse(), [], WEEK, 50).map((entry) => entry.msgid)).toEqual(msgids.slice(0, 50));
	});
});

describe('the part of a range Published Content data covers', () => {
	it('starts on 2025-11-01 for a range that begins earlier, and on the range begin otherwise', () => {
		expect(contentRange({ begin: '2025-10-20', end: '2025-11-05' })).toEqual({
			begin: '2025-11-01',
			end: '2025-11-05',
		});
		expect(contentRange({ begin: '2025-11-01', end: '2025-11-05' })).toEqual({
			begin: '2025-11-01',
			end: '2025-11-05',
		});
		expect(contentRange({ begin: '2025-11-02', end: '2025-11-05' })).toEqual({
			begin: '2025-11-02',
			end: '2025-11-05',
		});
		expect(contentRange({ begin: '2025-10-01', end: '2025-10-31' })).toBeUndefined();
	});
});

describe('an article figure as of a day', () => {
	it('takes the latest stat_date on or before the day, whatever the order of detail_list', () => {
		const list = [{ stat_date: '2026-03-05' }, { stat_date: '2026-03-02' }, { stat_date: '2026-03-10' }];
		expect(statAsOf(list, '2026-03-08')).toBe(list[0]);
	});

	it('skips null entries and entries without a stat_date', () => {
		const list = [null, { read_user: 5 }, { stat_date: '2026-03-03' }] as never[];
		expect(statAsOf(list, '2026-03-08')).toBe(list[2]);
	});
});

describe('mean of rates', () => {
	it('averages only the rates that are present, rounded to 4 decimals', () => {
		expect(mean([0.1, null, 0.2])).toBe(0.15);
		expect(mean([1, null, null, 0])).toBe(0.5);
		expect(mean([1 / 3, null])).toBe(0.3333);
	});

	it('is null when no rate is present', () => {
		expect(mean([null, null])).toBeNull();
		expect(mean([])).toBeNull();
	});
});

describe('daily net followers', () => {
	it('one figure per day of the range, all channels summed, 0 on a day without rows, other days ignored', () => {
		const summary = [
			{ ref_date: '2026-03-01', user_source: 0, new_user: 50, cancel_user: 0 },
			{ ref_date: '2026-03-02', user_source: 0, new_user: 5, cancel_user: 1 },
			{ ref_date: '2026-03-02', user_source: 30, new_user: 2, cancel_user: 0 },
			{ ref_date: '2026-03-04', user_source: 0, new_user: 0, cancel_user: 3 },
			{ ref_date: '2026-03-09', user_source: 0, new_user: 80, cancel_user: 0 },
		];
		expect(dailyNet(summary, WEEK)).toEqual([6, 0, -3, 0, 0, 0, 0]);
	});
});

describe('the Published Content coverage hint', () => {
	const periods = (period: ReportPeriods['period'], previous: ReportPeriods['previous']): ReportPeriods => ({
		period,
		previous,
		kind: 'range',
		latest: '2026-03-09',
		notes: [],
	});

	it('gives none when both periods start on or after 2025-11-01', () => {
		expect(contentCoverageNote(periods(WEEK, { begin: '2026-02-23', end: '2026-03-01' }))).toBeUndefined();
		expect(
			contentCoverageNote(
				periods({ begin: '2025-11-08', end: '2025-11-14' }, { begin: '2025-11-01', end: '2025-11-07' }),
			),
		).toBeUndefined();
	});

	it('names the previous period’s first counted day when only the previous period starts earlier', () => {
		expect(
			contentCoverageNote(
				periods({ begin: '2025-11-05', end: '2025-11-11' }, { begin: '2025-10-29', end: '2025-11-04' }),
			),
		).toBe(
			"Get Account Report: WeChat's Published Content data starts on 2025-11-01, so reads and shares count this period from 2025-11-05, and the previous period from 2025-11-01",
		);
	});

	it('names this period’s first counted day and says the previous period is not counted when it ends earlier', () => {
		expect(
			contentCoverageNote(
				periods({ begin: '2025-10-27', end: '2025-11-02' }, { begin: '2025-10-20', end: '2025-10-26' }),
			),
		).toBe(
			"Get Account Report: WeChat's Published Content data starts on 2025-11-01, so reads and shares count this period from 2025-11-01, and the previous period not at all (null)",
		);
	});

	it('says when the period ends before the data starts', () => {
		expect(
			contentCoverageNote(
				periods({ begin: '2025-10-31', end: '2025-10-31' }, { begin: '2025-10-30', end: '2025-10-30' }),
			),
		).toBe(
			"Get Account Report: 2025-10-31 ends before 2025-11-01, when WeChat's Published Content data starts: reads, shares and rates are null and there are no top articles",
		);
	});
});

describe('report options', () => {
	it('accepts Top Articles 0 and 50, the ends of the range', () => {
		expect(readReportOptions({ topN: 0 })).toEqual({ language: 'zh', topN: 0 });
		expect(readReportOptions({ topN: 50 })).toEqual({ language: 'zh', topN: 50 });
	});

	it.each([51, -1, 1000])('rejects Top Articles %j with the allowed range in message and hint', (topN) => {
		const error = planErrorOf(() => readReportOptions({ topN }));
		expect(error.field).toBe('Top Articles');
		expect(error.message).toBe(`Top Articles must be a whole number from 0 to 50 (got ${topN})`);
		expect(error.hint).toBe("Set Top Articles in the node's Options to a value from 0 to 50");
	});

	it('shows at most 40 characters of a long Top Articles value', () => {
		const topN = '9'.repeat(60);
		const error = planErrorOf(() => readReportOptions({ topN }));
		expect(error.message).toBe(`Top Articles must be a whole number from 0 to 50 (got "${'9'.repeat(39)})`);
	});

	it('rejects an unknown Language, listing the offered ones in the hint', () => {
		const error = planErrorOf(() => readReportOptions({ language: 'fr' }));
		expect(error.field).toBe('Language');
		expect(error.message).toBe('Language "fr" is not offered (got "fr")');
		expect(error.hint).toBe("Set Language in the node's Options to one of: zh, en");
	});

	it('shows at most 40 characters of a long Language value', () => {
		const language = 'x'.repeat(60);
		const error = planErrorOf(() => readReportOptions({ language }));
		expect(error.message).toBe(`Language "${'x'.repeat(40)}" is not offered (got "${'x'.repeat(39)})`);
	});
});
