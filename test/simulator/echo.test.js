'use strict';
// echoSecrets: WeChat errmsg texts and proxy pages that carry the access_token and the App Secret
// back, so that a client's redaction can be tested on real text. Fixed clock; any machine TZ.

const { useSim, client } = require('./test-helpers');

const t = useSim();
const DAY = { begin_date: '2024-11-30', end_date: '2024-11-30' };

describe("echoSecrets: 'errmsg'", () => {
	test('datacube errors name the token; with forceErrcode times:2 the third call succeeds', async () => {
		await t.open({ echoSecrets: 'errmsg', forceErrcode: { errcode: -1, times: 2 } });
		const token = (await t.api.stable()).access_token;
		const answers = [];
		for (let i = 0; i < 3; i++) answers.push(await t.api.raw('getupstreammsg', DAY, token));
		expect(answers[0]).toEqual({
			errcode: -1,
			errmsg: expect.stringMatching(new RegExp(`^system error, access_token is ${token} rid: [0-9a-f-]+$`)),
		});
		expect(answers[1].errmsg).toContain(token);
		expect(answers[2].list.length).toBeGreaterThan(0);
		expect(t.sim.log.map((r) => r.echo)).toEqual([null, 'errmsg', 'errmsg', null]);
	});

	test('token errors: invalid credential / expired name the token', async () => {
		await t.open({ echoSecrets: 'errmsg' });
		const token = (await t.api.stable()).access_token;
		t.sim.expireTokens();
		expect((await t.api.raw('getupstreammsg', DAY, token)).errmsg).toMatch(
			new RegExp(`^access_token expired, access_token is ${token} rid: `),
		);
		expect((await t.api.raw('getupstreammsg', DAY, 'SIMTOKEN_old')).errmsg).toMatch(
			/^invalid credential, access_token is SIMTOKEN_old rid: /,
		);
		expect((await t.api.domainIp('SIMTOKEN_old')).errmsg).toMatch(
			/^invalid credential, access_token is SIMTOKEN_old rid: /,
		);
	});

	test('token endpoints name the App Secret (wrong secret, unknown AppID, forced 45011)', async () => {
		await t.open({ echoSecrets: 'errmsg', tokenErrcode: { errcode: 45011, times: 1 } });
		const wrong = client(t.sim, { appId: t.sim.appId, appSecret: 'typo-secret-123' });
		expect((await wrong.token()).errmsg).toMatch(/^invalid appsecret typo-secret-123 rid: /);
		const unknown = client(t.sim, { appId: 'wxnobody', appSecret: t.sim.appSecret });
		expect((await unknown.stable()).errmsg).toMatch(
			new RegExp(`^invalid appid wxnobody, appsecret ${t.sim.appSecret} rid: `),
		);
		const quota = await t.api.stable();
		expect(quota.errcode).toBe(45011);
		expect(quota.errmsg).toMatch(
			new RegExp(`^api minute-quota reach limit .*, appid ${t.sim.appId} appsecret ${t.sim.appSecret} rid: `),
		);
		expect((await t.api.stable()).access_token).toBeDefined();
	});

	test('times limits how many error answers carry secrets; successes never do', async () => {
		await t.open({ echoSecrets: { mode: 'errmsg', times: 1 }, forceErrcode: 48001 });
		const token = (await t.api.stable()).access_token;
		expect((await t.api.raw('getupstreammsg', DAY, token)).errmsg).toContain(token);
		expect((await t.api.raw('getupstreammsg', DAY, token)).errmsg).toMatch(/^api unauthorized rid: [0-9a-f-]+$/);
	});
});

describe("echoSecrets: 'html' (proxy 502 page)", () => {
	test('datacube: the page prints the URL with ?access_token=; WeChat never saw the request', async () => {
		await t.open({ echoSecrets: { mode: 'html', endpoints: ['datacube'], times: 1 } });
		const token = (await t.api.stable()).access_token;
		const page = await t.api.http(`/datacube/getupstreammsg?access_token=${token}`, {
			method: 'POST',
			body: JSON.stringify(DAY),
		});
		expect(page.status).toBe(502);
		expect(page.headers.get('content-type')).toBe('text/html');
		expect(page.text).toContain(`POST ${t.sim.url}/datacube/getupstreammsg?access_token=${token} HTTP/1.1`);
		expect(page.text).toMatch(/^<html>[\s\S]*502 Bad Gateway[\s\S]*<\/html>\r\n$/);
		expect(t.sim.datacubeCalls).toBe(0);
		expect(t.sim.log.at(-1)).toMatchObject({ endpoint: 'getupstreammsg', status: 502, echo: 'html' });
		expect((await t.api.raw('getupstreammsg', DAY, token)).list.length).toBeGreaterThan(0);
	});

	test('token endpoints: the classic URL carries &secret=, the stable_token body is printed', async () => {
		await t.open({ echoSecrets: 'html' });
		const classic = await t.api.http(
			`/cgi-bin/token?grant_type=client_credential&appid=${t.sim.appId}&secret=${t.sim.appSecret}`,
		);
		expect(classic.status).toBe(502);
		expect(classic.text).toContain(`&amp;secret=${t.sim.appSecret} HTTP/1.1`);
		const body = JSON.stringify({ grant_type: 'client_credential', appid: t.sim.appId, secret: t.sim.appSecret });
		const stable = await t.api.http('/cgi-bin/stable_token', { method: 'POST', body });
		expect(stable.status).toBe(502);
		expect(stable.text).toContain(`request body: ${body}`);
		expect(t.sim.tokensIssued).toBe(0);
	});
});

describe("echoSecrets: 'redirect'", () => {
	test('302 whose Location carries the request URL, the token and the App Secret', async () => {
		await t.open({ echoSecrets: { mode: 'redirect', endpoints: ['getupstreammsghour'] } });
		const token = (await t.api.stable()).access_token;
		const path = `/datacube/getupstreammsghour?access_token=${token}`;
		const r = await t.api.http(path, { method: 'POST', body: JSON.stringify(DAY) });
		expect(r.status).toBe(302);
		const location = new URL(r.headers.get('location'));
		expect(location.origin).toBe(t.sim.url);
		expect(location.pathname).toBe('/proxy/login');
		expect(Object.fromEntries(location.searchParams)).toEqual({
			return: t.sim.url + path,
			access_token: token,
			appsecret: t.sim.appSecret,
		});
		expect((await t.api.raw('getupstreammsg', DAY, token)).list.length).toBeGreaterThan(0); // other endpoints untouched
	});

	test('a client that follows it lands on a 403 page printing the same secrets', async () => {
		await t.open({ echoSecrets: { mode: 'redirect', endpoints: ['token'] } });
		const res = await fetch(
			`${t.sim.url}/cgi-bin/token?grant_type=client_credential&appid=${t.sim.appId}&secret=${t.sim.appSecret}`,
		);
		expect(res.status).toBe(403);
		expect(res.redirected).toBe(true);
		const text = await res.text();
		expect(text).toContain(`secret=${t.sim.appSecret}`);
		expect(t.sim.log.map((r) => [r.endpoint, r.status])).toEqual([
			['token', 302],
			['proxy_login', 403],
		]);
	});
});

test('echoSecrets rejects unknown modes', async () => {
	await t.open();
	expect(() => t.sim.setOptions({ echoSecrets: 'loud' })).toThrow(/errmsg, html, redirect/);
});
