/**
 * What Get Account Report asks WeChat for and what it hands on (gatherSources), against a scripted
 * window cache: the two last days' totals in one getusercumulate request when they are less than 7
 * days apart and in two single-day requests otherwise, nothing asked for days before 2014-12-01,
 * WeChat's own fields only (no readable fields), the windows WeChat marks is_delay, and a failed
 * request failing the report with its own error.
 */
import type { ArticleIndex } from '../../nodes/WeChatOfficialAccount/articleIndex';
import type { Plan } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import type { FetchOptions, WindowResult } from '../../nodes/WeChatOfficialAccount/fetchWindows';
import { gatherSources } from '../../nodes/WeChatOfficialAccount/report/gather';
import type { ReportPeriods } from '../../nodes/WeChatOfficialAccount/report/period';
import type { WindowCache } from '../../nodes/WeChatOfficialAccount/windowCache';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const OPTIONS = { parallelRequests: 2 } as FetchOptions;

interface Asked {
	endpoint: string;
	begin: string;
	end: string;
}

/** A window cache that answers each window from `answer` and records what was asked. */
function scriptedCache(
	answer: (
		endpoint: string,
		window: { begin: string; end: string },
	) => { list?: unknown[]; isDelay?: boolean } = () => ({}),
) {
	const asked: Asked[] = [];
	const cache = {
		fetch: async (plan: Plan): Promise<WindowResult[]> =>
			plan.windows.map((window) => {
				asked.push({ endpoint: plan.api.endpoint, begin: window.begin, end: window.end });
				const { list = [], isDelay = false } = answer(plan.api.endpoint, window);
				return { window, list, isDelay };
			}),
	};
	return { cache: cache as unknown as WindowCache, asked };
}

function noArticles() {
	const wanted: unknown[] = [];
	const index = {
		find: async (list: unknown[]) => {
			wanted.push(...list);
		},
		get: () => undefined,
	};
	return { articles: index as unknown as ArticleIndex, wanted };
}

const periods = (period: ReportPeriods['period'], previous: ReportPeriods['previous']): ReportPeriods => ({
	period,
	previous,
	kind: 'range',
	latest: '2026-03-09',
	notes: [],
});

const WEEKS = periods({ begin: '2026-03-02', end: '2026-03-08' }, { begin: '2026-02-23', end: '2026-03-01' });

const askedOf = (asked: Asked[], endpoint: string) =>
	asked.filter((entry) => entry.endpoint === endpoint).map(({ begin, end }) => `${begin}..${end}`);

describe('total followers on the two last days (getusercumulate)', () => {
	it('asks once for the days from the previous last day to the last day when they are 6 days apart', async () => {
		const { cache, asked } = scriptedCache();
		await gatherSources(
			cache,
			noArticles().articles,
			periods({ begin: '2026-03-08', end: '2026-03-08' }, { begin: '2026-03-02', end: '2026-03-02' }),
			0,
			OPTIONS,
			NOW,
		);
		expect(askedOf(asked, 'getusercumulate')).toEqual(['2026-03-02..2026-03-08']);
	});

	it('asks for the two days alone when they are 7 days apart (a whole week each)', async () => {
		const { cache, asked } = scriptedCache();
		await gatherSources(cache, noArticles().articles, WEEKS, 0, OPTIONS, NOW);
		expect(askedOf(asked, 'getusercumulate')).toEqual(['2026-03-01..2026-03-01', '2026-03-08..2026-03-08']);
	});

	it('asks for the two days alone when they are a month apart', async () => {
		const { cache, asked } = scriptedCache();
		await gatherSources(
			cache,
			noArticles().articles,
			periods({ begin: '2026-02-01', end: '2026-02-28' }, { begin: '2026-01-01', end: '2026-01-31' }),
			0,
			OPTIONS,
			NOW,
		);
		expect(askedOf(asked, 'getusercumulate')).toEqual(['2026-01-31..2026-01-31', '2026-02-28..2026-02-28']);
	});

	it('hands on the rows of both days', async () => {
		const { cache } = scriptedCache((endpoint, window) =>
			endpoint === 'getusercumulate'
				? {
						list: [
							{ ref_date: window.begin, user_source: 0, cumulate_user: window.begin === '2026-03-01' ? 900 : 950 },
						],
					}
				: {},
		);
		const sources = await gatherSources(cache, noArticles().articles, WEEKS, 0, OPTIONS, NOW);
		expect(sources.userCumulate.map((row) => [row.ref_date, row.cumulate_user])).toEqual([
			['2026-03-01', 900],
			['2026-03-08', 950],
		]);
	});
});

