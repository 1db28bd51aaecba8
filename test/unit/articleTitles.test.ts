/**
 * Add Title and Link and the article lookup behind it, beyond windowCache.test.ts: the exact hint for
 * rows left without a title (each reason only when it applies, both joined with "; ", the count of
 * both), a row's day 29 days after 2025-11-01 being the first whose publish window is complete;
 * an article is given to a row only within the row's publish window, even when another row made it
 * known; Parallel Requests publish days are asked at once; the first copy of a msgid is kept; an
 * article without a msgid or publish date fails with a message showing it.
 */
import type { IDataObject } from 'n8n-workflow';
import { ArticleIndex } from '../../nodes/WeChatOfficialAccount/articleIndex';
import { addTitles } from '../../nodes/WeChatOfficialAccount/rows/titles';
import { RowShapeError } from '../../nodes/WeChatOfficialAccount/rows/RowShapeError';
import { WindowCache } from '../../nodes/WeChatOfficialAccount/windowCache';

const NOW = Date.parse('2026-03-10T10:00:00+08:00'); // latest served day 2026-03-09
const OPTIONS = { parallelRequests: 3, maxAttempts: 1, retryDelayMs: 0, quotaWaitMs: 0, timeoutMs: 1000 };

const EARLY = 'whose article was published before 2025-11-01 (WeChat keeps Get Article Details only from that day)';
const OLDER =
	"whose article was published more than 29 days before the row's day (Get Article Details counts an article for 30 days after publishing, so its title is not looked up)";

/** Article "<compact day>_1" is published on <day>, e.g. 20260303_1 on 2026-03-03. */
const articlesOn = (day: string): unknown[] => [
	{ ref_date: day, msgid: `${day.replace(/-/g, '')}_1`, title: `T ${day}`, content_url: `u/${day}`, detail_list: [] },
];

