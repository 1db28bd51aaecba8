/**
 * Account → Check Account in n8n's engine against the simulator: one item per check, what a check
 * finds is output (the execution succeeds), and the requests it makes. Five situations a real account
 * meets: healthy, IP not whitelisted (40164), not verified (48001), classic article APIs retired
 * (47009), a daily quota nearly used up (and one used up: 45009); plus the 08:00 China-time rule,
 * a stored token, the Classic Token endpoint, and no credential (the only way it fails).
 */
const { ENDPOINTS } = require('../simulator');
const { wechatWorkflow } = require('./wechat-workflow');
const helpers = require('./sim-helpers');

const suite = helpers.useSimulatorAndEngine();
// An account WeChat still serves the classic article APIs for; the 47009 suite turns that off (WeChat's default).
beforeEach(() => suite.sim.setOptions({ serveRetired: true }));

const FAMILIES = {
	messageSummary: 'getupstreammsg',
	userAnalysis: 'getusercumulate',
	publishedContent: 'getbizsummary',
	interfaceAnalysis: 'getinterfacesummary',
	articleAnalysis: 'getarticlesummary',
};
const CHECK_IDS = [
	'token',
	'ipWhitelist',
	'verification',
	'latestDay',
	...Object.keys(FAMILIES).map((resource) => `resource.${resource}`),
	...Object.keys(ENDPOINTS).map((endpoint) => `quota.${endpoint}`),
];
const NOT_CHECKED = [
	'verification',
	...Object.keys(FAMILIES).map((resource) => `resource.${resource}`),
	...Object.keys(ENDPOINTS).map((endpoint) => `quota.${endpoint}`),
];

async function check(options = {}) {
	const result = await suite.engine.run(
		wechatWorkflow({ parameters: { resource: 'account', operation: 'check' }, ...options }),
		{ timezone: 'Asia/Shanghai' },
	);
	const items = result.data.WeChat ?? [];
	const byId = Object.fromEntries(items.map((item) => [item.json.check, item.json]));
	return { result, items, byId, log: [...suite.sim.log] };
}

const statuses = (byId, ids) => Object.fromEntries(ids.map((id) => [id, byId[id].status]));
const ofEndpoint = (log, endpoint) => log.filter((entry) => entry.endpoint === endpoint);
const quotaPaths = (log) => ofEndpoint(log, 'quota_get').map((entry) => entry.body.cgi_path);

/** Every item has the documented fields, a remedy exactly when not ok, pairedItem 0, and no secret. */
function expectWellFormed({ items, log }) {
	expect(items.map((item) => item.json.check)).toEqual(CHECK_IDS);
	for (const item of items) {
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(['ok', 'warning', 'error']).toContain(item.json.status);
		expect(typeof item.json.message).toBe('string');
		expect(
			Object.keys(item.json).every((key) => ['check', 'status', 'message', 'remedy', 'details'].includes(key)),
		).toBe(true);
		if (item.json.status === 'ok') expect(item.json.remedy).toBeUndefined();
		else expect(item.json.remedy).toEqual(expect.any(String));
	}
	const text = JSON.stringify(items);
	const tokens = [...new Set(log.map((entry) => entry.token).filter(Boolean))];
	for (const secret of [suite.sim.appSecret, ...tokens]) expect(text).not.toContain(secret);
}

