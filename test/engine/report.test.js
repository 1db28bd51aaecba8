/**
 * Report → Get Account Report in n8n's engine against the simulator, on a fixed clock: every field
 * of the item equals what report-oracle.js computes from the simulator's raw rows with date-fns, for a
 * week, a month, a range crossing 2025-11-01 and a run before 08:00 China time; the Markdown carries
 * the numbers and links within 4,096 bytes; a second item reuses what the first fetched; bad input
 * fails the item naming the field.
 */
const { wechatSuiteOnClock, hintsOf } = require('./suite');
const { periodsFor, expectedReport, grouped } = require('./report-oracle');

const clock = wechatSuiteOnClock();
let sim;
beforeAll(() => ({ sim } = clock));

async function report(chinaTime, parameters, more) {
	clock.at(chinaTime);
	sim.resetLog();
	const result = await clock.run(
		{ resource: 'report', operation: 'getAccountReport', options: {}, ...parameters },
		more,
	);
	const calls = clock.datacubeCalls().map((c) => `${c.endpoint} ${c.body.begin_date}..${c.body.end_date}`);
	return { result, items: result.data.WeChat ?? [], calls, hints: hintsOf(result) };
}

const bytes = (text) => Buffer.byteLength(text, 'utf8');

function checkMarkdown(markdown, expected, language) {
	expect(bytes(markdown)).toBeLessThanOrEqual(4096);
	const { period, followers, content, change, topArticles } = expected;
	expect(markdown).toContain(period.begin);
	expect(markdown).toContain(period.end);
	const pct = (v) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`);
	const [open, close] = language === 'zh' ? ['（', '）'] : [' (', ')'];
	expect(markdown).toContain(`${grouped(followers.net)}${open}${pct(change.followersNet)}${close}`);
	if (content.reads !== null) {
		expect(markdown).toContain(`${grouped(content.reads)}${open}${pct(change.reads)}${close}`);
		expect(markdown).toContain(`${grouped(content.shares)}${open}${pct(change.shares)}${close}`);
	}
	for (const article of topArticles) {
		if (article.title) expect(markdown).toContain(`[${article.title}](${article.content_url})`);
		expect(markdown).toContain(grouped(article.reads));
	}
}

it('Last Week at 10:00: every field from the simulator; a second item costs no request', async () => {
	const { result, items, calls, hints } = await report(
		'2026-03-10T10:00:00',
		{ dateRange: 'lastWeek' },
		{ items: [{}, {}] },
	);
	expect(result.error).toBeUndefined();
	// Every figure final, every top article titled, a follower total: nothing to say.
	expect(hints).toEqual([]);
	const periods = periodsFor('lastWeek', Date.now());
	expect(periods).toEqual({
		period: { begin: '2026-03-02', end: '2026-03-08' },
		previous: { begin: '2026-02-23', end: '2026-03-01' },
	});
	const expected = expectedReport(sim, periods, { kind: 'weekly' });
	expect(items).toHaveLength(2);
	const { markdown, ...json } = items[0].json;
	expect(json).toEqual(expected);
	expect(items[1].json).toEqual(items[0].json);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(expected.topArticles).toHaveLength(5);
	expect(expected.topArticles.every((a) => a.title && a.completionRate !== null)).toBe(true);
	checkMarkdown(markdown, expected, 'zh');
	expect(markdown.split('\n')[0]).toBe('**公众号周报｜2026-03-02 至 2026-03-08**');
	// each window asked once for both items; the week's requests
	expect(new Set(calls).size).toBe(calls.length);
	const per = (endpoint) => calls.filter((c) => c.startsWith(`${endpoint} `)).length;
	expect([per('getusersummary'), per('getusercumulate'), per('getbizsummary')]).toEqual([2, 2, 1]);
	expect([per('getarticleread'), per('getarticleshare')]).toEqual([7, 7]);
	const publishDays = calls.filter((c) => c.startsWith('getarticletotaldetail')).map((c) => c.slice(22, 32));
	for (const article of expected.topArticles) expect(publishDays).toContain(article.published);
	expect(publishDays.every((d) => d >= '2026-02-01' && d <= '2026-03-08')).toBe(true);
});

it('Last Month in English with top 3: every field from the simulator', async () => {
	const { result, items, calls } = await report('2026-03-10T10:00:00', {
		dateRange: 'lastMonth',
		options: { language: 'en', topN: 3, parallelRequests: 6 },
	});
	expect(result.error).toBeUndefined();
	const periods = periodsFor('lastMonth', Date.now());
	expect(periods.previous).toEqual({ begin: '2026-01-01', end: '2026-01-31' });
	const expected = expectedReport(sim, periods, { kind: 'monthly', topN: 3, language: 'en' });
	const { markdown, ...json } = items[0].json;
	expect(json).toEqual(expected);
	checkMarkdown(markdown, expected, 'en');
	expect(markdown.split('\n')[0]).toBe('**Monthly report | 2026-02-01 to 2026-02-28**');
	expect(new Set(calls).size).toBe(calls.length);
	expect(calls.filter((c) => c.startsWith('getarticleread ')).length).toBe(28);
});

it('a custom range crossing 2025-11-01: content from 2025-11-01, previous content null, with a hint', async () => {
	const { result, items, hints } = await report('2025-11-20T10:00:00', {
		dateRange: 'custom',
		beginDate: '2025-10-25',
		endDate: '2025-11-07',
	});
	expect(result.error).toBeUndefined();
	const periods = periodsFor('custom', Date.now(), { begin: '2025-10-25', end: '2025-11-07' });
	const expected = expectedReport(sim, periods, { kind: 'range' });
	const { markdown, ...json } = items[0].json;
	expect(json).toEqual(expected);
	expect(json.contentFrom).toBe('2025-11-01');
	expect(json.previous.content.reads).toBeNull();
	expect(json.content.reads).toBeGreaterThan(0);
	expect(json.chart.reads[0].data.slice(0, 7)).toEqual([null, null, null, null, null, null, null]);
	checkMarkdown(markdown, expected, 'zh');
	expect(hints.join(' ')).toMatch(
		/reads and shares count this period from 2025-11-01, and the previous period not at all/,
	);
});

it('a period before 2025-11-01: content null, no top articles, one hint, no Published Content request', async () => {
	const { result, items, hints, calls } = await report('2025-11-20T10:00:00', {
		dateRange: 'custom',
		beginDate: '2025-10-01',
		endDate: '2025-10-07',
	});
	expect(result.error).toBeUndefined();
	const periods = periodsFor('custom', Date.now(), { begin: '2025-10-01', end: '2025-10-07' });
	const { markdown, ...json } = items[0].json;
	expect(json).toEqual(expectedReport(sim, periods, { kind: 'range' }));
	expect(json.content.reads).toBeNull();
	expect(json.topArticles).toEqual([]);
	expect(markdown).toContain('2025-11-01 之前没有已发表内容的数据');
	expect(hints.filter((h) => /ends before 2025-11-01/.test(h))).toHaveLength(1);
	expect(calls.every((c) => /^getuser/.test(c))).toBe(true);
});

it('Yesterday at 07:30 China time reports the day before yesterday (08:00 rule), with the hint', async () => {
	const { result, items, hints, calls } = await report('2026-03-10T07:30:00', { dateRange: 'yesterday' });
	expect(result.error).toBeUndefined();
	const periods = periodsFor('yesterday', Date.now());
	expect(periods.period).toEqual({ begin: '2026-03-08', end: '2026-03-08' });
	const { markdown, ...json } = items[0].json;
	expect(json).toEqual(expectedReport(sim, periods, { kind: 'daily' }));
	expect(markdown.split('\n')[0]).toBe('**公众号日报｜2026-03-08**');
	expect(hints.join(' ')).toMatch(/before then the latest day it serves is 2026-03-08/);
	expect(calls.some((c) => c.includes('2026-03-09'))).toBe(false);
});

it('figures WeChat has not finalised (is_delay) and a day without a follower total: each said in a hint', async () => {
	sim.setOptions({ isDelay: 'latest', quietDays: ['2026-03-09'] });
	try {
		const { result, items, hints } = await report('2026-03-10T10:00:00', { dateRange: 'yesterday' });
		expect(result.error).toBeUndefined();
		expect(items[0].json.followers.total).toBeNull();
		expect(hints).toContain('Get Account Report: WeChat returned no total followers for 2026-03-09 (getusercumulate)');
		expect(
			hints.filter((h) =>
				/^WeChat marks the newest figures of .+ as not final yet \(is_delay\): the report may change when run again later$/.test(
					h,
				),
			),
		).toHaveLength(1);
	} finally {
		sim.setOptions({ isDelay: false, quietDays: [] });
	}
});

it('Last Week on Monday 07:30 is the week before; Last 7 Days keeps its length', async () => {
	const week = await report('2026-03-09T07:30:00', { dateRange: 'lastWeek' });
	expect(week.items[0].json.period).toEqual({ begin: '2026-02-23', end: '2026-03-01', days: 7 });
	const { markdown, ...json } = week.items[0].json;
	expect(json).toEqual(expectedReport(sim, periodsFor('lastWeek', Date.now()), { kind: 'weekly' }));
	expect(markdown.length).toBeGreaterThan(0);
	const seven = await report('2026-03-09T07:30:00', { dateRange: 'last7Days', options: { topN: 0 } });
	const { markdown: _m, ...sevenJson } = seven.items[0].json;
	expect(sevenJson).toEqual(expectedReport(sim, periodsFor('last7Days', Date.now()), { kind: 'range', topN: 0 }));
	expect(seven.calls.filter((c) => /getarticle/.test(c))).toEqual([]);
});

describe('bad input fails the item, naming the field', () => {
	it.each([
		[{ dateRange: 'lastWeek', options: { language: 'fr' } }, /Language "fr" is not offered/],
		[{ dateRange: 'lastWeek', options: { topN: 99 } }, /Top Articles must be a whole number from 0 to 50/],
		[{ dateRange: 'sinceLastRun' }, /Date Range "sinceLastRun" is not offered for Get Account Report/],
		[
			{ dateRange: 'custom', beginDate: '2026-03-10', endDate: '2026-03-12' },
			/The range starts on 2026-03-10, but the latest day WeChat serves now is 2026-03-09/,
		],
	])('%j', async (parameters, message) => {
		const failed = await report('2026-03-10T10:00:00', parameters);
		expect(failed.result.error?.message).toMatch(message);
		expect(failed.calls).toEqual([]);
	});

	it('with Continue (regular output) the bad item is an error item next to the good one', async () => {
		const { items } = await report(
			'2026-03-10T10:00:00',
			{ dateRange: 'yesterday', options: { language: '={{ $json.lang }}', topN: 1 } },
			{ items: [{ lang: 'en' }, { lang: 'xx' }], continueOnFail: true },
		);
		expect(items).toHaveLength(2);
		expect(items[0].json.period).toEqual({ begin: '2026-03-09', end: '2026-03-09', days: 1 });
		expect(items[1].json).toEqual({ error: expect.stringMatching(/Language "xx"/), details: expect.any(String) });
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});
