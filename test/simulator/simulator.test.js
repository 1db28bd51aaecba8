'use strict';
// Tests of the local WeChat API simulator itself. Fixed clocks throughout; must pass under any TZ.

const path = require('path');
const { spawn } = require('child_process');
const { startSimulator, SIM_DEFAULTS, expectedRows, ENDPOINTS } = require('./index');
const { parseDate, formatDate, mondayOf, chinaToday } = require('./rules');
const { clock, client } = require('./test-helpers');

// 2024-12-01 10:00 China time (a Sunday) = 2024-12-01T02:00Z.
const DEC1 = Date.parse('2024-12-01T10:00:00+08:00');
const MIN = 60 * 1000;

let sim;
let api;
let clk;

async function open(options = {}) {
	clk = clock(options.start ?? DEC1);
	sim = await startSimulator({ now: clk.now, ...options });
	api = client(sim);
	return sim;
}

afterEach(async () => {
	if (sim) await sim.close();
	sim = null;
});

describe('token endpoints', () => {
	test('classic /cgi-bin/token mints a new token per call; the previous one lives 5 minutes', async () => {
		await open();
		const a = await api.token();
		const b = await api.token();
		expect(a.expires_in).toBe(7200);
		expect(a.access_token).toMatch(/^SIMTOKEN_[0-9a-f]{48}$/);
		expect(b.access_token).not.toBe(a.access_token);
		expect(sim.tokensIssued).toBe(2);
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', a.access_token)).list.length).toBeGreaterThan(0);
		clk.advance(5 * MIN + 1000);
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', a.access_token)).errcode).toBe(40001);
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', b.access_token)).errcode).toBeUndefined();
		clk.advance(7200 * 1000);
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', b.access_token)).errcode).toBe(42001);
	});

	test('stable_token returns the same token while valid; force_refresh kills the old one at once', async () => {
		await open();
		const a = await api.stable();
		const b = await api.stable({ force_refresh: false });
		expect(b.access_token).toBe(a.access_token);
		expect(sim.tokensIssued).toBe(1);
		clk.advance(10 * MIN);
		expect((await api.stable()).expires_in).toBe(7200 - 600);
		await api.token(); // classic tokens do not disturb the stable one
		expect((await api.stable()).access_token).toBe(a.access_token);
		const f = await api.stable({ force_refresh: true });
		expect(f.access_token).not.toBe(a.access_token);
		expect(f.expires_in).toBe(7200);
		const r = await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', a.access_token);
		expect(r.errcode).toBe(40001);
		expect(r.errmsg).toMatch(/^invalid credential, access_token is invalid or not latest rid: [0-9a-f-]+$/);
	});

	test('wrong appid 40013, wrong secret 40125, bad grant_type 40002 (both endpoints)', async () => {
		await open();
		const wrongId = await api.token(`grant_type=client_credential&appid=wxnope&secret=${sim.appSecret}`);
		expect(wrongId.errcode).toBe(40013);
		expect(wrongId.errmsg).toMatch(/^invalid appid rid: /);
		expect((await api.token(`grant_type=client_credential&appid=${sim.appId}&secret=nope`)).errcode).toBe(40125);
		expect((await api.token(`appid=${sim.appId}&secret=${sim.appSecret}`)).errcode).toBe(40002);
		expect((await api.stable({ appid: 'wxnope' })).errcode).toBe(40013);
		expect((await api.stable({ secret: 'nope' })).errcode).toBe(40125);
		expect(sim.tokensIssued).toBe(0);
	});

	test('get_api_domain_ip needs a valid token', async () => {
		await open();
		const { access_token: t } = await api.stable();
		expect(await (await fetch(`${sim.url}/cgi-bin/get_api_domain_ip?access_token=${t}`)).json()).toEqual({
			ip_list: ['127.0.0.1'],
		});
		expect((await (await fetch(`${sim.url}/cgi-bin/get_api_domain_ip`)).json()).errcode).toBe(41001);
	});

	test('missing and unknown tokens on datacube: 41001 / 40001', async () => {
		await open();
		const res = await fetch(`${sim.url}/datacube/getupstreammsg`, { method: 'POST', body: '{}' });
		expect((await res.json()).errcode).toBe(41001);
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', 'SIMTOKEN_guess')).errcode).toBe(40001);
	});

	test('ipWhitelisted:false answers 40164 naming the caller IP', async () => {
		await open({ ipWhitelisted: false });
		const t = await api.token();
		expect(t.errcode).toBe(40164);
		expect(t.errmsg).toMatch(/^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: /);
		sim.setOptions({ ipWhitelisted: true });
		const { access_token } = await api.stable();
		sim.setOptions({ ipWhitelisted: false });
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', access_token)).errcode).toBe(40164);
	});
});