describe('a healthy account', () => {
	it('every check is ok, one item each, and the execution succeeds', async () => {
		suite.sim.setOptions({ latencyMs: 25 });
		const run = await check();
		const { result, byId, log } = run;
		expect(result.status).toBe('success');
		expectWellFormed(run);
		const classicServed = ofEndpoint(log, 'getarticlesummary')[0].errcode === 0;
		const notOk = run.items.filter((item) => item.json.status !== 'ok').map((item) => item.json.check);
		expect(notOk).toEqual(classicServed ? [] : ['resource.articleAnalysis']);

		expect(byId.token.details).toEqual({
			token_endpoint: '/cgi-bin/stable_token',
			base_url: suite.sim.url,
			app_id: suite.sim.appId,
			source: 'fetched',
		});
		expect(byId.token.message).toBe(
			`Obtained an access token from /cgi-bin/stable_token at ${suite.sim.url} for AppID ${suite.sim.appId}.`,
		);
		expect(byId.latestDay.details.latest_served_day).toBe(suite.sim.latestDay());
		for (const [resource, endpoint] of Object.entries(FAMILIES)) {
			if (endpoint === 'getarticlesummary' && !classicServed) continue;
			const rows = suite.sim.expectedRows(endpoint, suite.sim.latestDay(), suite.sim.latestDay()).length;
			expect(byId[`resource.${resource}`].details).toMatchObject({ endpoint, day: suite.sim.latestDay(), rows });
		}
		const classic = Object.keys(FAMILIES).find((resource) => FAMILIES[resource] === 'getarticlesummary');
		expect(result.runData.WeChat[0].hints).toEqual([
			expect.objectContaining(
				classicServed
					? { message: 'Check Account: all 30 checks are ok', type: 'info' }
					: {
							message: `Check Account: 0 errors, 1 warning (resource.${classic}); each item's remedy says what to do`,
							type: 'warning',
						},
			),
		]);
	});

	it('asks each resource family once for the latest served day, then every endpoint quota once, at most 4 at a time', async () => {
		suite.sim.setOptions({ latencyMs: 25 });
		const { log } = await check();
		const datacube = helpers.datacubeCalls(suite.sim);
		expect(datacube.map((entry) => entry.endpoint)).toEqual(Object.values(FAMILIES));
		for (const entry of datacube) {
			expect(entry.body).toEqual({ begin_date: suite.sim.latestDay(), end_date: suite.sim.latestDay() });
		}
		expect(quotaPaths(log).sort()).toEqual(
			Object.keys(ENDPOINTS)
				.map((endpoint) => `/datacube/${endpoint}`)
				.sort(),
		);
		expect(helpers.tokenCalls(suite.sim)).toHaveLength(1);
		expect(log).toHaveLength(1 + 5 + 21);
		// the quota queries come after the statistics requests, so their figures include them
		const firstQuota = log.findIndex((entry) => entry.endpoint === 'quota_get');
		expect(log.slice(firstQuota).every((entry) => entry.endpoint === 'quota_get')).toBe(true);
		const parallel = helpers.mostInFlight(log.filter((entry) => entry.endpoint !== 'stable_token'));
		expect(parallel).toBeGreaterThan(1);
		expect(parallel).toBeLessThanOrEqual(4);
	});

	it("reports each endpoint's daily_limit, used and remain as WeChat counts them, and what a year of data costs", async () => {
		const { byId } = await check();
		const quota = suite.sim.quota();
		for (const [endpoint, rules] of Object.entries(ENDPOINTS)) {
			const finding = byId[`quota.${endpoint}`];
			expect(finding.status).toBe('ok');
			expect(finding.details).toEqual({
				endpoint,
				cgi_path: `/datacube/${endpoint}`,
				...quota[endpoint],
				requests_per_year: Math.ceil(365 / rules.span),
			});
			expect(finding.message).toContain(
				`${quota[endpoint].remain} of ${quota[endpoint].daily_limit} requests left today`,
			);
		}
		expect(byId['quota.getupstreammsghour'].message).toContain('A year of hourly data costs 365 requests');
		expect(byId['quota.getinterfacesummary'].details.requests_per_year).toBe(13);
		// the check's own requests are counted: one each for the five family endpoints
		const again = await check();
		for (const endpoint of Object.values(FAMILIES)) {
			expect(again.byId[`quota.${endpoint}`].details.used).toBe(byId[`quota.${endpoint}`].details.used + 1);
		}
		expect(again.byId['quota.getupstreammsghour'].details.used).toBe(byId['quota.getupstreammsghour'].details.used);
	});

	it('uses the token stored in the credential when it is valid (no token request)', async () => {
		await check();
		suite.sim.resetLog();
		const { byId, log } = await check();
		expect(byId.token.status).toBe('ok');
		expect(byId.token.details.source).toBe('stored');
		expect(byId.token.message).toMatch(
			/^Used the access token stored in the credential, issued by \/cgi-bin\/stable_token/,
		);
		expect(helpers.tokenCalls(suite.sim)).toHaveLength(0);
		expect(log).toHaveLength(5 + 21);
	});

	it('names /cgi-bin/token and its drawback when the credential uses the Classic Token endpoint', async () => {
		helpers.setSimCredential(suite.engine, suite.sim, { issuingEndpoint: 'classic' });
		const { byId } = await check();
		expect(byId.token.status).toBe('ok');
		expect(byId.token.details.token_endpoint).toBe('/cgi-bin/token');
		expect(byId.token.message).toMatch(/Classic Token: each new token invalidates the one other systems hold/);
		expect(helpers.tokenCalls(suite.sim).map((entry) => entry.endpoint)).toEqual(['token']);
	});
});

