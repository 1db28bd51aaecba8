/**
 * Issue 8 §1: a cached token is bound to the settings it was issued for. After the credential is
 * edited the way n8n's editor saves it (every field not retyped, the hidden token included, keeps
 * its stored value), the next execution fetches a token for the new settings instead of reusing
 * the old account's. The credential test checks exactly the AppID and App Secret entered.
 */
const { wechatSuite } = require('./suite');

const OTHER = { appId: 'wx9999999999other', appSecret: 'other-secret-9876543210fedcba' };
const suite = wechatSuite();
const { datacubeCalls, tokenCalls } = suite;
let sim;
let engine;
beforeAll(() => ({ sim, engine } = suite));
beforeEach(() => sim.setOptions({ accounts: [OTHER] }));

const RANGE = {
	operation: 'getDaily',
	dateRange: 'custom',
	beginDate: '2024-03-01',
	endDate: '2024-03-03',
	options: { addReadableFields: false },
};
const run = () => suite.run(RANGE);
const tokenCallsFor = (appId) => tokenCalls().filter((call) => call.appId === appId);

/** The editor's save: the user retypes some fields, every other stored field (the token too) stays. */
function editCredential(changes) {
	engine.credentials.set('sim', 'weChatOfficialAccountApi', { ...engine.credentials.get('sim'), ...changes });
}

async function firstRunCachesToken() {
	const first = await run();
	expect(first.error).toBeUndefined();
	const stored = engine.credentials.get('sim');
	expect(stored.accessToken).toBeTruthy();
	expect(stored.issuedFor).toMatch(/^v1:[0-9a-f]{64}$/);
	expect(JSON.stringify(stored.issuedFor)).not.toContain(sim.appSecret);
	sim.resetLog();
	return stored;
}

