'use strict';
// Several known accounts, tokens bound to the account that got them, token-endpoint errors
// (40013, 40125, 40164, forced 45011) and get_api_domain_ip. Fixed clock; any machine TZ.

const { expectedRows, SIM_DEFAULTS } = require('./index');
const { useSim, client, MIN } = require('./test-helpers');

const t = useSim();
const B = { appId: 'wx00000000000acctB', appSecret: 'secret-of-account-b-0123456789ab' };
const C = { appId: 'wx00000000000acctC', appSecret: 'secret-of-account-c-0123456789ab' };
const DAY = ['2024-11-30', '2024-11-30'];

describe('several accounts', () => {
	test('each account gets its own token and its own rows; the log names the account', async () => {
		await t.open({ accounts: [B] });
		const b = client(t.sim, B);
		const tokenA = (await t.api.stable()).access_token;
		const tokenB = (await b.stable()).access_token;
		expect(tokenB).not.toBe(tokenA);
		const rowsA = (await t.api.dc('getupstreammsg', ...DAY, tokenA)).list;
		const rowsB = (await b.dc('getupstreammsg', ...DAY, tokenB)).list;
		expect(rowsA).toEqual(t.sim.expectedRows('getupstreammsg', ...DAY));
		expect(rowsB).toEqual(t.sim.expectedRows('getupstreammsg', ...DAY, { appId: B.appId }));
		expect(rowsB).not.toEqual(rowsA);
		const q = new URLSearchParams({ endpoint: 'getupstreammsg', begin: DAY[0], end: DAY[1], appId: B.appId });
		expect((await (await fetch(`${t.sim.url}/__sim/expected?${q}`)).json()).list).toEqual(rowsB);
		expect(t.sim.log.map((r) => [r.endpoint, r.appId])).toEqual([
			['stable_token', t.sim.appId],
			['stable_token', B.appId],
			['getupstreammsg', t.sim.appId],
			['getupstreammsg', B.appId],
		]);
	});

	test('module-level expectedRows: the default account is the unsalted data set, others are seeded by AppID', () => {
		const now = Date.parse('2024-12-01T10:00:00+08:00');
		const primary = expectedRows('getupstreammsgdist', ...DAY, now);
		expect(expectedRows('getupstreammsgdist', ...DAY, now, { appId: SIM_DEFAULTS.appId })).toEqual(primary);
		expect(expectedRows('getupstreammsgdist', ...DAY, now, { appId: B.appId })).not.toEqual(primary);
		expect(expectedRows('getupstreammsgdist', ...DAY, now, { appId: C.appId })).not.toEqual(
			expectedRows('getupstreammsgdist', ...DAY, now, { appId: B.appId }),
		);
	});

	test("refreshing one account never touches another account's tokens (classic and stable)", async () => {
		await t.open({ accounts: [B], classicGraceMs: 0 });
		const b = client(t.sim, B);
		const classicA = (await t.api.token()).access_token;
		const stableA = (await t.api.stable()).access_token;
		const classicB1 = (await b.token()).access_token;
		const classicB2 = (await b.token()).access_token;
		await b.stable({ force_refresh: true });
		expect((await b.dc('getupstreammsg', ...DAY, classicB1)).errcode).toBe(40001); // graceMs 0: dies at once
		expect((await b.dc('getupstreammsg', ...DAY, classicB2)).list.length).toBeGreaterThan(0);
		expect((await t.api.dc('getupstreammsg', ...DAY, classicA)).list.length).toBeGreaterThan(0);
		expect((await t.api.dc('getupstreammsg', ...DAY, stableA)).list.length).toBeGreaterThan(0);
	});

	test('classicGraceMs: default 5 minutes, settable at runtime', async () => {
		await t.open();
		const first = (await t.api.token()).access_token;
		await t.api.token();
		t.clk.advance(5 * MIN - 1000);
		expect((await t.api.dc('getupstreammsg', ...DAY, first)).list.length).toBeGreaterThan(0);
		t.sim.setOptions({ classicGraceMs: 0 });
		const second = (await t.api.token()).access_token;
		await t.api.token();
		expect((await t.api.dc('getupstreammsg', ...DAY, second)).errcode).toBe(40001);
	});

	test("unknown AppID 40013, a known AppID with another account's secret 40125, on both endpoints", async () => {
		await t.open({ accounts: [B] });
		const wrongPair = client(t.sim, { appId: B.appId, appSecret: t.sim.appSecret });
		const unknown = client(t.sim, { appId: 'wx9999999999other', appSecret: B.appSecret });
		for (const api of [wrongPair, unknown]) {
			const codes = [(await api.token()).errcode, (await api.stable()).errcode];
			expect(codes).toEqual(api === wrongPair ? [40125, 40125] : [40013, 40013]);
		}
		expect((await unknown.stable()).errmsg).toMatch(/^invalid appid rid: [0-9a-f-]+$/);
		expect((await wrongPair.stable()).errmsg).toMatch(/^invalid appsecret rid: /);
		expect(t.sim.tokensIssued).toBe(0);
	});

	test('accounts can change at runtime: a reset secret gives 40125, a removed account 40013', async () => {
		await t.open({ accounts: [B] });
		const b = client(t.sim, B);
		expect((await b.stable()).access_token).toBeDefined();
		t.sim.setOptions({ accounts: [{ ...B, appSecret: 'reset-secret' }] });
		expect((await b.stable()).errcode).toBe(40125);
		expect((await client(t.sim, { appId: B.appId, appSecret: 'reset-secret' }).stable()).access_token).toBeDefined();
		t.sim.setOptions({ accounts: [] });
		expect((await b.token()).errcode).toBe(40013);
		expect(() => t.sim.setOptions({ accounts: [{ appId: 'x' }] })).toThrow(/appSecret/);
	});

	test('40164 names the caller IP, per account or for all, on token, datacube and get_api_domain_ip', async () => {
		await t.open({ accounts: [B], callerIp: '203.0.113.7' });
		const b = client(t.sim, B);
		const tokenB = (await b.stable()).access_token;
		t.sim.setOptions({ accounts: [{ ...B, ipWhitelisted: false }] });
		const ipMsg = /^invalid ip 203\.0\.113\.7 ipv6 ::ffff:203\.0\.113\.7, not in whitelist rid: [0-9a-f-]+$/;
		for (const answer of [
			await b.stable(),
			await b.token(),
			await b.dc('getupstreammsg', ...DAY, tokenB),
			await b.domainIp(tokenB),
		]) {
			expect(answer).toEqual({ errcode: 40164, errmsg: expect.stringMatching(ipMsg) });
		}
		const tokenA = (await t.api.stable()).access_token; // the primary account is still whitelisted
		expect((await t.api.dc('getupstreammsg', ...DAY, tokenA)).list.length).toBeGreaterThan(0);
		t.sim.setOptions({ callerIp: null, ipWhitelisted: false });
		expect((await t.api.domainIp(tokenA)).errmsg).toMatch(
			/^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist/,
		);
	});
});

