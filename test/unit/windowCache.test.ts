/**
 * The per-execution window cache and the article lookup built on it: a window is asked once however
 * many plans want it, every request of concurrent plans stays within Parallel Requests, a failed
 * window is asked again later; publish days are asked newest first, a few at a time, and only until
 * every wanted article is found (each day once), never before 2025-11-01 or after the latest day.
 */
import { findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { ArticleIndex, publishWindow } from '../../nodes/WeChatOfficialAccount/articleIndex';
import { planRequests } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import { addTitles } from '../../nodes/WeChatOfficialAccount/rows/titles';
import { DatacubeError } from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';
import { WindowCache } from '../../nodes/WeChatOfficialAccount/windowCache';

const NOW = Date.parse('2026-03-10T10:00:00+08:00'); // latest served day 2026-03-09
const OPTIONS = { parallelRequests: 3, maxAttempts: 1, retryDelayMs: 0, quotaWaitMs: 0, timeoutMs: 1000 };
const READS = findApi('publishedContent', 'getArticleReads') as DatacubeApi;

/** A fake WeChat: answers after a tick, records calls and the most requests in flight at once. */
function fakeWeChat(answer: (endpoint: string, begin: string) => unknown[] = () => []) {
	const calls: string[] = [];
	let inFlight = 0;
	const state = { calls, most: 0, failOnce: new Set<string>() };
	const client = {
		async fetchList(endpoint: string, begin: string, end: string) {
			calls.push(`${endpoint} ${begin}..${end}`);
			inFlight++;
			state.most = Math.max(state.most, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			inFlight--;
			if (state.failOnce.delete(begin)) throw new DatacubeError('fatal', 'boom', 'boom');
			return { list: answer(endpoint, begin), isDelay: false };
		},
	};
	return { client, state };
}

const plan = (begin: string, end: string) =>
	planRequests(READS, { dateRange: 'custom', beginDate: begin, endDate: end }, NOW);

describe('WindowCache', () => {
	it('asks each window once, also for plans running at the same time, within Parallel Requests overall', async () => {
		const { client, state } = fakeWeChat();
		const cache = new WindowCache(client);
		await Promise.all([
			cache.fetch(plan('2026-03-01', '2026-03-07'), OPTIONS),
			cache.fetch(plan('2026-03-04', '2026-03-09'), OPTIONS),
		]);
		await cache.fetch(plan('2026-03-02', '2026-03-03'), OPTIONS);
		expect(state.calls.sort()).toEqual(
			['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((d) => `getarticleread 2026-03-${d}..2026-03-${d}`),
		);
		expect(state.most).toBe(3);
		expect(cache.requests).toBe(9);
	});

	it('keeps the plan order in its answer and does not keep a failed window', async () => {
		const { client, state } = fakeWeChat((_, begin) => [begin]);
		const cache = new WindowCache(client);
		state.failOnce.add('2026-03-02');
		await expect(cache.fetch(plan('2026-03-01', '2026-03-03'), OPTIONS)).rejects.toThrow(/2026-03-02/);
		const results = await cache.fetch(plan('2026-03-01', '2026-03-03'), OPTIONS);
		expect(results.map((r) => r.list[0])).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
		expect(state.calls.filter((call) => call.includes('2026-03-02'))).toHaveLength(2);
	});
});

describe('ArticleIndex', () => {
	/** Article "<day>_1" is published on <day> (compact day, e.g. 20260303_1). */
	const articlesOn = (endpoint: string, day: string) => [
		{ ref_date: day, msgid: `${day.replace(/-/g, '')}_1`, title: `T ${day}`, content_url: `u/${day}`, detail_list: [] },
	];

	it('publish windows: the day and 29 before, from 2025-11-01, up to the latest day', () => {
		expect(publishWindow('2026-03-09', '2026-03-09')).toEqual({ begin: '2026-02-08', end: '2026-03-09' });
		expect(publishWindow('2025-11-05', '2026-03-09')).toEqual({ begin: '2025-11-01', end: '2025-11-05' });
		expect(publishWindow('2025-10-20', '2026-03-09').begin > publishWindow('2025-10-20', '2026-03-09').end).toBe(true);
	});

	it('asks newest first, Parallel Requests days at a time, and stops once every article is found', async () => {
		const { client, state } = fakeWeChat(articlesOn);
		const index = new ArticleIndex(new WindowCache(client), NOW);
		await index.find([{ msgid: '20260304_1', day: '2026-03-09' }], OPTIONS);
		expect(state.calls.map((c) => c.slice(22, 32))).toEqual([
			'2026-03-09',
			'2026-03-08',
			'2026-03-07',
			'2026-03-06',
			'2026-03-05',
			'2026-03-04',
		]);
		expect(index.get('20260304_1', '2026-03-09')).toMatchObject({ title: 'T 2026-03-04', published: '2026-03-04' });
		// found already: no request
		await index.find([{ msgid: '20260304_1', day: '2026-03-05' }], OPTIONS);
		expect(state.calls).toHaveLength(6);
	});

	it('titles: each publish day once however many rows and items ask; older and pre-2025-11-01 rows get null and one hint', async () => {
		const { client, state } = fakeWeChat(articlesOn);
		const index = new ArticleIndex(new WindowCache(client), NOW);
		const item1 = [
			{ ref_date: '2026-03-09', msgid: '20260308_1' },
			{ ref_date: '2026-03-08', msgid: '20260308_1' },
			{ ref_date: '2026-03-09', msgid: '1_1' }, // never published in the window
		];
		const item2 = [
			{ ref_date: '2025-11-03', msgid: '20251102_1' },
			{ ref_date: '2025-11-03', msgid: '20251020_1' }, // published before 2025-11-01
		];
		const note1 = await addTitles(item1, index, OPTIONS);
		const note2 = await addTitles(item2, index, OPTIONS);
		expect(item1.map((row) => (row as Record<string, unknown>).title)).toEqual(['T 2026-03-08', 'T 2026-03-08', null]);
		expect(item2.map((row) => (row as Record<string, unknown>).content_url)).toEqual(['u/2025-11-02', null]);
		expect(note1).toMatch(/1 of 3 rows .* 1 whose article was published more than 29 days before/);
		expect(note2).toMatch(/1 of 2 rows .* 1 whose article was published before 2025-11-01/);
		const days = state.calls.map((c) => c.slice(22, 32));
		expect(new Set(days).size).toBe(days.length);
		expect(days.every((day) => day >= '2025-11-01' && day <= '2026-03-09')).toBe(true);
		// item 1's unknown msgid exhausts its 30 publish days; item 2 needs 2025-11-01..03
		expect(days.length).toBe(30 + 3);
	});
});