describe('an IP that is not on the whitelist (40164)', () => {
	it('quotes the IP WeChat saw; nothing else is asked, and the execution succeeds', async () => {
		suite.sim.setOptions({ ipWhitelisted: false, callerIp: '203.0.113.7' });
		const run = await check();
		const { result, byId, log } = run;
		expect(result.status).toBe('success');
		expectWellFormed(run);
		expect(byId.ipWhitelist).toMatchObject({
			status: 'error',
			message: "WeChat refused requests from IP 203.0.113.7: it is not on the account's IP whitelist (errcode 40164)",
			remedy: expect.stringMatching(/^Add 203\.0\.113\.7 to the API IP whitelist/),
			details: { ip: '203.0.113.7', base_url: suite.sim.url },
		});
		expect(byId.token.status).toBe('error');
		expect(byId.token.message).toContain('Could not obtain an access token from /cgi-bin/stable_token');
		expect(byId.latestDay.status).toBe('ok');
		for (const id of NOT_CHECKED)
			expect([id, byId[id].status, byId[id].details]).toEqual([id, 'warning', { checked: false }]);
		expect(log.map((entry) => entry.endpoint)).toEqual(['stable_token']);
	});

	it('with a stored token the statistics request meets it: one request, the token reported as usable', async () => {
		await check(); // stores a token
		suite.sim.resetLog();
		suite.sim.setOptions({ ipWhitelisted: false, callerIp: '198.51.100.23' });
		const { byId, log } = await check();
		expect(byId.token).toMatchObject({ status: 'ok', details: { source: 'stored' } });
		expect(byId.ipWhitelist.status).toBe('error');
		expect(byId.ipWhitelist.message).toContain('IP 198.51.100.23');
		expect(byId['resource.messageSummary'].status).toBe('warning');
		expect(log.map((entry) => `${entry.endpoint} ${entry.errcode}`)).toEqual(['getupstreammsg 40164']);
	});
});

describe('an account that is not verified (48001)', () => {
	it('says only verified accounts may use the statistics, and what that means for personal-entity accounts', async () => {
		suite.sim.setOptions({ forceErrcode: 48001 });
		const run = await check();
		const { result, byId } = run;
		expect(result.status).toBe('success');
		expectWellFormed(run);
		expect(byId.verification.status).toBe('error');
		expect(byId.verification.message).toMatch(/^WeChat refused every statistics request with errcode 48001/);
		expect(byId.verification.message).toContain('The account is not verified.');
		expect(byId.verification.remedy).toMatch(/^Only verified Official Accounts/);
		expect(byId.verification.remedy).toContain('personal-entity accounts) cannot be verified');
		expect(byId.verification.details.refused).toEqual(Object.values(FAMILIES));
		for (const resource of Object.keys(FAMILIES)) {
			expect(byId[`resource.${resource}`]).toMatchObject({ status: 'error', details: { errcode: 48001 } });
		}
		expect(statuses(byId, ['token', 'ipWhitelist', 'latestDay'])).toEqual({
			token: 'ok',
			ipWhitelist: 'ok',
			latestDay: 'ok',
		});
	});

	it('48001 for one family only: the permission is missing, not the verification', async () => {
		suite.sim.setOptions({ forceErrcode: { errcode: 48001, endpoints: ['getusercumulate'] } });
		const { byId } = await check();
		expect(byId.verification.status).toBe('error');
		expect(byId.verification.message).toContain('User Analysis (getusercumulate)');
		expect(byId.verification.message).toContain('lacks the permission');
		expect(byId['resource.userAnalysis'].status).toBe('error');
		expect(byId['resource.messageSummary'].status).toBe('ok');
	});
});