describe('days before WeChat keeps user statistics (2014-12-01)', () => {
	it('asks nothing for a previous last day before 2014-12-01 and still reports the period', async () => {
		const { cache, asked } = scriptedCache();
		const sources = await gatherSources(
			cache,
			noArticles().articles,
			periods({ begin: '2014-12-01', end: '2014-12-07' }, { begin: '2014-11-24', end: '2014-11-30' }),
			0,
			OPTIONS,
			NOW,
		);
		expect(askedOf(asked, 'getusercumulate')).toEqual(['2014-12-07..2014-12-07']);
		expect(sources.userCumulate).toEqual([]);
	});

	it('asks for a previous last day of exactly 2014-12-01', async () => {
		const { cache, asked } = scriptedCache();
		await gatherSources(
			cache,
			noArticles().articles,
			periods({ begin: '2014-12-02', end: '2014-12-08' }, { begin: '2014-11-25', end: '2014-12-01' }),
			0,
			OPTIONS,
			NOW,
		);
		expect(askedOf(asked, 'getusercumulate')).toEqual(['2014-12-01..2014-12-01', '2014-12-08..2014-12-08']);
	});
});

describe('the rows handed to the report', () => {
	it('are WeChat’s fields only, without the readable fields Add Readable Fields would add', async () => {
		const row = () => ({ ref_date: '2026-03-03', user_source: 30, new_user: 4, cancel_user: 1 });
		const { cache } = scriptedCache((endpoint) => (endpoint === 'getusersummary' ? { list: [row()] } : {}));
		const sources = await gatherSources(cache, noArticles().articles, WEEKS, 0, OPTIONS, NOW);
		expect(sources.userSummary).toEqual([row()]);
	});
});

describe('figures WeChat marks as not final (is_delay)', () => {
	it('lists no window when WeChat marks none', async () => {
		const { cache } = scriptedCache();
		const sources = await gatherSources(cache, noArticles().articles, WEEKS, 5, OPTIONS, NOW);
		expect(sources.delayed).toEqual([]);
	});

	it('lists each marked window with its days and endpoint, and only those', async () => {
		const { cache } = scriptedCache((endpoint, window) => ({
			isDelay:
				(endpoint === 'getbizsummary' && window.end === '2026-03-08') ||
				(endpoint === 'getarticleread' && window.begin === '2026-03-08'),
		}));
		const sources = await gatherSources(cache, noArticles().articles, WEEKS, 5, OPTIONS, NOW);
		expect([...sources.delayed].sort()).toEqual([
			'2026-02-23 to 2026-03-08 (getbizsummary)',
			'2026-03-08 (getarticleread)',
		]);
	});
});

describe('a request that fails', () => {
	it('fails the report with that request’s error', async () => {
		const failure = new Error('getbizsummary failed');
		const { cache } = scriptedCache();
		const failing = {
			fetch: async (plan: Plan, options: FetchOptions) => {
				if (plan.api.endpoint === 'getbizsummary') throw failure;
				return await cache.fetch(plan, options);
			},
		} as unknown as WindowCache;
		const { articles, wanted } = noArticles();
		await expect(gatherSources(failing, articles, WEEKS, 5, OPTIONS, NOW)).rejects.toBe(failure);
		expect(wanted).toEqual([]);
	});

	it('fails with the error of a failed article request even when the others answer', async () => {
		const failure = Object.assign(new Error('getarticleshare failed'), { code: 'ECONNRESET' });
		const failing = {
			fetch: async (plan: Plan) => {
				if (plan.api.endpoint === 'getarticleshare') throw failure;
				return plan.windows.map((window) => ({ window, list: [], isDelay: false }));
			},
		} as unknown as WindowCache;
		await expect(gatherSources(failing, noArticles().articles, WEEKS, 5, OPTIONS, NOW)).rejects.toBe(failure);
	});
});

describe('top articles', () => {
	it('looks up the publish days of the top articles by their last day read', async () => {
		const { cache } = scriptedCache((endpoint, window) =>
			endpoint === 'getarticleread' && window.begin === '2026-03-04'
				? { list: [{ ref_date: '2026-03-04', msgid: '10_1', detail: { read_user: 9 } }] }
				: {},
		);
		const { articles, wanted } = noArticles();
		const sources = await gatherSources(cache, articles, WEEKS, 5, OPTIONS, NOW);
		expect(sources.ranked).toEqual([{ msgid: '10_1', reads: 9, shares: 0, lastRead: '2026-03-04' }]);
		expect(wanted).toEqual([{ msgid: '10_1', day: '2026-03-04' }]);
	});
});