describe('a cached token is used only for the settings it was issued for', () => {
	it('reuses the token while nothing changed (no token request)', async () => {
		await firstRunCachesToken();
		const again = await run();
		expect(again.error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(0);
	});

	it("after the AppID is changed to another account, fetches that account's token and returns its rows", async () => {
		const before = await firstRunCachesToken();
		editCredential({ appId: OTHER.appId, appSecret: OTHER.appSecret });
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(tokenCallsFor(OTHER.appId)).toHaveLength(1);
		const expected = sim.expectedRows('getupstreammsg', '2024-03-01', '2024-03-03', { appId: OTHER.appId });
		expect(result.data.WeChat.map((item) => item.json)).toEqual(expected);
		expect(expected).not.toEqual(sim.expectedRows('getupstreammsg', '2024-03-01', '2024-03-03'));
		expect(datacubeCalls().every((call) => call.appId === OTHER.appId)).toBe(true);
		expect(engine.credentials.get('sim').accessToken).not.toBe(before.accessToken);
	});

	it('with an AppID WeChat does not know, fails with the AppID message and no rows', async () => {
		await firstRunCachesToken();
		editCredential({ appId: 'wx0000000000nobody' });
		const result = await run();
		expect(result.data.WeChat ?? []).toHaveLength(0);
		expect(result.error.message).toMatch(/does not recognise the AppID \(errcode 40013\)/);
		expect(datacubeCalls()).toHaveLength(0);
	});

	it.each([
		['App Secret', () => ({ appSecret: 'a-new-secret-after-reset-000111' }), 'wrong secret now'],
		['Base URL', () => ({ baseUrl: sim.url.replace('127.0.0.1', 'localhost') }), 'same account'],
		['Token Endpoint', () => ({ issuingEndpoint: 'classic' }), 'same account'],
	])('a changed %s means a new token request', async (_field, changes) => {
		await firstRunCachesToken();
		editCredential(changes());
		await run();
		expect(tokenCalls().length).toBeGreaterThanOrEqual(1);
	});
});

describe('Allow Insecure HTTP is part of the binding', () => {
	it.each(['classic', 'stable'])(
		'%s endpoint: after it is turned off, the token fetched while it was on is not used: a token request first',
		async (issuingEndpoint) => {
			editCredential({ allowInsecureHttp: true, issuingEndpoint });
			const before = await firstRunCachesToken();
			editCredential({ allowInsecureHttp: false });
			const result = await run();
			expect(result.error).toBeUndefined();
			const tokenRequests = tokenCalls();
			expect(tokenRequests.map((call) => call.endpoint)).toEqual([
				issuingEndpoint === 'classic' ? 'token' : 'stable_token',
			]);
			const stored = engine.credentials.get('sim');
			expect(stored.issuedFor).not.toBe(before.issuedFor);
			const calls = datacubeCalls();
			expect(calls.length).toBeGreaterThan(0);
			expect(calls.every((call) => call.token === stored.accessToken)).toBe(true);
			// /cgi-bin/token issues a new token; stable_token hands back the one still valid (WeChat's rule).
			if (issuingEndpoint === 'classic') expect(stored.accessToken).not.toBe(before.accessToken);
		},
	);

	it('turning it on again is a change too (its own token request)', async () => {
		await firstRunCachesToken();
		editCredential({ allowInsecureHttp: true });
		expect((await run()).error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(1);
	});
});

describe('the credential test checks what was entered, not the cached token', () => {
	const test = (data) => engine.testCredential('weChatOfficialAccountApi', data);

	it('passes for the right AppID and secret, and asks stable_token without force_refresh', async () => {
		const stored = await firstRunCachesToken();
		const result = await test(stored);
		expect(result).toMatchObject({ status: 'OK' });
		const calls = tokenCalls();
		expect(calls.map((call) => call.endpoint)).toEqual(['stable_token']);
		expect(calls[0].body.force_refresh ?? false).toBe(false);
	});

	it('never calls the classic token endpoint when testing a saved classic credential, so it invalidates nobody', async () => {
		editCredential({ issuingEndpoint: 'classic' });
		const stored = await firstRunCachesToken();
		expect(stored.issuingEndpoint).toBe('classic');
		const result = await test(stored);
		expect(result.status).toBe('OK');
		expect(tokenCalls().map((call) => call.endpoint)).toEqual(['stable_token']);
	});

	it.each([
		[
			40243,
			/^The App Secret of this account is frozen \(errcode 40243\)\. Unfreeze the AppSecret in the WeChat Developers Platform/,
		],
		[
			45009,
			/^The daily API quota of this Official Account is used up \(errcode 45009\)\. The quota resets at midnight China time\./,
		],
		[40002, /^WeChat answered without an access token\. Execute the node once/],
	])('fails for any errcode WeChat answers (%i), although a valid token is cached', async (errcode, message) => {
		const stored = await firstRunCachesToken();
		sim.setOptions({ tokenErrcode: errcode });
		const result = await test(stored);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});

	it('names a wrong App Secret although a valid token of the old settings is cached', async () => {
		const stored = await firstRunCachesToken();
		const result = await test({ ...stored, appSecret: 'wrong-secret-000000000000' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the App Secret.*40125/);
	});

	it('names an unknown AppID although a valid token of the old settings is cached', async () => {
		const stored = await firstRunCachesToken();
		const result = await test({ ...stored, appId: 'wx0000000000nobody' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/does not recognise the AppID.*40013/);
	});

	it('says the IP is not whitelisted', async () => {
		const stored = await firstRunCachesToken();
		sim.setOptions({ ipWhitelisted: false });
		const result = await test(stored);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/IP whitelist.*40164/);
	});

	it('says the IP is not whitelisted when the settings changed too (n8n fetches no token in the test: no IP named)', async () => {
		const stored = await firstRunCachesToken();
		sim.setOptions({ ipWhitelisted: false, callerIp: '203.0.113.7' });
		const result = await test({ ...stored, appId: OTHER.appId, appSecret: OTHER.appSecret });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^The IP address of this n8n server is not on the account's IP whitelist \(errcode 40164\)/,
		);
		expect(tokenCalls().map((call) => [call.endpoint, call.appId])).toEqual([['stable_token', OTHER.appId]]);
	});
});
