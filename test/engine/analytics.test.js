/**
 * The fourteen APIs of issue 10 end to end: the built package in n8n's engine against the simulator,
 * both on a fixed clock (2026-03-10 10:00 China time, after 08:00: the latest day WeChat serves is
 * 2026-03-09). Every operation returns every row of its range exactly once, flattened as the README
 * says, sorted by its key, with the fewest requests. The expected items come from the simulator's
 * expectedRows (WeChat's raw answer rows), flattened and sorted here by code written for this test.
 */
const { startSimulator } = require('../simulator');
const { createEngine } = require('./harness');
const { wechatWorkflow } = require('./wechat-workflow');
const { setSimCredential, datacubeCalls } = require('./sim-helpers');

const NOW = Date.parse('2026-03-10T10:00:00+08:00');
const LATEST = '2026-03-09';

/** [resource, operation, endpoint, span (issue 10's table), key fields, begin, end]. */
const CASES = [
	['userAnalysis', 'getUserSummary', 'getusersummary', 7, ['ref_date', 'user_source'], '2025-12-10', LATEST],
	['userAnalysis', 'getUserCumulate', 'getusercumulate', 7, ['ref_date'], '2025-12-10', LATEST],
	['publishedContent', 'getOverview', 'getbizsummary', 30, ['ref_date'], '2025-11-01', '2026-01-29'],
	['publishedContent', 'getArticleReads', 'getarticleread', 1, ['ref_date', 'msgid'], '2026-02-01', '2026-02-10'],
	['publishedContent', 'getArticleShares', 'getarticleshare', 1, ['ref_date', 'msgid'], '2026-02-01', '2026-02-10'],
	[
		'publishedContent',
		'getArticleDetails',
		'getarticletotaldetail',
		1,
		['ref_date', 'msgid', 'stat_date'],
		'2026-02-01',
		'2026-02-10',
	],
	['articleAnalysis', 'getArticleSummary', 'getarticlesummary', 1, ['ref_date', 'msgid'], '2024-05-01', '2024-05-10'],
	[
		'articleAnalysis',
		'getArticleTotal',
		'getarticletotal',
		1,
		['ref_date', 'msgid', 'stat_date'],
		'2024-05-01',
		'2024-05-10',
	],
	['articleAnalysis', 'getUserRead', 'getuserread', 3, ['ref_date', 'user_source'], '2024-05-01', '2024-05-30'],
	[
		'articleAnalysis',
		'getUserReadHourly',
		'getuserreadhour',
		1,
		['ref_date', 'ref_hour', 'user_source'],
		'2024-05-01',
		'2024-05-05',
	],
	['articleAnalysis', 'getUserShare', 'getusershare', 7, ['ref_date', 'share_scene'], '2024-05-01', '2024-05-28'],
	[
		'articleAnalysis',
		'getUserShareHourly',
		'getusersharehour',
		1,
		['ref_date', 'ref_hour', 'share_scene'],
		'2024-05-01',
		'2024-05-03',
	],
	['interfaceAnalysis', 'getInterfaceSummary', 'getinterfacesummary', 30, ['ref_date'], '2024-01-01', '2024-03-30'],
	[
		'interfaceAnalysis',
		'getInterfaceSummaryHourly',
		'getinterfacesummaryhour',
		1,
		['ref_date', 'ref_hour'],
		'2024-05-01',
		'2024-05-03',
	],
];

const SCENE_FIELDS = {
	全部: 'read_user_all',
	公众号消息: 'read_user_account_message',
	聊天会话: 'read_user_chat',
	朋友圈: 'read_user_moments',
	公众号主页: 'read_user_account_profile',
	其他: 'read_user_other',
	推荐: 'read_user_recommended',
	搜一搜: 'read_user_search',
};