/** A fake WeChat answering getarticletotaldetail per publish day; records the days asked and the most in flight. */
function fakeWeChat(answer: (day: string) => unknown[] = articlesOn) {
	const state = { days: [] as string[], most: 0 };
	let inFlight = 0;
	const client = {
		async fetchList(_endpoint: string, begin: string) {
			state.days.push(begin);
			inFlight++;
			state.most = Math.max(state.most, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			inFlight--;
			return { list: answer(begin), isDelay: false };
		},
	};
	return { index: new ArticleIndex(new WindowCache(client), NOW), state };
}

type Row = IDataObject;

describe('Add Title and Link hint', () => {
	it('only articles from before 2025-11-01 missing: names that reason alone', async () => {
		const { index } = fakeWeChat();
		const rows: Row[] = [
			{ ref_date: '2025-11-29', msgid: '20251020_1' },
			{ ref_date: '2025-11-29', msgid: '20251128_1' },
		];
		const hint = await addTitles(rows, index, OPTIONS);
		expect(rows.map((row) => row.title)).toEqual([null, 'T 2025-11-28']);
		expect(hint).toBe(`Add Title and Link: 1 of 2 rows have title and content_url null: 1 ${EARLY}`);
	});

	it('a row 29 days after 2025-11-01 has its whole publish window: a missing article is older, not early', async () => {
		const { index, state } = fakeWeChat();
		const rows: Row[] = [{ ref_date: '2025-11-30', msgid: '20251020_1' }];
		const hint = await addTitles(rows, index, OPTIONS);
		expect(state.days).toHaveLength(30);
		expect(rows[0]).toEqual({ ref_date: '2025-11-30', msgid: '20251020_1', title: null, content_url: null });
		expect(hint).toBe(`Add Title and Link: 1 of 1 rows have title and content_url null: 1 ${OLDER}`);
	});

	it('both reasons: counted together and each with its own count, joined by "; "', async () => {
		const { index } = fakeWeChat();
		const rows: Row[] = [
			{ ref_date: '2025-11-10', msgid: '20251020_1' },
			{ ref_date: '2026-03-09', msgid: '1_1' },
			{ ref_date: '2026-03-09', msgid: '2_1' },
			{ ref_date: '2026-03-09', msgid: '20260309_1' },
		];
		const hint = await addTitles(rows, index, OPTIONS);
		expect(rows.map((row) => row.content_url)).toEqual([null, null, null, 'u/2026-03-09']);
		expect(hint).toBe(`Add Title and Link: 3 of 4 rows have title and content_url null: 1 ${EARLY}; 2 ${OLDER}`);
	});

	it('every row titled: no hint', async () => {
		const { index } = fakeWeChat();
		const rows: Row[] = [{ ref_date: '2026-03-09', msgid: '20260308_1' }];
		expect(await addTitles(rows, index, OPTIONS)).toBeUndefined();
		expect(rows[0]).toEqual({
			ref_date: '2026-03-09',
			msgid: '20260308_1',
			title: 'T 2026-03-08',
			content_url: 'u/2026-03-08',
		});
	});
});

describe('Article lookup', () => {
	it('a row more than 29 days after the publish day gets null, even when another row made the article known', async () => {
		const { index } = fakeWeChat();
		const rows: Row[] = [
			{ ref_date: '2026-02-05', msgid: '20260201_1' },
			{ ref_date: '2026-03-09', msgid: '20260201_1' },
		];
		const hint = await addTitles(rows, index, OPTIONS);
		expect(rows.map((row) => row.title)).toEqual(['T 2026-02-01', null]);
		expect(hint).toBe(`Add Title and Link: 1 of 2 rows have title and content_url null: 1 ${OLDER}`);
	});

	it('gives an article for days from its publish day to 29 days later, never for a day before it', async () => {
		const { index } = fakeWeChat();
		await index.find([{ msgid: '20260204_1', day: '2026-03-05' }], OPTIONS);
		expect(index.get('20260204_1', '2026-02-04')).toMatchObject({ published: '2026-02-04', title: 'T 2026-02-04' });
		expect(index.get('20260204_1', '2026-03-05')).toMatchObject({ published: '2026-02-04' });
		expect(index.get('20260204_1', '2026-03-06')).toBeUndefined();
		expect(index.get('20260204_1', '2026-02-03')).toBeUndefined();
	});

	it('asks Parallel Requests publish days at once, a whole batch at a time', async () => {
		const { index, state } = fakeWeChat();
		await index.find([{ msgid: '20260305_1', day: '2026-03-09' }], OPTIONS);
		expect(state.most).toBe(3);
		expect(state.days).toEqual(['2026-03-09', '2026-03-08', '2026-03-07', '2026-03-06', '2026-03-05', '2026-03-04']);
	});

	it('keeps the first copy of an article WeChat lists twice', async () => {
		const { index } = fakeWeChat((day) =>
			day === '2026-03-08'
				? [
						{ ref_date: day, msgid: '20260308_1', title: 'First copy', content_url: 'u/first' },
						{ ref_date: day, msgid: '20260308_1', title: 'Second copy', content_url: 'u/second' },
					]
				: [],
		);
		const rows: Row[] = [{ ref_date: '2026-03-09', msgid: '20260308_1' }];
		await addTitles(rows, index, OPTIONS);
		expect(rows[0]).toMatchObject({ title: 'First copy', content_url: 'u/first' });
	});

	it.each([
		['an article that is null', null, 'null'],
		['an article without a msgid', { ref_date: '2026-03-09', title: 'x' }, '{"ref_date":"2026-03-09","title":"x"}'],
		['an article without a publish date', { msgid: '1_1', title: 'x' }, '{"msgid":"1_1","title":"x"}'],
	])('%s: the lookup fails with a message showing it', async (_, article, shown) => {
		const { index } = fakeWeChat((day) => (day === '2026-03-09' ? [article] : []));
		const error = await index.find([{ msgid: '1_1', day: '2026-03-09' }], OPTIONS).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RowShapeError);
		expect((error as Error).message).toBe(
			`WeChat returned an article (getarticletotaldetail) without a msgid or publish date: ${shown}`,
		);
	});
});