describe('date rules', () => {
	let token;
	beforeEach(async () => {
		await open();
		token = (await api.stable()).access_token;
	});

	test.each([
		['getupstreammsg', '2024-11-01', '2024-11-07', '2024-11-08'],
		['getupstreammsghour', '2024-11-01', '2024-11-01', '2024-11-02'],
		['getupstreammsgdist', '2024-11-01', '2024-11-15', '2024-11-16'],
		['getupstreammsgweek', '2024-10-01', '2024-10-30', '2024-10-31'],
		['getupstreammsgdistmonth', '2024-10-01', '2024-10-30', '2024-10-31'],
	])('%s: ok at exactly the span, 61501 one day beyond', async (name, begin, okEnd, badEnd) => {
		const ok = await api.dc(name, begin, okEnd, token);
		expect(ok.errcode).toBeUndefined();
		expect(Array.isArray(ok.list)).toBe(true);
		const bad = await api.dc(name, begin, badEnd, token);
		expect(bad).toEqual({ errcode: 61501, errmsg: expect.stringMatching(/^date range error rid: /) });
	});

	test('day endpoints return every day of the range; spans can be overridden', async () => {
		const r = await api.dc('getupstreammsg', '2024-11-01', '2024-11-07', token);
		expect(new Set(r.list.map((x) => x.ref_date)).size).toBe(7);
		sim.setOptions({ spans: { getupstreammsgdistweek: 15 } });
		expect((await api.dc('getupstreammsgdistweek', '2024-11-01', '2024-11-15', token)).errcode).toBeUndefined();
		expect((await api.dc('getupstreammsgdistweek', '2024-11-01', '2024-11-16', token)).errcode).toBe(61501);
	});

	test('61500 for malformed dates or bodies', async () => {
		for (const [b, e] of [
			['2024-2-01', '2024-02-02'],
			['2024-02-30', '2024-03-01'],
			['20241101', '20241102'],
			[null, '2024-11-01'],
			[1, 2],
		]) {
			expect((await api.dc('getupstreammsg', b, e, token)).errcode).toBe(61500);
		}
		expect((await api.raw('getupstreammsg', 'not json', token)).errcode).toBe(61500);
		expect((await api.raw('getupstreammsg', '', token)).errcode).toBe(61500);
	});

	test('end_date = today (China) or end < begin -> 61501; yesterday is fine', async () => {
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-12-01', token)).errcode).toBe(61501);
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', token)).list.length).toBeGreaterThan(0);
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-29', token)).errcode).toBe(61501);
	});

	test('"today" is China time: 00:30 UTC on Dec 1 is already 08:30 on Dec 1 in China', async () => {
		clk.t = Date.parse('2024-12-01T00:30:00Z');
		expect(sim.today()).toBe('2024-12-01');
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', token)).list.length).toBeGreaterThan(0);
		clk.t = Date.parse('2024-11-30T15:59:59Z'); // 23:59:59 on Nov 30 in China
		expect(sim.yesterday()).toBe('2024-11-29');
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', token)).errcode).toBe(61501);
	});

	test('month label semantics: called on Dec 1 with Nov 1..Nov 5 -> the November row', async () => {
		const r = await api.dc('getupstreammsgmonth', '2024-11-01', '2024-11-05', token);
		expect(r.list.length).toBeGreaterThan(0);
		expect(new Set(r.list.map((x) => x.ref_date))).toEqual(new Set(['2024-11-01']));
		// a range without a 1st inside gives nothing
		expect((await api.dc('getupstreammsgmonth', '2024-11-02', '2024-11-30', token)).list).toEqual([]);
		// on Nov 30 November has not ended yet
		clk.t = Date.parse('2024-11-30T10:00:00+08:00');
		expect((await api.dc('getupstreammsgmonth', '2024-11-01', '2024-11-05', token)).list).toEqual([]);
	});

	test('week label semantics: Mondays in range whose week has ended', async () => {
		// Nov 1 (Fri)..Nov 30 on Sunday Dec 1: Mondays 4, 11, 18, 25; the week of the 25th ends today.
		const r = await api.dc('getupstreammsgdistweek', '2024-11-01', '2024-11-30', token);
		expect([...new Set(r.list.map((x) => x.ref_date))]).toEqual(['2024-11-04', '2024-11-11', '2024-11-18']);
		clk.t = Date.parse('2024-12-02T08:30:00+08:00');
		token = (await api.stable()).access_token; // the 2-hour token of Dec 1 has expired
		const r2 = await api.dc('getupstreammsgdistweek', '2024-11-01', '2024-11-30', token);
		expect([...new Set(r2.list.map((x) => x.ref_date))]).toEqual([
			'2024-11-04',
			'2024-11-11',
			'2024-11-18',
			'2024-11-25',
		]);
	});

	test('no data before 2014-12-01', async () => {
		const r = await api.dc('getupstreammsg', '2014-11-25', '2014-12-01', token);
		expect([...new Set(r.list.map((x) => x.ref_date))]).toEqual(['2014-12-01']);
		expect((await api.dc('getupstreammsgmonth', '2014-11-01', '2014-11-05', token)).list).toEqual([]);
	});
});