describe('retired classic article APIs (47009)', () => {
	it('the classic family is a warning naming the replacements; everything else is ok', async () => {
		suite.sim.setOptions({ serveRetired: false });
		const run = await check();
		const { result, byId, items } = run;
		expect(result.status).toBe('success');
		expectWellFormed(run);
		const classic = byId['resource.articleAnalysis'];
		expect(classic.status).toBe('warning');
		expect(classic.message).toBe(
			'Article Analysis (Classic, Retired): WeChat has retired the classic article APIs: getarticlesummary answered errcode 47009 ("this api is offline, please use the new api")',
		);
		for (const words of [
			'Use these operations instead',
			'Get Article Summary: Published Content → Get Article Reads and Get Article Shares',
			'Get Article Total: Published Content → Get Article Details',
			'Get Reads by Source: Published Content → Get Overview',
			'data from 2025-11-01',
			'no hourly split',
		]) {
			expect(classic.remedy).toContain(words);
		}
		expect(items.filter((item) => item.json.status !== 'ok').map((item) => item.json.check)).toEqual([
			'resource.articleAnalysis',
		]);
		expect(byId.verification.status).toBe('ok');
		expect(result.runData.WeChat[0].hints).toEqual([
			expect.objectContaining({
				message: "Check Account: 0 errors, 1 warning (resource.articleAnalysis); each item's remedy says what to do",
				type: 'warning',
			}),
		]);
	});
});

describe('a daily quota nearly used up', () => {
	it('warns for the endpoint with little left, says what a year of hourly data costs and when it resets', async () => {
		suite.sim.setOptions({ dailyLimit: 1000, quotaUsed: { getupstreammsghour: 995 } });
		const { result, byId, items } = await check();
		expect(result.status).toBe('success');
		const hourly = byId['quota.getupstreammsghour'];
		expect(hourly.status).toBe('warning');
		expect(hourly.details).toMatchObject({ daily_limit: 1000, used: 995, remain: 5, requests_per_year: 365 });
		expect(hourly.message).toBe(
			'getupstreammsghour (Message Summary > Get Hourly): 5 of 1000 requests left today, 995 used. A year of hourly data costs 365 requests (one day per request), more than is left today.',
		);
		expect(hourly.remedy).toMatch(
			/^The quota resets at midnight China time \(\d{4}-\d\d-\d\d 00:00 China time, in about/,
		);
		const notOk = items.filter((item) => item.json.status !== 'ok').map((item) => item.json.check);
		expect(notOk.filter((id) => id !== 'resource.articleAnalysis')).toEqual(['quota.getupstreammsghour']);
	});

	it('a quota used up: the family request meets 45009 and the quota is an error', async () => {
		suite.sim.setOptions({ dailyLimit: 1000, quotaUsed: { getupstreammsg: 1000 } });
		const { result, byId } = await check();
		expect(result.status).toBe('success');
		expect(byId['resource.messageSummary']).toMatchObject({
			status: 'error',
			message: 'Message Summary: The daily API quota of this Official Account is used up (errcode 45009)',
			details: { errcode: 45009 },
		});
		expect(byId['quota.getupstreammsg']).toMatchObject({
			status: 'error',
			details: { daily_limit: 1000, used: 1000, remain: 0 },
		});
		expect(byId['resource.userAnalysis'].status).toBe('ok');
	});
});

describe('when it cannot run at all', () => {
	it('no credential: the node fails; with On Error: Continue it outputs one error item', async () => {
		const failed = await check({ credentialId: 'missing' });
		expect(failed.result.status).toBe('error');
		expect(failed.result.error.message).toContain('does not exist');
		const continued = await check({ credentialId: 'missing', continueOnFail: true });
		expect(continued.result.status).toBe('success');
		expect(continued.items).toHaveLength(1);
		expect(continued.items[0].json.error).toContain('does not exist');
		expect(continued.items[0].pairedItem).toEqual({ item: 0 });
		expect(continued.log).toHaveLength(0);
	});

	it('runs once for several input items', async () => {
		const { items, log } = await check({ items: [{}, {}, {}] });
		expect(items).toHaveLength(CHECK_IDS.length);
		expect(helpers.datacubeCalls(suite.sim)).toHaveLength(5);
		expect(ofEndpoint(log, 'quota_get')).toHaveLength(21);
	});
});