describe('token endpoint errors on request (tokenErrcode)', () => {
	test('45011 for the first N token requests that pass the credential checks, then tokens', async () => {
		await t.open({ tokenErrcode: { errcode: 45011, times: 2 } });
		const wrong = client(t.sim, { appId: t.sim.appId, appSecret: 'nope' });
		expect((await wrong.stable()).errcode).toBe(40125); // credentials first: does not count
		const q1 = await t.api.stable();
		expect(q1).toEqual({
			errcode: 45011,
			errmsg: expect.stringMatching(/^api minute-quota reach limit {2}mustslower {2}retry next minute rid: /),
		});
		expect((await t.api.token()).errcode).toBe(45011);
		expect((await t.api.stable()).access_token).toMatch(/^SIMTOKEN_/);
		expect(t.sim.log.map((r) => r.errcode)).toEqual([40125, 45011, 45011, 0]);
	});

	test('endpoints, after and rate select which requests; a number means every token request', async () => {
		await t.open({ tokenErrcode: { errcode: -1, endpoints: ['stable_token'], after: 1, times: 1 } });
		const codes = [];
		for (let i = 0; i < 3; i++) codes.push((await t.api.stable()).errcode ?? 0, (await t.api.token()).errcode ?? 0);
		expect(codes).toEqual([0, 0, -1, 0, 0, 0]);
		t.sim.setOptions({ tokenErrcode: 40164 });
		expect((await t.api.token()).errmsg).toMatch(/^invalid ip 127\.0\.0\.1 /);
		t.sim.setOptions({ tokenErrcode: { errcode: 45011, rate: 0.5, seed: 3 } });
		const draws = [];
		for (let i = 0; i < 12; i++) draws.push((await t.api.stable()).errcode ?? 0);
		expect(new Set(draws)).toEqual(new Set([0, 45011]));
		t.sim.setOptions({ tokenErrcode: { errcode: 45011, rate: 0.5, seed: 3 } });
		const again = [];
		for (let i = 0; i < 12; i++) again.push((await t.api.stable()).errcode ?? 0);
		expect(again).toEqual(draws);
		expect(() => t.sim.setOptions({ tokenErrcode: { errcode: 1, endpoints: ['nope'] } })).toThrow(/endpoints/);
	});

	test('forceErrcode: a number hits datacube only; endpoints can add get_api_domain_ip', async () => {
		await t.open({ forceErrcode: 48001 });
		const token = (await t.api.stable()).access_token;
		expect(await t.api.domainIp(token)).toEqual({ ip_list: ['127.0.0.1'] });
		expect((await t.api.dc('getupstreammsg', ...DAY, token)).errcode).toBe(48001);
		t.sim.setOptions({ forceErrcode: { errcode: 40164, endpoints: ['get_api_domain_ip'], times: 1 } });
		expect((await t.api.domainIp(token)).errcode).toBe(40164);
		expect((await t.api.domainIp(token)).ip_list).toEqual(['127.0.0.1']);
		expect((await t.api.dc('getupstreammsg', ...DAY, token)).list.length).toBeGreaterThan(0);
	});
});