describe('data', () => {
	test('deterministic, realistic, sorted, matches expectedRows for day ranges', async () => {
		await open();
		const t = (await api.stable()).access_token;
		const a = await api.dc('getupstreammsg', '2024-11-01', '2024-11-07', t);
		const b = await api.dc('getupstreammsg', '2024-11-01', '2024-11-07', t);
		expect(a).toEqual(b);
		expect(a.list).toEqual(sim.expectedRows('getupstreammsg', '2024-11-01', '2024-11-07'));
		for (const row of a.list) {
			expect(Object.keys(row)).toEqual(['ref_date', 'msg_type', 'msg_user', 'msg_count']);
			expect([1, 2, 3, 4, 6]).toContain(row.msg_type);
			expect(Number.isInteger(row.msg_user) && Number.isInteger(row.msg_count)).toBe(true);
			expect(row.msg_user).toBeGreaterThan(0);
			expect(row.msg_user).toBeLessThanOrEqual(row.msg_count);
		}
		const h = await api.dc('getupstreammsghour', '2024-11-30', '2024-11-30', t);
		expect(Object.keys(h.list[0])).toEqual(['ref_date', 'ref_hour', 'msg_type', 'msg_user', 'msg_count']);
		expect(h.list.every((r) => r.ref_hour % 100 === 0 && r.ref_hour <= 2300)).toBe(true);
		const keys = h.list.map((r) => r.ref_hour * 10 + r.msg_type);
		expect(keys).toEqual([...keys].sort((x, y) => x - y));
		const d = await api.dc('getupstreammsgdist', '2024-11-16', '2024-11-30', t);
		expect(Object.keys(d.list[0])).toEqual(['ref_date', 'count_interval', 'msg_user']);
		expect(d.list.every((r) => r.count_interval >= 0 && r.count_interval <= 3)).toBe(true);
	});

	test('every day of a day endpoint has a row, and some (date,type) combinations are absent', () => {
		const rows = expectedRows('getupstreammsg', '2015-01-01', '2024-11-30', DEC1);
		const days = parseDate('2024-11-30') - parseDate('2015-01-01') + 1;
		expect(new Set(rows.map((r) => r.ref_date)).size).toBe(days);
		expect(rows.length).toBeLessThan(days * 5);
		expect(rows.length).toBeGreaterThan(days * 2);
		const dist = expectedRows('getupstreammsgdist', '2015-01-01', '2024-11-30', DEC1);
		expect(new Set(dist.map((r) => r.ref_date)).size).toBe(days);
	});

	test('expectedRows for a week range whose Monday precedes begin', () => {
		// Wed 2024-11-06 .. Wed 2024-11-20: weeks of Nov 4, 11 and 18 overlap; all ended by Dec 1.
		const rows = expectedRows('getupstreammsgweek', '2024-11-06', '2024-11-20', DEC1);
		expect([...new Set(rows.map((r) => r.ref_date))]).toEqual(['2024-11-04', '2024-11-11', '2024-11-18']);
		// On Sun Nov 24 the week of the 18th has not ended yet.
		const early = expectedRows(
			'getupstreammsgweek',
			'2024-11-06',
			'2024-11-20',
			Date.parse('2024-11-24T12:00:00+08:00'),
		);
		expect([...new Set(early.map((r) => r.ref_date))]).toEqual(['2024-11-04', '2024-11-11']);
		const months = expectedRows('getupstreammsgdistmonth', '2024-09-15', '2024-11-30', DEC1);
		expect([...new Set(months.map((r) => r.ref_date))]).toEqual(['2024-09-01', '2024-10-01', '2024-11-01']);
	});

	test('a client asking from the Monday gets exactly expectedRows', async () => {
		await open();
		const t = (await api.stable()).access_token;
		const r = await api.dc('getupstreammsgweek', '2024-11-04', '2024-11-20', t);
		expect(r.list).toEqual(sim.expectedRows('getupstreammsgweek', '2024-11-06', '2024-11-20'));
	});

	test('shuffle option changes order only', async () => {
		await open({ shuffle: true });
		const t = (await api.stable()).access_token;
		const r = await api.dc('getupstreammsghour', '2024-11-30', '2024-11-30', t);
		const expected = sim.expectedRows('getupstreammsghour', '2024-11-30', '2024-11-30');
		expect(r.list).not.toEqual(expected);
		expect(new Set(r.list.map((x) => JSON.stringify(x)))).toEqual(new Set(expected.map((x) => JSON.stringify(x))));
	});
});