/** read_user_source kept, plus one field per scene (a scene not in the table: read_user_scene_<name>). */
function withScenes(row) {
	for (const { scene_desc: scene, user_count: count } of row.read_user_source ?? []) {
		const field = SCENE_FIELDS[scene] ?? `read_user_scene_${scene}`;
		if (!(field in row)) row[field] = count;
	}
	return row;
}

/** WeChat's raw rows as the README says the node outputs them (the article's fields win on a clash). */
function flatten(endpoint, rows) {
	switch (endpoint) {
		case 'getarticletotal':
			return rows.flatMap(({ details, ...article }) => details.map((day) => ({ ...day, ...article })));
		case 'getarticletotaldetail':
			return rows.flatMap(({ detail_list: series, ...article }) =>
				series.map((day) => withScenes({ ...day, ...article })),
			);
		case 'getbizsummary':
		case 'getarticleread':
		case 'getarticleshare':
			return rows.map(({ detail, ...row }) => withScenes({ ...detail, ...row }));
		default:
			return rows;
	}
}

function byKey(fields) {
	return (a, b) => {
		for (const field of fields) {
			if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1; // numbers numerically, strings by text
		}
		return 0;
	};
}

const days = (begin, end) => (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${begin}T00:00:00Z`)) / 86_400_000 + 1;

let sim;
let engine;

async function run(resource, operation, parameters = {}) {
	const result = await engine.run(wechatWorkflow({ parameters: { resource, operation, ...parameters } }), {
		timezone: 'Asia/Shanghai',
	});
	expect(result.error).toBeUndefined();
	return result.data.WeChat.map((item) => item.json);
}

beforeAll(async () => {
	jest.spyOn(Date, 'now').mockImplementation(() => NOW);
	// serveRetired: the retired classic article APIs serve their rows, so their history and row shapes stay tested
	// (retired.test.js has what WeChat answers today: 47009).
	sim = await startSimulator({ shuffle: true, serveRetired: true, now: () => NOW });
	engine = await createEngine();
	setSimCredential(engine, sim);
});
afterAll(async () => {
	await sim.close();
	jest.restoreAllMocks();
});
beforeEach(() => sim.resetLog());

it('runs on the fixed clock, after 08:00 China time', () => {
	expect(Date.now()).toBe(NOW);
	expect(sim.latestDay()).toBe(LATEST);
});

describe.each(CASES)('%s / %s (%s)', (resource, operation, endpoint, span, key, beginDate, endDate) => {
	it(`returns every row of ${beginDate}..${endDate} once, flattened and sorted, in ceil(days / ${span}) requests`, async () => {
		const items = await run(resource, operation, {
			dateRange: 'custom',
			beginDate,
			endDate,
			options: { addReadableFields: false },
		});
		const expected = flatten(endpoint, sim.expectedRows(endpoint, beginDate, endDate)).sort(byKey(key));
		expect(expected.length).toBeGreaterThan(0);
		expect(items).toEqual(expected);
		expect(new Set(items.map((item) => JSON.stringify(key.map((field) => item[field])))).size).toBe(items.length);
		const calls = datacubeCalls(sim);
		expect(calls).toHaveLength(Math.ceil(days(beginDate, endDate) / span));
		expect(calls.every((call) => call.endpoint === endpoint && call.errcode === 0)).toBe(true);
	});
});

describe('readable fields', () => {
	it('Get Follower Growth: channel names (undocumented codes "unknown (code)") and net_user', async () => {
		const items = await run('userAnalysis', 'getUserSummary', {
			dateRange: 'custom',
			beginDate: '2025-12-10',
			endDate: LATEST,
		});
		const names = new Map(items.map((item) => [item.user_source, item.user_source_name]));
		expect(names.get(0)).toBe('other');
		expect(names.get(1)).toBe('account search');
		expect(names.get(30)).toBe('QR code scan');
		expect(names.get(202)).toBe('unknown (202)');
		for (const item of items) expect(item.net_user).toBe(item.new_user - item.cancel_user);
	});

	it('Get Reads by Source: the all row (99999999) last on each day, named "all"', async () => {
		const items = await run('articleAnalysis', 'getUserRead', {
			dateRange: 'custom',
			beginDate: '2024-05-01',
			endDate: '2024-05-09',
		});
		const lastOfDay = new Map(items.map((item) => [item.ref_date, item]));
		expect(lastOfDay.size).toBe(9);
		for (const item of lastOfDay.values()) expect([item.user_source, item.user_source_name]).toEqual([99999999, 'all']);
		expect(items.every((item) => typeof item.user_source_name === 'string')).toBe(true);
	});

	it('hourly operations get hour and start_time; share scenes get names', async () => {
		const items = await run('articleAnalysis', 'getUserShareHourly', {
			dateRange: 'custom',
			beginDate: '2024-05-02',
			endDate: '2024-05-02',
		});
		for (const item of items) {
			expect(item.hour).toBe(item.ref_hour / 100);
			expect(item.start_time).toBe(`2024-05-02T${String(item.hour).padStart(2, '0')}:00:00+08:00`);
			expect(item.share_scene_name).toBe(
				{ 1: 'friends', 2: 'Moments', 255: 'other' }[item.share_scene] ?? `unknown (${item.share_scene})`,
			);
		}
		const interfaces = await run('interfaceAnalysis', 'getInterfaceSummaryHourly', { dateRange: 'yesterday' });
		expect(interfaces.length).toBeGreaterThan(0);
		expect(interfaces.every((item) => item.ref_date === LATEST && item.start_time.startsWith(`${LATEST}T`))).toBe(true);
	});

	it('Get Article Details with Yesterday: the articles published yesterday, each with publish_type_name', async () => {
		const items = await run('publishedContent', 'getArticleDetails', { dateRange: 'yesterday' });
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			expect([item.ref_date, item.stat_date]).toEqual([LATEST, LATEST]);
			expect(item.publish_type_name).toBe(['notified followers', 'published without notification'][item.publish_type]);
			expect(item.read_user_all).toBe(item.read_user);
		}
	});
});

it('a read scene WeChat has not documented passes through as read_user_scene_<name>', async () => {
	const items = await run('publishedContent', 'getArticleReads', {
		dateRange: 'custom',
		beginDate: '2026-02-01',
		endDate: '2026-02-10',
	});
	const extra = items.filter((item) => item.read_user_source.some((scene) => !(scene.scene_desc in SCENE_FIELDS)));
	expect(extra.length).toBeGreaterThan(0);
	for (const item of extra) {
		const scene = item.read_user_source.find((x) => !(x.scene_desc in SCENE_FIELDS));
		expect(item[`read_user_scene_${scene.scene_desc}`]).toBe(scene.user_count);
	}
});

describe('the 2025 APIs start on 2025-11-01', () => {
	it('a range from October is clamped to 2025-11-01: the same rows, no request for October', async () => {
		const items = await run('publishedContent', 'getOverview', {
			dateRange: 'custom',
			beginDate: '2025-10-01',
			endDate: '2025-11-10',
			options: { addReadableFields: false },
		});
		expect(items).toEqual(flatten('getbizsummary', sim.expectedRows('getbizsummary', '2025-11-01', '2025-11-10')));
		expect(items[0].ref_date).toBe('2025-11-01');
		expect(datacubeCalls(sim).map((call) => call.body)).toEqual([{ begin_date: '2025-11-01', end_date: '2025-11-10' }]);
	});
});

it('Parallel Requests 1 and 10 give identical items for a nested API (shuffled answers)', async () => {
	const parameters = { dateRange: 'custom', beginDate: '2026-01-05', endDate: '2026-01-20' };
	const one = await run('publishedContent', 'getArticleDetails', { ...parameters, options: { parallelRequests: 1 } });
	const ten = await run('publishedContent', 'getArticleDetails', { ...parameters, options: { parallelRequests: 10 } });
	expect(one.length).toBeGreaterThan(100);
	expect(ten).toEqual(one);
});
