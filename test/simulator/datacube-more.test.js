'use strict';
// The fourteen user / article / published-content / interface endpoints (DATACUBE-MORE.md):
// span rule, date errors, documented field names and nesting, enums (with undocumented codes now and
// then), sparse channels, the 2025-11-01 start of the 2025 APIs, is_delay, and expectedRows agreeing
// with what a client gets window by window; the six retired classic article APIs answer 47009 by default
// (WECHAT-2026.md §1), and serve their history with serveRetired. Fixed clock; any machine TZ.

const { ENDPOINTS, expectedRows } = require('./index');
const { parseDate, formatDate } = require('./rules');
const { useSim, client, dates } = require('./test-helpers');

const t = useSim();
const NOW = Date.parse('2026-01-15T10:00:00+08:00'); // latest served day 2026-01-14
const LATEST = '2026-01-14';
const plus = (date, n) => formatDate(parseDate(date) + n);
const NEW = {
	getusersummary: 7,
	getusercumulate: 7,
	getbizsummary: 30,
	getarticleread: 1,
	getarticleshare: 1,
	getarticletotaldetail: 1,
	getarticlesummary: 1,
	getarticletotal: 1,
	getuserread: 3,
	getuserreadhour: 1,
	getusershare: 7,
	getusersharehour: 1,
	getinterfacesummary: 30,
	getinterfacesummaryhour: 1,
};
const PUBLISHED_2025 = ['getbizsummary', 'getarticleread', 'getarticleshare', 'getarticletotaldetail'];
const RETIRED = [
	'getarticlesummary',
	'getarticletotal',
	'getuserread',
	'getuserreadhour',
	'getusershare',
	'getusersharehour',
];

/** A simulator at NOW that also serves the retired classic APIs (these tests are about their rows); a token. */
async function openNow(options = {}) {
	await t.open({ start: NOW, serveRetired: true, ...options });
	return (await t.api.stable()).access_token;
}

describe('the retired classic article APIs', () => {
	test('are exactly the six classic article endpoints', () => {
		expect(Object.keys(ENDPOINTS).filter((name) => ENDPOINTS[name].retired)).toEqual(RETIRED);
	});

	test.each(RETIRED)('%s answers 47009 by default, like WeChat, for any dates, and counts as a call', async (name) => {
		await t.open({ start: NOW });
		const token = (await t.api.stable()).access_token;
		const offline = { errcode: 47009, errmsg: 'this api is offline, please use the new api' };
		expect(await t.api.dc(name, '2026-01-10', '2026-01-10', token)).toEqual(offline);
		expect(await t.api.dc(name, '2025-12-1', '2099-01-01', token)).toEqual(offline);
		expect(t.sim.datacubeCalls).toBe(2);
		expect(t.sim.log.filter((r) => r.endpoint === name).map((r) => r.errcode)).toEqual([47009, 47009]);
		expect((await t.api.dc(name, '2026-01-10', '2026-01-10', 'not-a-token')).errcode).toBe(40001);
	});

	test('the six answer rows with serveRetired (start or runtime); the other endpoints never answer 47009', async () => {
		await t.open({ start: NOW });
		const token = (await t.api.stable()).access_token;
		for (const name of Object.keys(ENDPOINTS).filter((n) => !RETIRED.includes(n)))
			expect((await t.api.dc(name, '2026-01-14', '2026-01-14', token)).list).toBeDefined();
		t.sim.setOptions({ serveRetired: true });
		for (const name of RETIRED)
			expect((await t.api.dc(name, LATEST, LATEST, token)).list).toEqual(t.sim.expectedRows(name, LATEST, LATEST));
		t.sim.resetOptions();
		expect((await t.api.dc('getuserread', LATEST, LATEST, token)).errcode).toBe(47009);
		expect(() => t.sim.setOptions({ serveRetired: 'yes' })).toThrow(/serveRetired must be true or false/);
	});
});