describe('token expiry', () => {
	test('expireTokens -> 42001; stable_token then issues a new token', async () => {
		await open();
		const a = (await api.stable()).access_token;
		sim.expireTokens();
		const r = await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', a);
		expect(r.errcode).toBe(42001);
		expect(r.errmsg).toMatch(/^access_token expired rid: /);
		const b = (await api.stable()).access_token;
		expect(b).not.toBe(a);
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', b)).list.length).toBeGreaterThan(0);
	});

	test('expireTokenEvery: N calls succeed, call N+1 with the same token gets 42001', async () => {
		await open({ expireTokenEvery: 3 });
		let t = (await api.stable()).access_token;
		const codes = [];
		for (let i = 0; i < 8; i++) {
			const r = await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', t);
			codes.push(r.errcode || 0);
			if (r.errcode === 42001) t = (await api.stable()).access_token;
		}
		expect(codes).toEqual([0, 0, 0, 42001, 0, 0, 0, 42001]);
		expect(sim.tokensIssued).toBe(3);
	});
});

describe('faults', () => {
	async function run(seed) {
		const s = await startSimulator({
			now: () => DEC1,
			faults: { rate: 0.3, seed, kinds: ['busy', 'minuteQuota', 'http500', 'nonJson'] },
		});
		const t = (await client(s).stable()).access_token;
		const out = [];
		for (let i = 0; i < 40; i++) {
			const res = await fetch(`${s.url}/datacube/getupstreammsg?access_token=${t}`, {
				method: 'POST',
				body: JSON.stringify({ begin_date: '2024-11-30', end_date: '2024-11-30' }),
			});
			const text = await res.text();
			out.push(`${res.status}:${text.startsWith('{') ? (JSON.parse(text).errcode ?? 'ok') : text.slice(0, 6)}`);
		}
		await s.close();
		return out;
	}

	test('seeded faults are reproducible and of the requested kinds', async () => {
		const a = await run(42);
		const b = await run(42);
		const other = await run(43);
		expect(a).toEqual(b);
		expect(other).not.toEqual(a);
		const kinds = new Set(a);
		expect(kinds).toEqual(new Set(['200:ok', '200:-1', '200:45011', '500:Intern', '200:<html>']));
	});

	test('reset destroys the socket; forceErrcode answers every call', async () => {
		await open({ faults: { rate: 1, kinds: ['reset'] } });
		const t = (await api.stable()).access_token;
		await expect(api.dc('getupstreammsg', '2024-11-30', '2024-11-30', t)).rejects.toThrow();
		expect(sim.log.at(-1)).toMatchObject({ endpoint: 'getupstreammsg', fault: 'reset', status: 0 });
		sim.setOptions({ faults: { rate: 0 }, forceErrcode: 48001 });
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', t)).errcode).toBe(48001);
		sim.setOptions({ forceErrcode: null });
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', t)).list.length).toBeGreaterThan(0);
	});
});

