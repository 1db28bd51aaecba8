/**
 * Add Title and Link on Get Article Reads and Get Article Shares, in n8n's engine against the
 * simulator: each row's title and content_url are those of the simulator's getarticletotaldetail
 * article with its msgid among the publish days of the row's day and the 29 before (from
 * 2025-11-01), else null with one hint; each publish day is asked once per execution however many
 * rows and items need it; the rows are otherwise unchanged.
 */
const { TZDate } = require('@date-fns/tz');
const { format, subDays, max } = require('date-fns');
const { wechatSuiteOnClock, hintsOf } = require('./suite');

const clock = wechatSuiteOnClock();
let sim;
let engine;
beforeAll(() => ({ sim, engine } = clock));

const china = (day) => new TZDate(`${day}T12:00:00+08:00`, 'Asia/Shanghai');
const text = (date) => format(date, 'yyyy-MM-dd');

async function run(operation, begin, end, options, items = [{}]) {
	sim.resetLog();
	const result = await clock.run(
		{ resource: 'publishedContent', operation, dateRange: 'custom', beginDate: begin, endDate: end, options },
		{ items },
	);
	const details = clock
		.datacubeCalls()
		.filter((c) => c.endpoint === 'getarticletotaldetail')
		.map((c) => c.body.begin_date);
	return { result, rows: (result.data.WeChat ?? []).map((item) => item.json), hints: hintsOf(result), details };
}

/** The article a row's msgid names, among the publish days that can hold it (date-fns, simulator rows). */
function expectedArticle(row) {
	const first = text(max([subDays(china(row.ref_date), 29), china('2025-11-01')]));
	if (first > row.ref_date) return undefined;
	return sim.expectedRows('getarticletotaldetail', first, row.ref_date).find((a) => a.msgid === row.msgid);
}

it.each([
	['getArticleReads', '2025-11-03', '2025-11-05'],
	['getArticleShares', '2026-03-01', '2026-03-03'],
	['getArticleReads', '2026-03-01', '2026-03-01'],
])(
	'%s %s..%s with two items: titles from Get Article Details, each publish day once',
	async (operation, begin, end) => {
		clock.at('2026-03-10T10:00:00');
		const plain = await run(operation, begin, end, {});
		const titled = await run(operation, begin, end, { addTitles: true }, [{}, {}]);
		expect(titled.result.error).toBeUndefined();
		expect(titled.rows).toHaveLength(plain.rows.length * 2);
		let missing = 0;
		titled.rows.forEach((row, i) => {
			const { title, content_url, ...rest } = row;
			expect(rest).toEqual(plain.rows[i % plain.rows.length]);
			const article = expectedArticle(row);
			if (!article) missing++;
			expect([row.msgid, title, content_url]).toEqual([
				row.msgid,
				article ? article.title : null,
				article ? article.content_url : null,
			]);
		});
		expect(new Set(titled.details).size).toBe(titled.details.length);
		expect(titled.details.every((d) => d >= '2025-11-01' && d <= end)).toBe(true);
		expect(plain.details).toEqual([]);
		const notes = titled.hints.filter((h) => /Add Title and Link/.test(h));
		if (missing > 0) {
			expect(notes).toHaveLength(1);
			// one hint per item, the same for both (hints are shown once)
			expect(notes[0]).toMatch(
				new RegExp(`${missing / 2} of ${plain.rows.length} rows have title and content_url null`),
			);
		} else expect(notes).toEqual([]);
		if (operation === 'getArticleReads' && begin === '2026-03-01') {
			// every article is found, also those published weeks before the row's day
			expect(missing).toBe(0);
			const oldest = titled.rows.map((row) => expectedArticle(row).ref_date).sort()[0];
			expect(oldest < '2026-02-15').toBe(true);
		}
		if (begin === '2025-11-03') {
			// 2025-11-03..05: articles published in October are read too, and get null
			expect(missing).toBeGreaterThan(0);
			expect(notes[0]).toMatch(/published before 2025-11-01/);
			expect(titled.rows.filter((r) => r.title).length).toBeGreaterThan(0);
		}
	},
);

it('is offered only for Get Article Reads and Get Article Shares', async () => {
	const type = engine.getNodeType('n8n-nodes-wechat-analytics.weChatOfficialAccount', 1);
	const options = type.description.properties.filter((p) => p.name === 'options');
	const addTitles = options.flatMap((o) => o.options).filter((o) => o.name === 'addTitles');
	expect(addTitles).toHaveLength(1);
	expect(addTitles[0].displayOptions).toEqual({ show: { '/operation': ['getArticleReads', 'getArticleShares'] } });
	const details = await run('getArticleDetails', '2026-03-01', '2026-03-01', { addTitles: true });
	expect(details.rows.every((row) => !('content_url' in row) || typeof row.content_url === 'string')).toBe(true);
});