describe('get_api_domain_ip and token lifecycle helpers', () => {
	test('ip_list for a valid token of any account; 41001, 40001, 42001 otherwise', async () => {
		await t.open({ accounts: [B] });
		const tokenB = (await client(t.sim, B).stable()).access_token;
		expect(await t.api.domainIp(tokenB)).toEqual({ ip_list: ['127.0.0.1'] });
		expect(t.sim.log.at(-1)).toMatchObject({ endpoint: 'get_api_domain_ip', appId: B.appId, errcode: 0 });
		expect((await t.api.http('/cgi-bin/get_api_domain_ip')).text).toMatch(/"errcode":41001/);
		expect((await t.api.domainIp('SIMTOKEN_guess')).errcode).toBe(40001);
		t.sim.expireTokens();
		expect((await t.api.domainIp(tokenB)).errcode).toBe(42001);
	});

	test('forceRefresh (and /__sim/force-refresh): another system replaces the stable token, the old one dies', async () => {
		await t.open({ accounts: [B] });
		const old = (await t.api.stable()).access_token;
		const fresh = t.sim.forceRefresh();
		expect(fresh).not.toBe(old);
		expect((await t.api.dc('getupstreammsg', ...DAY, old)).errcode).toBe(40001);
		expect((await t.api.stable()).access_token).toBe(fresh);
		const res = await fetch(`${t.sim.url}/__sim/force-refresh`, {
			method: 'POST',
			body: JSON.stringify({ appId: B.appId }),
		});
		const { access_token: viaRoute } = await res.json();
		expect((await client(t.sim, B).stable()).access_token).toBe(viaRoute);
		expect(() => t.sim.forceRefresh('wxnobody')).toThrow(/unknown account/);
	});

	test('resetOptions restores every runtime option as started', async () => {
		await t.open({ latencyMs: 5, accounts: [B] });
		t.sim.setOptions({
			latencyMs: 0,
			forceErrcode: 48001,
			tokenErrcode: 45011,
			accounts: [],
			readyHour: 0,
			callerIp: '1.2.3.4',
		});
		t.sim.resetOptions();
		expect(t.sim.options).toMatchObject({
			latencyMs: 5,
			forceErrcode: null,
			tokenErrcode: null,
			readyHour: 8,
			callerIp: null,
			accounts: [B],
		});
		expect((await client(t.sim, B).stable()).access_token).toBeDefined();
		await fetch(`${t.sim.url}/__sim/options`, { method: 'POST', body: JSON.stringify({ tokenErrcode: 45011 }) });
		await fetch(`${t.sim.url}/__sim/reset-options`, { method: 'POST' });
		expect((await t.api.stable()).access_token).toBeDefined();
	});
});