describe('server', () => {
	test('log records, 404, latency with concurrency, prompt close with keep-alive', async () => {
		await open({ latencyMs: 200 });
		const t = (await api.stable()).access_token;
		const nf = await fetch(`${sim.url}/nope`);
		expect(nf.status).toBe(404);
		expect(await nf.json()).toEqual({ errcode: 404, errmsg: 'not found' });
		sim.resetLog();
		const started = Date.now();
		const all = await Promise.all(
			['2024-11-24', '2024-11-25', '2024-11-26', '2024-11-27', '2024-11-28', '2024-11-29', '2024-11-30'].map((d) =>
				api.dc('getupstreammsghour', d, d, t),
			),
		);
		expect(Date.now() - started).toBeLessThan(1000); // concurrent, not 7 x 200 ms
		expect(all.every((r) => r.list.length > 0)).toBe(true);
		expect(sim.log).toHaveLength(7);
		expect(sim.log[0]).toMatchObject({
			method: 'POST',
			path: '/datacube/getupstreammsghour',
			endpoint: 'getupstreammsghour',
			token: t,
			status: 200,
			errcode: 0,
			at: DEC1,
		});
		expect(sim.log.reduce((n, r) => n + r.rows, 0)).toBe(all.reduce((n, r) => n + r.list.length, 0));
		const closeStart = Date.now();
		await sim.close();
		expect(Date.now() - closeStart).toBeLessThan(1000);
		sim = null;
	});

	test('a request in flight when the log is reset is not logged when it finishes', async () => {
		await open({ latencyMs: 300 });
		const t = (await api.stable()).access_token;
		const late = api.dc('getupstreammsg', '2024-11-30', '2024-11-30', t);
		await new Promise((r) => setTimeout(r, 100));
		sim.resetLog();
		expect((await late).list.length).toBeGreaterThan(0);
		expect(sim.log).toEqual([]);
		await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', t);
		expect(sim.log).toHaveLength(1);
	});

	test('defaults and endpoint table', () => {
		expect(SIM_DEFAULTS.appId).toBe('wx0000000000sim01');
		expect(Object.keys(ENDPOINTS)).toEqual(expect.arrayContaining(['getupstreammsg', 'getupstreammsgdistmonth']));
		expect(formatDate(mondayOf(parseDate('2024-12-01')))).toBe('2024-11-25');
		expect(formatDate(chinaToday(Date.parse('2024-11-30T16:00:00Z')))).toBe('2024-12-01');
	});

	test('control routes drive an out-of-process simulator', async () => {
		await open();
		const t = (await api.stable()).access_token;
		await fetch(`${sim.url}/__sim/expire-tokens`, { method: 'POST' });
		expect((await api.dc('getupstreammsg', '2024-11-30', '2024-11-30', t)).errcode).toBe(42001);
		const q = new URLSearchParams({ endpoint: 'getupstreammsgweek', begin: '2024-11-06', end: '2024-11-20' });
		const exp = await (await fetch(`${sim.url}/__sim/expected?${q}`)).json();
		expect(exp.list).toEqual(sim.expectedRows('getupstreammsgweek', '2024-11-06', '2024-11-20'));
		const state = await (await fetch(`${sim.url}/__sim/state`)).json();
		expect(state).toMatchObject({ tokensIssued: 1, datacubeCalls: 0, today: '2024-12-01', yesterday: '2024-11-30' });
		await fetch(`${sim.url}/__sim/options`, { method: 'POST', body: JSON.stringify({ forceErrcode: 45009 }) });
		expect(sim.options.forceErrcode).toBe(45009);
		expect(state.options.serveRetired).toBe(false);
		await fetch(`${sim.url}/__sim/options`, { method: 'POST', body: JSON.stringify({ serveRetired: true }) });
		expect(sim.options.serveRetired).toBe(true);
	});

	test('cli prints one JSON line and stops on SIGTERM', async () => {
		const args = [
			'--port',
			'0',
			'--app-id',
			'wxcli',
			'--app-secret',
			's3cret',
			'--now',
			'2024-12-01T10:00:00+08:00',
			'--account',
			'wxB:sb:2',
			'--serve-retired',
			'--options',
			'{"callerIp":"192.0.2.1","readyHour":11}',
		];
		const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const exited = new Promise((resolve) => child.once('exit', resolve));
		try {
			const line = await new Promise((resolve, reject) => {
				let buf = '';
				child.stdout.on('data', (d) => {
					buf += d;
					if (buf.includes('\n')) resolve(buf.split('\n')[0]);
				});
				exited.then((code) => reject(new Error(`exited ${code}`)));
			});
			const info = JSON.parse(line);
			expect(info).toEqual({
				url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
				appId: 'wxcli',
				appSecret: 's3cret',
			});
			const tok = await (
				await fetch(`${info.url}/cgi-bin/token?grant_type=client_credential&appid=wxcli&secret=s3cret`)
			).json();
			const r = await fetch(`${info.url}/datacube/getupstreammsg?access_token=${tok.access_token}`, {
				method: 'POST',
				body: JSON.stringify({ begin_date: '2024-11-29', end_date: '2024-11-29' }),
			});
			expect((await r.json()).list.length).toBeGreaterThan(0);
			const classic = await fetch(`${info.url}/datacube/getuserread?access_token=${tok.access_token}`, {
				method: 'POST',
				body: JSON.stringify({ begin_date: '2024-11-29', end_date: '2024-11-29' }),
			});
			expect((await classic.json()).list.length).toBeGreaterThan(0); // --serve-retired
			const tokB = await (
				await fetch(`${info.url}/cgi-bin/token?grant_type=client_credential&appid=wxB&secret=sb:2`)
			).json();
			expect(tokB.access_token).toMatch(/^SIMTOKEN_/);
			const state = await (await fetch(`${info.url}/__sim/state`)).json();
			expect(state).toMatchObject({
				latestDay: '2024-11-29',
				options: { callerIp: '192.0.2.1', accounts: [{ appId: 'wxB', appSecret: 'sb:2' }], serveRetired: true },
			});
		} finally {
			child.kill('SIGTERM');
		}
		const code = await exited;
		expect(code).toBe(0);
	});
});
