'use strict';
// The simulator's daily API quota and POST /cgi-bin/openapi/quota/get (WECHAT-2026.md §3). Fixed clocks; any TZ.

const { useSim, HOUR } = require('./test-helpers');
const { DEFAULT_DAILY_LIMIT } = require('./quota');

const t = useSim();
// 2024-12-01 10:00 China time: the latest served day is 2024-11-30.
const DAY = '2024-11-30';

async function quotaGet(body, token, init = {}) {
	const res = await fetch(`${t.sim.url}/cgi-bin/openapi/quota/get?access_token=${token}`, {
		method: 'POST',
		body: typeof body === 'string' ? body : JSON.stringify(body),
		...init,
	});
	return res.json();
}

const quotaOf = async (endpoint, token) => (await quotaGet({ cgi_path: `/datacube/${endpoint}` }, token)).quota;

async function token(api = t.api) {
	return (await api.stable()).access_token;
}

describe('quota/get', () => {
	test('answers daily_limit, used and remain of a datacube endpoint, counting every call made to it today', async () => {
		await t.open();
		const tk = await token();
		expect(await quotaGet({ cgi_path: '/datacube/getusersummary' }, tk)).toEqual({
			errcode: 0,
			errmsg: 'ok',
			quota: { daily_limit: DEFAULT_DAILY_LIMIT, used: 0, remain: DEFAULT_DAILY_LIMIT },
		});
		await t.api.dc('getusersummary', DAY, DAY, tk);
		await t.api.dc('getusersummary', '2024-11-01', '2024-11-30', tk); // 61501: a call all the same
		await t.api.dc('getupstreammsg', DAY, DAY, tk);
		expect(await quotaOf('getusersummary', tk)).toEqual({
			daily_limit: DEFAULT_DAILY_LIMIT,
			used: 2,
			remain: DEFAULT_DAILY_LIMIT - 2,
		});
		expect((await quotaOf('getupstreammsg', tk)).used).toBe(1);
		expect((await quotaOf('getusercumulate', tk)).used).toBe(0);
		// quota/get and token calls are not datacube calls
		expect((await quotaOf('getusersummary', tk)).used).toBe(2);
		expect(t.sim.quota().getusersummary).toEqual({
			daily_limit: DEFAULT_DAILY_LIMIT,
			used: 2,
			remain: DEFAULT_DAILY_LIMIT - 2,
		});
		expect(t.sim.log.filter((r) => r.endpoint === 'quota_get')).toHaveLength(5);
	});

	test('counts per account: another account has its own quota', async () => {
		const other = { appId: 'wx00000000other02', appSecret: 'other-secret-0123456789' };
		await t.open({ accounts: [other] });
		const { client } = require('./test-helpers');
		const mine = await token();
		const theirs = await token(client(t.sim, other));
		await t.api.dc('getusercumulate', DAY, DAY, mine);
		await t.api.dc('getusercumulate', DAY, DAY, mine);
		await t.api.dc('getusercumulate', DAY, DAY, theirs);
		expect((await quotaOf('getusercumulate', mine)).used).toBe(2);
		expect((await quotaOf('getusercumulate', theirs)).used).toBe(1);
		expect(t.sim.quota(other.appId).getusercumulate.used).toBe(1);
	});

	test('dailyLimit per endpoint: at the limit a call answers 45009 and is not counted', async () => {
		await t.open({ dailyLimit: { getupstreammsghour: 2 } });
		const tk = await token();
		expect((await t.api.dc('getupstreammsghour', DAY, DAY, tk)).list).toBeDefined();
		expect((await t.api.dc('getupstreammsghour', DAY, DAY, tk)).list).toBeDefined();
		const refused = await t.api.dc('getupstreammsghour', DAY, DAY, tk);
		expect(refused.errcode).toBe(45009);
		expect(refused.errmsg).toMatch(/^reach max api daily quota limit rid: /);
		expect(await quotaOf('getupstreammsghour', tk)).toEqual({ daily_limit: 2, used: 2, remain: 0 });
		// other endpoints keep the default
		expect((await t.api.dc('getupstreammsg', DAY, DAY, tk)).list).toBeDefined();
		expect((await quotaOf('getupstreammsg', tk)).daily_limit).toBe(DEFAULT_DAILY_LIMIT);
		// one number limits every endpoint
		t.sim.setOptions({ dailyLimit: 1 });
		expect((await t.api.dc('getupstreammsg', DAY, DAY, tk)).errcode).toBe(45009);
		expect((await t.api.dc('getusersummary', DAY, DAY, tk)).list).toBeDefined();
		expect((await t.api.dc('getusersummary', DAY, DAY, tk)).errcode).toBe(45009);
	});

	test('quotaUsed: calls other systems made today count against the limit; the quota resets at midnight China time', async () => {
		await t.open({ dailyLimit: 1000, quotaUsed: { getarticleread: 998 } });
		const tk = await token();
		expect(await quotaOf('getarticleread', tk)).toEqual({ daily_limit: 1000, used: 998, remain: 2 });
		await t.api.dc('getarticleread', DAY, DAY, tk);
		await t.api.dc('getarticleread', DAY, DAY, tk);
		expect((await t.api.dc('getarticleread', DAY, DAY, tk)).errcode).toBe(45009);
		expect(await quotaOf('getarticleread', tk)).toEqual({ daily_limit: 1000, used: 1000, remain: 0 });
		t.clk.advance(14 * HOUR); // 2024-12-02 00:00 China time
		const fresh = await token();
		expect(await quotaOf('getarticleread', fresh)).toEqual({ daily_limit: 1000, used: 0, remain: 1000 });
		expect((await t.api.dc('getarticleread', '2024-11-30', '2024-11-30', fresh)).list).toBeDefined();
		// set at runtime: it describes the day it was set on
		t.sim.setOptions({ quotaUsed: { getarticleread: 500 } });
		expect((await quotaOf('getarticleread', fresh)).used).toBe(501);
	});

	test('errors: 76021 for a path it does not know, 47001 for a body that is not JSON, 43002 for GET, and the token checks', async () => {
		await t.open();
		const tk = await token();
		for (const cgiPath of [
			'/datacube/nosuchapi',
			'datacube/getusersummary',
			'/datacube/getusersummary/',
			'/cgi-bin/datacube/getusersummary',
			'',
			undefined,
			42,
		]) {
			const answer = await quotaGet({ cgi_path: cgiPath }, tk);
			expect([cgiPath, answer.errcode, answer.errmsg]).toEqual([
				cgiPath,
				76021,
				expect.stringMatching(/^cgi_path not found, please check rid: /),
			]);
		}
		expect((await quotaGet('{not json', tk)).errcode).toBe(47001);
		expect((await quotaGet('', tk, { method: 'GET', body: undefined })).errcode).toBe(43002);
		expect((await quotaGet({ cgi_path: '/datacube/getusersummary' }, '')).errcode).toBe(41001);
		expect((await quotaGet({ cgi_path: '/datacube/getusersummary' }, 'SIMTOKEN_bogus')).errcode).toBe(40001);
		t.sim.setOptions({ ipWhitelisted: false, callerIp: '203.0.113.7' });
		const denied = await quotaGet({ cgi_path: '/datacube/getusersummary' }, tk);
		expect(denied.errcode).toBe(40164);
		expect(denied.errmsg).toMatch(/^invalid ip 203\.0\.113\.7 /);
	});

	test('forceErrcode can target quota_get; /__sim/quota reports every endpoint', async () => {
		await t.open();
		const tk = await token();
		t.sim.setOptions({ forceErrcode: { errcode: -1, endpoints: ['quota_get'], times: 1 } });
		expect((await quotaGet({ cgi_path: '/datacube/getusersummary' }, tk)).errcode).toBe(-1);
		expect((await quotaGet({ cgi_path: '/datacube/getusersummary' }, tk)).errcode).toBe(0);
		await t.api.dc('getinterfacesummary', DAY, DAY, tk);
		const state = await (await fetch(`${t.sim.url}/__sim/quota`)).json();
		expect(Object.keys(state.quota)).toHaveLength(21);
		expect(state.quota.getinterfacesummary.used).toBe(1);
	});

	test('refuses malformed quota options', async () => {
		await t.open();
		expect(() => t.sim.setOptions({ dailyLimit: 0 })).toThrow('dailyLimit must be a whole number >= 1');
		expect(() => t.sim.setOptions({ dailyLimit: { nosuchapi: 5 } })).toThrow('dailyLimit: unknown endpoint nosuchapi');
		expect(() => t.sim.setOptions({ dailyLimit: { getusersummary: 0 } })).toThrow(
			'dailyLimit.getusersummary must be >= 1',
		);
		expect(() => t.sim.setOptions({ quotaUsed: { getusersummary: -1 } })).toThrow(
			'quotaUsed.getusersummary must be a whole number >= 0',
		);
		expect(() => t.sim.setOptions({ quotaUsed: [1] })).toThrow('quotaUsed must be an object');
	});
});
