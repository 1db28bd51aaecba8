/**
 * No App Secret, access token or proxy password in anything a run produces: output items, the
 * error's message, description, cause chain and stack, n8n's run data and the engine's log lines.
 * The simulator echoes the secrets back the way WeChat and proxies do (in errmsg, in an HTML error
 * page, in a redirect URL), so the secrets really reach the node's error paths and only its
 * redaction keeps them out.
 */
const net = require('net');
const { wechatSuite, rowsOf } = require('./suite');

const suite = wechatSuite();
const { datacubeCalls, tokenCalls, setCredential } = suite;
const FAST_RETRY = { retryDelayMs: 1, quotaWaitMs: 5, maxAttempts: 3, parallelRequests: 2 };
const RANGE = { dateRange: 'custom', beginDate: '2024-01-01', endDate: '2024-01-10', options: FAST_RETRY };
const WRONG_SECRET = 'wrong-but-secret-value-123';
const PROXY_PASSWORD = 'proxy-pass-secret-42';

function serialize(value) {
	const seen = new WeakSet();
	return JSON.stringify(value, (key, v) => {
		if (v instanceof Error) {
			return { ...v, name: v.name, message: v.message, stack: v.stack, description: v.description, cause: v.cause };
		}
		if (v && typeof v === 'object') {
			if (seen.has(v)) return undefined;
			seen.add(v);
		}
		return v;
	});
}

/** Runs the node and checks that none of the secrets the simulator saw or echoed is in anything produced. */
async function runAndSweep(parameters, { continueOnFail = false } = {}) {
	const { sim, engine } = suite;
	engine.logs.length = 0; // this run's log lines only
	const result = await suite.run(parameters, { continueOnFail });
	const tokens = sim.log.map((entry) => entry.token).concat(engine.credentials.get('sim').accessToken);
	const secrets = [...new Set([...tokens, sim.appSecret, WRONG_SECRET, PROXY_PASSWORD])].filter(Boolean);
	const everything = serialize([result.data, result.error, result.nodeErrors, result.runData, engine.logs]);
	expect(everything.length).toBeGreaterThan(100);
	for (const secret of secrets) expect(everything).not.toContain(secret);
	return result;
}

/** The simulator really put secrets into its answers (echo mode applied), so the sweep above saw them. */
function expectEchoed(mode) {
	expect(suite.sim.log.filter((entry) => entry.echo === mode).length).toBeGreaterThan(0);
}

async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function storeToken() {
	expect((await suite.run({})).error).toBeUndefined();
	suite.sim.resetLog();
}