/** Every row of [begin,end], fetched in windows of the endpoint's span. */
async function fetchAll(api, token, name, begin, end) {
	const rows = [];
	for (let b = begin; b <= end; b = plus(b, NEW[name])) {
		const e = plus(b, NEW[name] - 1) < end ? plus(b, NEW[name] - 1) : end;
		const r = await api.dc(name, b, e, token);
		if (!r.list) throw new Error(`${name} ${b}..${e}: ${JSON.stringify(r)}`);
		rows.push(...r.list);
	}
	return rows;
}

const keysOf = (row) => Object.keys(row);
/** The distinct key lists of some rows (one expect per shape instead of one per row). */
const shapes = (rows) => [...new Set(rows.map((r) => JSON.stringify(Object.keys(r))))].map((k) => JSON.parse(k));

describe('every new endpoint', () => {
	test('has the documented span', () => {
		for (const [name, span] of Object.entries(NEW)) expect([name, ENDPOINTS[name].span]).toEqual([name, span]);
	});

	test.each(Object.entries(NEW))(
		'%s: ok at its span (%i days), 61501 one day beyond, 61500, 61503, spans override',
		async (name, span) => {
			const token = await openNow();
			const begin = '2025-12-01';
			const ok = await t.api.dc(name, begin, plus(begin, span - 1), token);
			expect(ok.errcode).toBeUndefined();
			expect(Array.isArray(ok.list)).toBe(true);
			expect(await t.api.dc(name, begin, plus(begin, span), token)).toEqual({
				errcode: 61501,
				errmsg: expect.stringMatching(/^date range error rid: /),
			});
			expect((await t.api.dc(name, '2025-12-1', '2025-12-01', token)).errcode).toBe(61500);
			expect((await t.api.dc(name, '2025-02-29', '2025-03-01', token)).errcode).toBe(61500);
			expect((await t.api.dc(name, '2026-01-15', '2026-01-15', token)).errcode).toBe(61501);
			t.clk.t = Date.parse('2026-01-15T07:59:59+08:00');
			expect((await t.api.dc(name, '2026-01-14', '2026-01-14', token)).errcode).toBe(61503);
			t.clk.t = NOW;
			if (span > 1) {
				t.sim.setOptions({ spans: { [name]: span - 1 } });
				expect((await t.api.dc(name, begin, plus(begin, span - 1), token)).errcode).toBe(61501);
			} else {
				t.sim.setOptions({ spans: { [name]: 2 } });
				expect((await t.api.dc(name, begin, plus(begin, 1), token)).list).toBeDefined();
			}
		},
	);

	test.each(Object.keys(NEW))(
		'%s: a client fetching window by window gets exactly expectedRows; deterministic',
		async (name) => {
			const token = await openNow();
			const begin = '2026-01-06';
			const got = await fetchAll(t.api, token, name, begin, LATEST);
			expect(got.length).toBeGreaterThan(0);
			expect(got).toEqual(t.sim.expectedRows(name, begin, LATEST));
			expect(got).toEqual(expectedRows(name, begin, LATEST, NOW));
			expect(await fetchAll(t.api, token, name, begin, LATEST)).toEqual(got);
		},
	);

	test.each(Object.keys(NEW))("%s: another account's rows are its own", async (name) => {
		const B = { appId: 'wx0000000000000B', appSecret: 'secret-b-0123456789' };
		await openNow({ accounts: [B] });
		const b = client(t.sim, B);
		const tokenB = (await b.stable()).access_token;
		const rowsB = await fetchAll(b, tokenB, name, '2026-01-10', LATEST);
		expect(rowsB).toEqual(t.sim.expectedRows(name, '2026-01-10', LATEST, { appId: B.appId }));
		expect(rowsB).not.toEqual(t.sim.expectedRows(name, '2026-01-10', LATEST));
	});
});

const rowsOf = (name, begin, end = LATEST, now = NOW) => expectedRows(name, begin, end, now);
const codes = (rows, field) => new Set(rows.map((r) => r[field]));

