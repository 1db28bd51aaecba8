/**
 * The API table against the workflow contract of issue 10 and the reference
 * (../shared/reference/DATACUBE-MORE.md): names, endpoints, spans, grains, keys, shapes, enums.
 */
import { DATACUBE_APIS, findApi, RESOURCES, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import {
	FOLLOW_SOURCE_NAMES,
	READ_SCENE_FIELDS,
	READ_SOURCE_NAMES,
	SHARE_SCENE_NAMES,
} from '../../nodes/WeChatOfficialAccount/apis/labels';

/** Issue 10's table, typed in from the issue: resource, operation, endpoint, span, key fields. */
const CONTRACT: Array<[string, string, string, number, string[]]> = [
	['userAnalysis', 'getUserSummary', 'getusersummary', 7, ['ref_date', 'user_source']],
	['userAnalysis', 'getUserCumulate', 'getusercumulate', 7, ['ref_date']],
	['publishedContent', 'getOverview', 'getbizsummary', 30, ['ref_date']],
	['publishedContent', 'getArticleReads', 'getarticleread', 1, ['ref_date', 'msgid']],
	['publishedContent', 'getArticleShares', 'getarticleshare', 1, ['ref_date', 'msgid']],
	['publishedContent', 'getArticleDetails', 'getarticletotaldetail', 1, ['ref_date', 'msgid', 'stat_date']],
	['articleAnalysis', 'getArticleSummary', 'getarticlesummary', 1, ['ref_date', 'msgid']],
	['articleAnalysis', 'getArticleTotal', 'getarticletotal', 1, ['ref_date', 'msgid', 'stat_date']],
	['articleAnalysis', 'getUserRead', 'getuserread', 3, ['ref_date', 'user_source']],
	['articleAnalysis', 'getUserReadHourly', 'getuserreadhour', 1, ['ref_date', 'ref_hour', 'user_source']],
	['articleAnalysis', 'getUserShare', 'getusershare', 7, ['ref_date', 'share_scene']],
	['articleAnalysis', 'getUserShareHourly', 'getusersharehour', 1, ['ref_date', 'ref_hour', 'share_scene']],
	['interfaceAnalysis', 'getInterfaceSummary', 'getinterfacesummary', 30, ['ref_date']],
	['interfaceAnalysis', 'getInterfaceSummaryHourly', 'getinterfacesummaryhour', 1, ['ref_date', 'ref_hour']],
];

/** The seven message APIs as they were before issue 10: saved workflows depend on them. */
const MESSAGE_SUMMARY: Array<[string, string, number, string]> = [
	['getDaily', 'getupstreammsg', 7, 'day'],
	['getHourly', 'getupstreammsghour', 1, 'hour'],
	['getWeekly', 'getupstreammsgweek', 30, 'week'],
	['getMonthly', 'getupstreammsgmonth', 30, 'month'],
	['getDailyDistribution', 'getupstreammsgdist', 15, 'day'],
	['getWeeklyDistribution', 'getupstreammsgdistweek', 30, 'week'],
	['getMonthlyDistribution', 'getupstreammsgdistmonth', 30, 'month'],
];

const api = (resource: string, operation: string) => findApi(resource, operation) as DatacubeApi;

describe('API table', () => {
	it('has the seven message APIs and the fourteen of issue 10, nothing else, each findable once', () => {
		expect(DATACUBE_APIS).toHaveLength(21);
		expect(new Set(DATACUBE_APIS.map((a) => `${a.resource}/${a.operation}`)).size).toBe(21);
		expect(new Set(DATACUBE_APIS.map((a) => a.endpoint)).size).toBe(21);
		for (const a of DATACUBE_APIS) expect(findApi(a.resource, a.operation)).toBe(a);
		expect(findApi('messageSummary', 'getUserSummary')).toBeUndefined();
		expect(findApi('userAnalysis', 'getDaily')).toBeUndefined();
	});

	it.each(MESSAGE_SUMMARY)(
		'messageSummary/%s keeps endpoint %s, span %i, grain %s',
		(operation, endpoint, span, grain) => {
			expect(api('messageSummary', operation)).toMatchObject({ endpoint, span, grain, rangeSelects: 'data date' });
			expect(api('messageSummary', operation).firstDay).toBeUndefined();
		},
	);

	it.each(CONTRACT)('%s/%s calls %s with at most %i days, keyed by %j', (resource, operation, endpoint, span, key) => {
		const entry = api(resource, operation);
		expect(entry).toMatchObject({ endpoint, span });
		expect(entry.key.map((field) => field.field)).toEqual(key);
	});

	it('grains: hourly APIs key by ref_hour, the rest are daily', () => {
		for (const [resource, operation, , , key] of CONTRACT) {
			expect(api(resource, operation).grain).toBe(key.includes('ref_hour') ? 'hour' : 'day');
		}
	});

	it('every key starts with ref_date as a date and names each field once with a sane kind', () => {
		for (const a of DATACUBE_APIS) {
			expect(a.key[0]).toEqual({ field: 'ref_date', kind: 'date' });
			expect(new Set(a.key.map((f) => f.field)).size).toBe(a.key.length);
			for (const field of a.key) {
				const expected = { ref_date: 'date', stat_date: 'date', ref_hour: 'hour', msgid: 'id' }[field.field] ?? 'code';
				expect([field.field, field.kind]).toEqual([field.field, expected]);
			}
			expect(a.key.some((f) => f.kind === 'hour')).toBe(a.grain === 'hour');
			expect(Number.isInteger(a.span) && a.span >= 1 && a.span <= 30).toBe(true);
		}
	});

	it('only the four 2025 published-content APIs start on 2025-11-01', () => {
		for (const a of DATACUBE_APIS)
			expect([a.operation, a.firstDay]).toEqual([
				a.operation,
				a.resource === 'publishedContent' ? '2025-11-01' : undefined,
			]);
	});

	it('the range selects publish dates exactly for getarticletotal and getarticletotaldetail', () => {
		const byPublishDate = DATACUBE_APIS.filter((a) => a.rangeSelects === 'publish date').map((a) => a.endpoint);
		expect(byPublishDate.sort()).toEqual(['getarticletotal', 'getarticletotaldetail']);
	});

	it('row shapes: nested lists exploded, detail lifted, read_user_source split into scene fields', () => {
		const shapes = Object.fromEntries(DATACUBE_APIS.filter((a) => a.shape).map((a) => [a.endpoint, a.shape]));
		expect(Object.keys(shapes).sort()).toEqual([
			'getarticleread',
			'getarticleshare',
			'getarticletotal',
			'getarticletotaldetail',
			'getbizsummary',
		]);
		expect(shapes.getarticletotal).toEqual({ explode: 'details' });
		expect(shapes.getarticletotaldetail).toMatchObject({
			explode: 'detail_list',
			scenes: { list: 'read_user_source' },
		});
		expect(shapes.getarticleread).toMatchObject({
			lift: 'detail',
			scenes: { list: 'read_user_source', count: 'user_count', scene: 'scene_desc' },
		});
		expect(shapes.getbizsummary).toMatchObject({ lift: 'detail', scenes: { list: 'read_user_source' } });
		expect(shapes.getarticleshare).toEqual({ lift: 'detail' });
		// an exploded list's elements carry the key fields that are not on the parent
		for (const a of DATACUBE_APIS.filter((x) => x.shape?.explode))
			expect(a.key.map((f) => f.field)).toContain('stat_date');
	});

	it('readable fields: the right enum per API, net_user for follower growth', () => {
		const enums = (operation: string, resource: string) =>
			api(resource, operation).enums.map((e) => [e.field, e.labelField, e.labels]);
		expect(enums('getUserSummary', 'userAnalysis')).toEqual([['user_source', 'user_source_name', FOLLOW_SOURCE_NAMES]]);
		expect(enums('getUserRead', 'articleAnalysis')).toEqual([['user_source', 'user_source_name', READ_SOURCE_NAMES]]);
		expect(enums('getUserReadHourly', 'articleAnalysis')).toEqual([
			['user_source', 'user_source_name', READ_SOURCE_NAMES],
		]);
		expect(enums('getUserShare', 'articleAnalysis')).toEqual([['share_scene', 'share_scene_name', SHARE_SCENE_NAMES]]);
		expect(enums('getUserShareHourly', 'articleAnalysis')).toEqual([
			['share_scene', 'share_scene_name', SHARE_SCENE_NAMES],
		]);
		expect(enums('getArticleDetails', 'publishedContent').map((e) => e[0])).toEqual(['publish_type']);
		expect(api('userAnalysis', 'getUserSummary').differences).toEqual([
			{ field: 'net_user', minuend: 'new_user', subtrahend: 'cancel_user' },
		]);
		expect(DATACUBE_APIS.filter((a) => a.differences.length > 0)).toHaveLength(1);
		// every code key field has a label table, so every code gets a name
		for (const a of DATACUBE_APIS) {
			for (const field of a.key.filter((f) => f.kind === 'code'))
				expect(a.enums.map((e) => e.field)).toContain(field.field);
		}
	});

	it('label tables hold every code of the current docs (reference §2.1, §3.3, §3.5, §7.1)', () => {
		expect(Object.keys(FOLLOW_SOURCE_NAMES).map(Number)).toEqual(
			expect.arrayContaining([0, 1, 17, 30, 57, 100, 149, 161, 200, 201, 51]),
		);
		expect(Object.keys(READ_SOURCE_NAMES).map(Number)).toEqual(expect.arrayContaining([99999999, 0, 1, 2, 4, 5, 6, 7]));
		expect(Object.keys(SHARE_SCENE_NAMES).map(Number)).toEqual(expect.arrayContaining([1, 2, 255]));
		expect(SHARE_SCENE_NAMES[5]).toBeUndefined(); // undocumented: labelled "unknown (5)"
		expect(Object.keys(READ_SCENE_FIELDS).sort()).toEqual(
			['全部', '公众号消息', '聊天会话', '朋友圈', '公众号主页', '其他', '推荐', '搜一搜'].sort(),
		);
		for (const field of Object.values(READ_SCENE_FIELDS)) expect(field).toMatch(/^read_user_[a-z_]+$/);
		expect(new Set(Object.values(READ_SCENE_FIELDS)).size).toBe(8);
	});

	it('resources: five, in picker order, each with its APIs', () => {
		expect(RESOURCES.map((r) => [r.value, r.name])).toEqual([
			['messageSummary', 'Message Summary'],
			['userAnalysis', 'User Analysis'],
			['publishedContent', 'Published Content'],
			['interfaceAnalysis', 'Interface Analysis'],
			['articleAnalysis', 'Article Analysis (Classic, Retired)'],
		]);
		expect(RESOURCES.find((r) => r.value === 'articleAnalysis')?.description).toMatch(
			/^Retired by WeChat \(errcode 47009\).*Use Published Content instead \(data only from 2025-11-01\)/,
		);
		for (const a of DATACUBE_APIS) expect(RESOURCES.map((r) => r.value)).toContain(a.resource);
	});
});

describe('retired APIs (errcode 47009)', () => {
	// WECHAT-2026.md §1: the six classic article APIs and their replacements (fbif datacube.go), as node operations.
	const REPLACED_BY: Record<string, string[]> = {
		getarticlesummary: ['getarticleread', 'getarticleshare'],
		getarticletotal: ['getarticletotaldetail'],
		getuserread: ['getbizsummary'],
		getuserreadhour: ['getbizsummary', 'getarticleread'],
		getusershare: ['getbizsummary', 'getarticleshare'],
		getusersharehour: ['getbizsummary', 'getarticleshare'],
	};

	it('exactly the six classic article APIs are retired, each replaced by served operations of the table', () => {
		const retired = DATACUBE_APIS.filter((a) => a.retired);
		expect(retired.map((a) => a.endpoint).sort()).toEqual(Object.keys(REPLACED_BY).sort());
		expect(retired.every((a) => a.resource === 'articleAnalysis')).toBe(true);
		for (const a of retired) {
			const replacements = (a.retired?.replacements ?? []).map((ref) => findApi(ref.resource, ref.operation));
			expect(replacements.every((r) => r !== undefined && !r.retired)).toBe(true);
			expect(replacements.map((r) => r?.endpoint)).toEqual(REPLACED_BY[a.endpoint]);
		}
	});

	it('each says what differs: data only from 2025-11-01, and no hourly split for the hourly ones', () => {
		for (const a of DATACUBE_APIS.filter((x) => x.retired)) {
			expect(a.retired?.differences).toMatch(/^data only from 2025-11-01; /);
			if (a.grain === 'hour') expect(a.retired?.differences).toMatch(/no hourly split/);
			if (/share_scene/.test(JSON.stringify(a.key))) expect(a.retired?.differences).toMatch(/no split by share scene/);
		}
	});
});