describe('WeChat errmsg naming the secret', () => {
	it('a datacube error (48001) naming the token fails the node without it', async () => {
		suite.sim.setOptions({ echoSecrets: 'errmsg', forceErrcode: 48001 });
		const result = await runAndSweep(RANGE);
		expect(result.error.message).toMatch(/not authorized to use the data statistics API \(errcode 48001\)/);
		expect(result.error.description).toMatch(/WeChat said: ".*access_token is \*\*\*/);
		expectEchoed('errmsg');
	});

	it('the same error as a continueOnFail error item', async () => {
		suite.sim.setOptions({ echoSecrets: 'errmsg', forceErrcode: 48001 });
		const result = await runAndSweep(RANGE, { continueOnFail: true });
		expect(result.data.WeChat).toHaveLength(1);
		expect(result.data.WeChat[0].json.error).toMatch(/errcode 48001/);
		expectEchoed('errmsg');
	});

	it('busy answers naming the token, retried until rows come', async () => {
		suite.sim.setOptions({ echoSecrets: 'errmsg', forceErrcode: { errcode: -1, times: 2 } });
		const result = await runAndSweep(RANGE);
		expect(result.error).toBeUndefined();
		expect(rowsOf(result)).toEqual(suite.sim.expectedRows('getupstreammsg', '2024-01-01', '2024-01-10'));
		expectEchoed('errmsg');
	});

	it('busy answers naming the token until Max Attempts', async () => {
		suite.sim.setOptions({ echoSecrets: 'errmsg', forceErrcode: -1 });
		const result = await runAndSweep(RANGE);
		expect(result.error.message).toMatch(/kept failing after 3 attempts/);
		expectEchoed('errmsg');
	});

	it('an expired token named in 42001 and 40001 after the refresh', async () => {
		await storeToken();
		suite.sim.expireTokens();
		suite.sim.setOptions({ echoSecrets: 'errmsg', forceErrcode: 40001 });
		const result = await runAndSweep({ ...RANGE, options: { ...FAST_RETRY, parallelRequests: 1 } });
		expect(result.error.message).toMatch(/rejected the access token even after fetching a new one \(errcode 40001\)/);
		const echoed = datacubeCalls().filter((call) => call.echo === 'errmsg');
		expect(new Set(echoed.map((call) => call.errcode))).toEqual(new Set([42001, 40001]));
		expect(tokenCalls().length).toBeGreaterThan(0);
	});

	it('a caller IP not on the whitelist (40164), with the token', async () => {
		await storeToken();
		suite.sim.setOptions({ echoSecrets: 'errmsg', ipWhitelisted: false });
		const result = await runAndSweep(RANGE);
		expect(result.error.message).toMatch(/127\.0\.0\.1 is not on the account's IP whitelist \(errcode 40164\)/);
		expectEchoed('errmsg');
	});

	it.each([
		['stable', 'stable_token'],
		['classic', 'token'],
	])('a wrong App Secret named by the %s token endpoint (40125)', async (issuingEndpoint, endpoint) => {
		setCredential({ issuingEndpoint, appSecret: WRONG_SECRET });
		suite.sim.setOptions({ echoSecrets: 'errmsg' });
		const result = await runAndSweep(RANGE);
		expect(result.error.message).toMatch(/WeChat rejected the App Secret \(errcode 40125\)/);
		const calls = tokenCalls();
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every((call) => call.endpoint === endpoint && call.errcode === 40125 && call.echo === 'errmsg')).toBe(
			true,
		);
	});

	it('a token endpoint 40164 naming AppID and App Secret', async () => {
		suite.sim.setOptions({ echoSecrets: 'errmsg', ipWhitelisted: false });
		const result = await runAndSweep(RANGE);
		expect(result.error.message).toMatch(/errcode 40164/);
		expectEchoed('errmsg');
	});

	it('the Base URL user-info (proxy password) with an echoing error', async () => {
		setCredential({
			baseUrl: suite.sim.url.replace('//', `//proxyuser:${PROXY_PASSWORD}@`),
		});
		suite.sim.setOptions({ echoSecrets: 'errmsg', forceErrcode: 48001 });
		const result = await runAndSweep(RANGE);
		expect(result.error.message).toMatch(/errcode 48001/);
		expectEchoed('errmsg');
	});
});

describe('a proxy printing the request (HTML error page)', () => {
	it.each([
		['datacube', 'stable'],
		['stable_token', 'stable'],
		['token', 'classic'],
	])('502 page from %s (%s token endpoint) until Max Attempts', async (endpoint, issuingEndpoint) => {
		setCredential({ issuingEndpoint });
		if (endpoint === 'datacube') await storeToken();
		suite.sim.setOptions({ echoSecrets: { mode: 'html', endpoints: [endpoint] } });
		const result = await runAndSweep(RANGE, { continueOnFail: true });
		expect(result.data.WeChat[0].json.error).toMatch(/kept failing after 3 attempts/);
		expectEchoed('html');
	});
});

describe('a proxy redirecting to its login page with the secrets in the URL', () => {
	const LOGIN_PAGE =
		/^Could not fetch 2024-01-01 to 2024-01-07: HTTP 403 from http:\/\/127\.0\.0\.1:\d+\/datacube\/getupstreammsg$/;
	const NO_TOKEN =
		/^Could not fetch 2024-01-01 to 2024-01-07: WeChat kept failing after 3 attempts: Could not fetch an access token from http:\/\/127\.0\.0\.1:\d+: the request failed$/;
	it.each([
		['datacube', 'stable', LOGIN_PAGE],
		['stable_token', 'stable', NO_TOKEN],
		['token', 'classic', NO_TOKEN],
	])('302 from %s (%s token endpoint)', async (endpoint, issuingEndpoint, message) => {
		setCredential({ issuingEndpoint });
		if (endpoint === 'datacube') await storeToken();
		suite.sim.setOptions({ echoSecrets: { mode: 'redirect', endpoints: [endpoint] } });
		const result = await runAndSweep(RANGE, { continueOnFail: true });
		expect(result.data.WeChat[0].json.error).toMatch(message);
		expectEchoed('redirect');
	});
});

describe('before WeChat answers', () => {
	it('the credential refuses plain http:// to a host other than this machine', async () => {
		setCredential({ baseUrl: 'http://wechat-proxy.internal.example' });
		const result = await runAndSweep(RANGE);
		expect(result.error.message).toMatch(/plain http:\/\/ to wechat-proxy\.internal\.example/);
		expect(result.error.description).toMatch(/Allow Insecure HTTP/);
		expect(suite.sim.log).toHaveLength(0);
	});

	it('an unreachable classic token endpoint (the secret in its URL) is named without the URL', async () => {
		setCredential({
			baseUrl: `http://proxyuser:${PROXY_PASSWORD}@127.0.0.1:${await closedPort()}`,
			issuingEndpoint: 'classic',
		});
		const result = await runAndSweep({ ...RANGE, options: { ...FAST_RETRY, maxAttempts: 2 } });
		expect(result.error.message).toMatch(
			/^Could not fetch 2024-01-01 to 2024-01-07: WeChat kept failing after 2 attempts: Could not fetch an access token from http:\/\/127\.0\.0\.1:\d+: the connection was refused$/,
		);
	});
});