describe('user analysis', () => {
	test('getusersummary: ref_date × user_source, only active channels, documented and undocumented codes', () => {
		const year = rowsOf('getusersummary', '2025-01-01', '2025-12-31');
		expect(shapes(year)).toEqual([['ref_date', 'user_source', 'new_user', 'cancel_user']]);
		const all = codes(year, 'user_source');
		for (const c of [0, 1, 17, 30, 57, 100, 149, 161, 200, 201, 202]) expect(all).toContain(c);
		expect(all).not.toContain(51); // folded into 0 since 2023-06
		expect(codes(rowsOf('getusersummary', '2022-01-01', '2022-12-31'), 'user_source')).toContain(51);
		const perDay = dates(year).map((d) => year.filter((r) => r.ref_date === d).length);
		expect(Math.min(...perDay)).toBeLessThan(Math.max(...perDay)); // sparse: channels come and go
		expect(year.filter((r) => r.user_source === 202).length).toBeLessThan(dates(year).length / 4); // now and then
		expect(year.every((r) => r.new_user + r.cancel_user > 0)).toBe(true);
	});

	test('getusercumulate: one row a day with user_source 0 and a growing total', () => {
		const rows = rowsOf('getusercumulate', '2025-01-01', '2025-12-31');
		expect(rows).toHaveLength(365);
		expect(shapes(rows)).toEqual([['ref_date', 'user_source', 'cumulate_user']]);
		expect(rows.at(-1).cumulate_user).toBeGreaterThan(rows[0].cumulate_user);
	});
});

describe('interface analysis', () => {
	test('getinterfacesummary: one row a day; getinterfacesummaryhour: active hours 0..2300', () => {
		const day = rowsOf('getinterfacesummary', '2025-12-01', '2025-12-30');
		expect(day).toHaveLength(30);
		expect(shapes(day)).toEqual([['ref_date', 'callback_count', 'fail_count', 'total_time_cost', 'max_time_cost']]);
		const hours = rowsOf('getinterfacesummaryhour', '2025-12-01', '2025-12-01');
		expect(shapes(hours)).toEqual([
			['ref_date', 'ref_hour', 'callback_count', 'fail_count', 'total_time_cost', 'max_time_cost'],
		]);
		expect(
			hours
				.map((r) => r.ref_hour)
				.every((h, i, a) => h % 100 === 0 && h >= 0 && h <= 2300 && (i === 0 || h > a[i - 1])),
		).toBe(true);
		expect(hours.length).toBeGreaterThan(15);
	});
});

describe('classic article analysis (mass-sent articles only)', () => {
	test('getarticlesummary: article × day for up to 7 days after sending, documented fields', () => {
		const rows = rowsOf('getarticlesummary', '2025-10-01', '2025-12-31');
		const fields = [
			'ref_date',
			'msgid',
			'title',
			'int_page_read_user',
			'int_page_read_count',
			'ori_page_read_user',
			'ori_page_read_count',
			'share_user',
			'share_count',
			'add_to_fav_user',
			'add_to_fav_count',
		];
		expect(shapes(rows)).toEqual([fields]);
		expect(rows.every((r) => /^\d{10}_[1-4]$/.test(r.msgid))).toBe(true);
		const published = new Map(rowsOf('getarticletotal', '2025-09-20', '2025-12-31').map((a) => [a.msgid, a.ref_date]));
		const ages = new Set(rows.map((r) => parseDate(r.ref_date) - parseDate(published.get(r.msgid))));
		expect([...ages].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});

	test('getarticletotal: articles of the publish date, each with a cumulative 7-day details series cut at the latest served day', async () => {
		const token = await openNow();
		const found = [];
		for (let d = '2026-01-05'; d <= LATEST; d = plus(d, 1))
			found.push(...(await t.api.dc('getarticletotal', d, d, token)).list);
		expect(found.length).toBeGreaterThan(3);
		for (const a of found) {
			expect(keysOf(a)).toEqual(['ref_date', 'msgid', 'title', 'user_source', 'url', 'details']);
			const want = Math.min(7, parseDate(LATEST) - parseDate(a.ref_date) + 1);
			expect(a.details.map((x) => x.stat_date)).toEqual([...Array(want)].map((_, k) => plus(a.ref_date, k)));
			const reads = a.details.map((x) => x.int_page_read_user);
			expect(reads).toEqual([...reads].sort((x, y) => x - y));
			expect(keysOf(a.details[0])).toEqual(
				expect.arrayContaining([
					'target_user',
					'int_page_from_session_read_user',
					'int_page_from_kanyikan_read_count',
					'feed_share_from_session_cnt',
					'feed_share_from_feed_user',
					'feed_share_from_other_cnt',
				]),
			);
			expect(a.url).toMatch(/^http:\/\/mp\.weixin\.qq\.com\/s\?__biz=/);
		}
		expect(found.some((a) => a.details.length === 7) && found.some((a) => a.details.length < 7)).toBe(true);
		const old = rowsOf('getarticletotal', '2016-03-01', '2016-03-10');
		expect(old.length).toBeGreaterThan(0);
		expect(keysOf(old[0].details[0])).not.toContain('int_page_from_kanyikan_read_user'); // added in 2020
	});

	test('getuserread: channel rows, then 99999999 (all) which alone has 原文页 and favourites; code 8 now and then', () => {
		const rows = rowsOf('getuserread', '2025-06-01', '2025-12-31');
		const totals = rows.filter((r) => r.user_source === 99999999);
		expect(totals.map((r) => r.ref_date)).toEqual(dates(rows)); // one a day
		expect(shapes(totals)).toEqual([
			[
				'ref_date',
				'user_source',
				'int_page_read_user',
				'int_page_read_count',
				'ori_page_read_user',
				'ori_page_read_count',
				'share_user',
				'share_count',
				'add_to_fav_user',
				'add_to_fav_count',
			],
		]);
		expect(shapes(rows.filter((r) => r.user_source !== 99999999))).toEqual([
			['ref_date', 'user_source', 'int_page_read_user', 'int_page_read_count', 'share_user', 'share_count'],
		]);
		const order = rows.map((r) => `${r.ref_date}:${String(r.user_source).padStart(8, '0')}`);
		expect(order).toEqual([...order].sort()); // numeric codes in order, 99999999 last
		const all = codes(rows, 'user_source');
		for (const c of [0, 1, 2, 4, 5, 6, 7, 8, 99999999]) expect(all).toContain(c);
		expect(rows.filter((r) => r.user_source === 8).length).toBeLessThan(dates(rows).length / 4);
	});

	test('getuserreadhour and getusersharehour: hour × channel/scene rows for active hours', () => {
		const read = rowsOf('getuserreadhour', '2025-12-10', '2025-12-10');
		expect(shapes(read)).toEqual([
			['ref_date', 'ref_hour', 'user_source', 'int_page_read_user', 'int_page_read_count', 'share_user', 'share_count'],
		]);
		expect(codes(read, 'user_source')).toContain(99999999);
		expect(read.every((r) => r.ref_hour % 100 === 0 && r.ref_hour <= 2300 && r.int_page_read_user > 0)).toBe(true);
		const share = rowsOf('getusersharehour', '2025-12-10', '2025-12-10');
		expect(shapes(share)).toEqual([['ref_date', 'ref_hour', 'share_scene', 'share_count', 'share_user']]);
		expect(share.length).toBeGreaterThan(10);
	});

	test('getusershare: share_scene 1, 2, 255 and the undocumented 5 on some days', () => {
		const rows = rowsOf('getusershare', '2025-06-01', '2025-12-31');
		expect(shapes(rows)).toEqual([['ref_date', 'share_scene', 'share_count', 'share_user']]);
		expect(codes(rows, 'share_scene')).toEqual(new Set([1, 2, 5, 255]));
		const fives = rows.filter((r) => r.share_scene === 5).length;
		expect(fives).toBeGreaterThan(0);
		expect(fives).toBeLessThan(dates(rows).length / 2); // some days only
	});
});

describe('published content (2025 APIs)', () => {
	const DOCUMENTED_SCENES = ['全部', '公众号消息', '聊天会话', '朋友圈', '公众号主页', '其他', '推荐', '搜一搜'];

	test('no data before 2025-11-01 (empty list, is_delay false); classic APIs have older data', async () => {
		const token = await openNow();
		for (const name of PUBLISHED_2025) {
			expect(await t.api.dc(name, '2025-10-31', '2025-10-31', token)).toEqual({ list: [], is_delay: false });
			expect(rowsOf(name, '2025-10-01', '2025-10-31')).toEqual([]);
			expect(dates(rowsOf(name, '2025-10-25', '2025-11-03'))[0]).toBe('2025-11-01');
		}
		expect(rowsOf('getarticlesummary', '2025-10-01', '2025-10-31').length).toBeGreaterThan(0);
		expect((await t.api.dc('getusersummary', '2025-10-25', '2025-10-31', token)).is_delay).toBeUndefined();
	});

	test('getbizsummary: one row a day with a detail object', () => {
		const rows = rowsOf('getbizsummary', '2025-12-01', '2025-12-30');
		expect(rows).toHaveLength(30);
		expect(shapes(rows)).toEqual([['ref_date', 'detail']]);
		expect(shapes(rows.map((r) => r.detail))).toEqual([
			[
				'read_user',
				'read_user_source',
				'share_user',
				'zaikan_user',
				'like_user',
				'comment_count',
				'collection_user',
				'redirect_ori_page_user',
				'send_page_count',
			],
		]);
		expect(
			rows.every(
				(r) =>
					r.detail.read_user_source[0].scene_desc === '全部' &&
					r.detail.read_user_source[0].user_count === r.detail.read_user,
			),
		).toBe(true);
	});

	test('getarticleread / getarticleshare: item × day with a detail object; scenes sparse, one undocumented', () => {
		const reads = rowsOf('getarticleread', '2025-11-01', '2026-01-14');
		expect(shapes(reads)).toEqual([['ref_date', 'msgid', 'detail']]);
		expect(shapes(reads.map((r) => r.detail))).toEqual([['read_user', 'read_user_source']]);
		expect(shapes(reads.flatMap((r) => r.detail.read_user_source))).toEqual([['user_count', 'scene_desc']]);
		const scenes = new Set(reads.flatMap((r) => r.detail.read_user_source.map((s) => s.scene_desc)));
		expect(scenes).toEqual(new Set([...DOCUMENTED_SCENES, '视频号']));
		const perItem = reads.map((r) => r.detail.read_user_source.length);
		expect(Math.min(...perItem)).toBeLessThan(Math.max(...perItem));
		const shares = rowsOf('getarticleshare', '2025-11-01', '2025-11-30');
		expect(shapes(shares)).toEqual([['ref_date', 'msgid', 'detail']]);
		expect(shapes(shares.map((r) => r.detail))).toEqual([['share_user']]);
		expect(shares.every((r) => /^\d+_\d+$/.test(r.msgid) && r.detail.share_user > 0)).toBe(true);
	});

	test('getarticletotaldetail: items of the publish date, both publish types, a 30-day detail_list cut at the latest served day', () => {
		const items = rowsOf('getarticletotaldetail', '2025-11-01', LATEST);
		expect(codes(items, 'publish_type')).toEqual(new Set([0, 1]));
		expect(shapes(items)).toEqual([['ref_date', 'msgid', 'publish_type', 'title', 'content_url', 'detail_list']]);
		const series = items.map((a) => a.detail_list.map((x) => x.stat_date).join());
		const wanted = items.map((a) =>
			[...Array(Math.min(30, parseDate(LATEST) - parseDate(a.ref_date) + 1))].map((_, k) => plus(a.ref_date, k)).join(),
		);
		expect(series).toEqual(wanted);
		const details = items.flatMap((a) => a.detail_list);
		expect(shapes(details)).toEqual([
			[
				'stat_date',
				'read_user',
				'read_user_source',
				'share_user',
				'zaikan_user',
				'like_user',
				'comment_count',
				'collection_user',
				'praise_money',
				'read_subscribe_user',
				'read_delivery_rate',
				'read_finish_rate',
				'read_avg_activetime',
				'read_jump_position',
			],
		]);
		expect(new Set(details.map((x) => x.read_jump_position.map((p) => p.position).join()))).toEqual(
			new Set(['1,2,3,4,5']),
		);
		expect(details.every((x) => Math.abs(x.read_jump_position.reduce((n, p) => n + p.rate, 0) - 1) < 1e-3)).toBe(true);
		expect(
			details.every(
				(x) => x.read_user_source[0].scene_desc === '全部' && x.read_user_source[0].user_count === x.read_user,
			),
		).toBe(true);
		expect(items.every((a) => a.content_url.startsWith('https://mp.weixin.qq.com/s?'))).toBe(true);
		expect(items.some((a) => a.detail_list.length === 30)).toBe(true);
	});

	test('is_delay: false by default; isDelay "latest" flags answers that include the latest served day', async () => {
		const token = await openNow();
		expect((await t.api.dc('getbizsummary', '2026-01-01', LATEST, token)).is_delay).toBe(false);
		t.sim.setOptions({ isDelay: 'latest' });
		expect((await t.api.dc('getbizsummary', '2026-01-01', LATEST, token)).is_delay).toBe(true);
		expect((await t.api.dc('getbizsummary', '2026-01-01', '2026-01-13', token)).is_delay).toBe(false);
		expect((await t.api.dc('getarticleread', LATEST, LATEST, token)).is_delay).toBe(true);
		expect((await t.api.dc('getarticleshare', '2026-01-13', '2026-01-13', token)).is_delay).toBe(false);
		// totaldetail: an item published within 30 days of the latest day carries figures of that day
		expect((await t.api.dc('getarticletotaldetail', '2025-12-20', '2025-12-20', token)).is_delay).toBe(true);
		expect((await t.api.dc('getarticletotaldetail', '2025-12-10', '2025-12-10', token)).is_delay).toBe(false);
		expect((await t.api.dc('getarticlesummary', LATEST, LATEST, token)).is_delay).toBeUndefined();
	});

	test('isDelay with a list of dates flags only answers covering them', async () => {
		const token = await openNow({ isDelay: ['2026-01-10'] });
		expect((await t.api.dc('getbizsummary', '2026-01-08', '2026-01-10', token)).is_delay).toBe(true);
		expect((await t.api.dc('getbizsummary', '2026-01-11', LATEST, token)).is_delay).toBe(false);
		expect(() => t.sim.setOptions({ isDelay: ['2026-02-30'] })).toThrow(/isDelay/);
	});

	test('quietDays: no rows of those days, an empty list for a quiet range', async () => {
		const token = await openNow({ quietDays: ['2026-01-10', '2026-01-11'] });
		expect((await t.api.dc('getupstreammsg', '2026-01-10', '2026-01-11', token)).list).toEqual([]);
		expect((await t.api.dc('getbizsummary', '2026-01-10', '2026-01-11', token)).list).toEqual([]);
		const days = (await t.api.dc('getusersummary', '2026-01-09', '2026-01-12', token)).list.map((row) => row.ref_date);
		expect([...new Set(days)]).toEqual(['2026-01-09', '2026-01-12']);
		expect(() => t.sim.setOptions({ quietDays: ['2026-02-30'] })).toThrow(/quietDays/);
	});
});
