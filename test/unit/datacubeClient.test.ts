import {
	backoffDelay,
	cancelledError,
	DatacubeClient,
	DatacubeError,
	DEFAULT_RETRY,
	MAX_BACKOFF_MS,
	MAX_TOKEN_REFRESHES,
	type RetryOptions,
} from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';
import {
	APP_SECRET,
	baseCredential,
	boundCredential,
	flush,
	networkError,
	ScriptedContext,
	rejectionOf,
	ScriptedSleeps,
} from './support/scriptedContext';

const sleeps = new ScriptedSleeps();
const failure = (promise: Promise<unknown>) => rejectionOf(promise, DatacubeError);

const RETRY: RetryOptions = { maxAttempts: 5, retryDelayMs: 1000, quotaWaitMs: 7000, timeoutMs: 4321 };
const ENDPOINT = 'getusersummary';

function setup(credential: Parameters<typeof baseCredential>[0] = boundCredential('token-0')) {
	const scripted = new ScriptedContext({ credential });
	return { scripted, client: new DatacubeClient(scripted.ctx) };
}

beforeEach(() => {
	sleeps.install();
	jest.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(() => {
	sleeps.uninstall();
	jest.restoreAllMocks();
});

describe('DatacubeClient.fetchList: answers', () => {
	it('posts begin_date/end_date as JSON with the timeout and returns the list', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { list: [{ ref_date: '2024-01-01' }] } });
		await expect(client.fetchList(ENDPOINT, '2024-01-01', '2024-01-07', RETRY)).resolves.toEqual({
			list: [{ ref_date: '2024-01-01' }],
			isDelay: false,
		});
		const [call] = scripted.server.calls;
		expect(call.url).toBe('https://api.weixin.qq.com/datacube/getusersummary');
		expect(call.method).toBe('POST');
		expect(call.body).toEqual({ begin_date: '2024-01-01', end_date: '2024-01-07' });
		expect(call.options).toMatchObject({ json: true, timeout: 4321 });
		expect(sleeps.calls).toHaveLength(0);
	});

	it('uses the default retry options when none are given', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { errcode: -1 } });
		await client.fetchList(ENDPOINT, '2024-01-01', '2024-01-01');
		expect(scripted.server.calls[0].options.timeout).toBe(DEFAULT_RETRY.timeoutMs);
		expect(sleeps.delays).toEqual([backoffDelay(1, DEFAULT_RETRY.retryDelayMs)]);
	});

	it('reads is_delay: only true counts', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { list: [], is_delay: true } }, { body: { list: [], is_delay: 'true' } });
		expect((await client.fetchList(ENDPOINT, 'a', 'b', RETRY)).isDelay).toBe(true);
		expect((await client.fetchList(ENDPOINT, 'a', 'b', RETRY)).isDelay).toBe(false);
	});

	it('parses a JSON answer that arrives as text, and errcode 0 is success', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: JSON.stringify({ errcode: 0, errmsg: 'ok', list: [1, 2] }) });
		await expect(client.fetchList(ENDPOINT, 'a', 'b', RETRY)).resolves.toEqual({ list: [1, 2], isDelay: false });
	});

	it('an answer without a list fails for good, with the body redacted and clipped', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { echo: `token-0 ${APP_SECRET} ${'x'.repeat(400)}` } });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY));
		expect(error.kind).toBe('fatal');
		expect(error.message).toBe('WeChat answered /datacube/getusersummary without a list');
		expect(error.description).toMatch(/^\{"echo":"\*\*\* \*\*\* x+…$/);
		expect(error.description.length).toBe(301);
		expect(scripted.server.calls).toHaveLength(1);
	});

	it('an empty answer has no list', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: null });
		expect((await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY))).description).toBe('{}');
	});
});

describe('DatacubeClient.fetchList: HTTP status', () => {
	it.each([300, 301, 302, 400, 403, 404, 499])(
		'HTTP %i fails for good and names the Base URL (without user-info)',
		async (status) => {
			const { scripted, client } = setup(boundCredential('token-0', { baseUrl: 'https://u:pw-123456@proxy.example/' }));
			scripted.server.queue('datacube', { status, body: 'nope' });
			const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY));
			expect(error).toMatchObject({ kind: 'fatal', httpCode: String(status), errcode: undefined });
			expect(error.message).toBe(`HTTP ${status} from https://proxy.example/datacube/getusersummary`);
			expect(error.description).toMatch(/Base URL/);
			expect(scripted.server.calls).toHaveLength(1);
			expect(sleeps.calls).toHaveLength(0);
		},
	);

	it.each([429, 500, 502, 599])('HTTP %i is transient: backoff, then the retry succeeds', async (status) => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { status, body: 'busy' }, { body: { list: ['ok'] } });
		await expect(client.fetchList(ENDPOINT, 'a', 'b', RETRY)).resolves.toEqual({ list: ['ok'], isDelay: false });
		expect(sleeps.delays).toEqual([750]);
	});

	it('an HTTP 502 that does not clear is reported with its status and the Base URL, no user-info', async () => {
		const { scripted, client } = setup(boundCredential('token-0', { baseUrl: 'https://u:pw-123456@proxy.example' }));
		scripted.server.responders.datacube = () => ({ status: 502, body: { errcode: 0 } });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, maxAttempts: 2 }));
		expect(error.kind).toBe('exhausted');
		expect(error.message).toBe('WeChat kept failing after 2 attempts: HTTP 502 from https://proxy.example');
	});

	it('HTTP 299 with a list is a success', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { status: 299, body: { list: [] } });
		await expect(client.fetchList(ENDPOINT, 'a', 'b', RETRY)).resolves.toEqual({ list: [], isDelay: false });
	});

	it('a non-JSON text answer (a proxy error page) is transient', async () => {
		const { scripted, client } = setup(boundCredential('token-0', { baseUrl: 'https://u:pw-123456@proxy.example' }));
		scripted.server.responders.datacube = () => ({ body: '<html>502 Bad Gateway</html>' });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, maxAttempts: 2 }));
		expect(error.kind).toBe('exhausted');
		expect(error.message).toBe(
			'WeChat kept failing after 2 attempts: a non-JSON answer from https://proxy.example (a proxy error page?)',
		);
		expect(error.description).toMatch(/Max Attempts/);
		expect(scripted.server.calls).toHaveLength(2);
	});
});

describe('DatacubeClient.fetchList: retries and waits', () => {
	it('errcode -1 (busy) retries with doubling backoff and gives up after Max Attempts', async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: -1, errmsg: 'system error' } });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, maxAttempts: 4 }));
		expect(error.kind).toBe('exhausted');
		expect(error.message).toBe('WeChat kept failing after 4 attempts: WeChat is busy (errcode -1)');
		expect(scripted.server.calls).toHaveLength(4);
		// No wait after the last attempt; random() = 0.5 puts each wait at 3/4 of the doubled delay.
		expect(sleeps.delays).toEqual([750, 1500, 3000]);
	});

	it('Max Attempts 1: one request, no wait', async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: -1 } });
		expect((await failure(client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, maxAttempts: 1 }))).kind).toBe('exhausted');
		expect(scripted.server.calls).toHaveLength(1);
		expect(sleeps.calls).toHaveLength(0);
	});

	it('45011 waits Quota Wait (not the backoff) and retries', async () => {
		const { scripted, client } = setup();
		scripted.server.queue(
			'datacube',
			{ body: { errcode: 45011, errmsg: 'api minute-quota reach limit' } },
			{ body: { errcode: 45011 } },
			{ body: { list: [] } },
		);
		await client.fetchList(ENDPOINT, 'a', 'b', RETRY);
		expect(sleeps.delays).toEqual([7000, 7000]);
		expect(scripted.server.calls).toHaveLength(3);
	});

	it('Quota Wait 0 (and Retry Delay 0) retry at once without sleeping', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { errcode: 45011 } }, { body: { errcode: -1 } }, { body: { list: [] } });
		await client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, quotaWaitMs: 0, retryDelayMs: 0 });
		expect(sleeps.calls).toHaveLength(0);
		expect(scripted.server.calls).toHaveLength(3);
	});

	it('a network error is transient and named without user-info', async () => {
		const { scripted, client } = setup(boundCredential('token-0', { baseUrl: 'https://u:pw-123456@proxy.example' }));
		scripted.server.responders.datacube = () => ({ error: networkError('ECONNREFUSED') });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, maxAttempts: 2 }));
		expect(error.message).toBe(
			'WeChat kept failing after 2 attempts: could not reach https://proxy.example: the connection was refused',
		);
		expect(sleeps.delays).toEqual([750]);
	});

	it('other errcodes fail at once with their remedy, errmsg redacted', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', {
			body: { errcode: 48001, errmsg: `api unauthorized access_token=token-0 ${APP_SECRET}` },
		});
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY));
		expect(error).toMatchObject({ kind: 'fatal', errcode: 48001, httpCode: undefined });
		expect(error.message).toBe(
			'This Official Account is not authorized to use the data statistics API (errcode 48001)',
		);
		expect(error.description).toContain('WeChat said: "api unauthorized access_token=*** ***"');
		expect(scripted.server.calls).toHaveLength(1);
	});

	it('an errcode without errmsg', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { errcode: 48001 } });
		expect((await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY))).description).not.toContain('WeChat said');
	});

	it('61501 is reported as a rejected range (the caller splits it)', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { errcode: 61501, errmsg: 'date range error' } });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY));
		expect(error).toMatchObject({ kind: 'rangeRejected', errcode: 61501 });
	});
});

describe('DatacubeClient.fetchList: token errors', () => {
	it('45011 from the token endpoint (wrapped by n8n) waits Quota Wait, then fetches the token again', async () => {
		const { scripted, client } = setup(baseCredential());
		scripted.server.queue('token', { body: { errcode: 45011, errmsg: 'freq limit' } });
		await client.fetchList(ENDPOINT, 'a', 'b', RETRY);
		expect(sleeps.delays).toEqual([7000]);
		expect(scripted.server.of('token')).toHaveLength(2);
		expect(scripted.tokensSent()).toEqual(['token-2']);
	});

	it('-1 and network errors at the token endpoint are transient: backoff', async () => {
		const { scripted, client } = setup(baseCredential());
		scripted.server.queue('token', { body: { errcode: -1 } }, { error: networkError('ETIMEDOUT') });
		await client.fetchList(ENDPOINT, 'a', 'b', RETRY);
		expect(sleeps.delays).toEqual([750, 1500]);
		expect(scripted.tokensSent()).toEqual(['token-3']);
	});

	it('a token endpoint that rejects the secret fails at once, redacted', async () => {
		const { scripted, client } = setup(baseCredential());
		scripted.server.queue('token', { body: { errcode: 40125, errmsg: `invalid appsecret ${APP_SECRET}` } });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY));
		expect(error).toMatchObject({ kind: 'fatal', errcode: 40125, noToken: true });
		expect(error.message).toBe('WeChat rejected the App Secret (errcode 40125)');
		expect(error.description).toContain('invalid appsecret ***');
		expect(error.description).not.toContain(APP_SECRET);
		expect(scripted.server.of('datacube')).toHaveLength(0);
		expect(sleeps.calls).toHaveLength(0);
	});

	it('a token error found deeper in the cause chain is still recognised', async () => {
		const { scripted, client } = setup(baseCredential());
		const send = client.session.send.bind(client.session);
		jest.spyOn(client.session, 'send').mockImplementationOnce(async (path, options) => {
			try {
				return await send(path, options);
			} catch (error) {
				throw Object.assign(new Error('wrapped again'), { cause: error });
			}
		});
		scripted.server.queue('token', { body: { errcode: 45011 } });
		await client.fetchList(ENDPOINT, 'a', 'b', RETRY);
		expect(sleeps.delays).toEqual([7000]);
		expect(scripted.server.of('token')).toHaveLength(2);
	});

	it('unusable credential settings fail at once with their hint', async () => {
		const { scripted, client } = setup(baseCredential({ baseUrl: 'http://proxy.example' }));
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY));
		expect(error).toMatchObject({ kind: 'fatal', noToken: true });
		expect(error.message).toMatch(/plain http:\/\/ to proxy\.example/);
		expect(error.description).toMatch(/Allow Insecure HTTP/);
		expect(scripted.server.calls).toHaveLength(0);
	});
});

describe('DatacubeClient.fetchList: rejected tokens', () => {
	it('40001 refreshes the token and retries without counting an attempt or waiting', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { errcode: 40001 } }, { body: { list: [] } });
		await client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, maxAttempts: 1 });
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-1']);
		expect(scripted.preAuthCount).toBe(1);
		expect(sleeps.calls).toHaveLength(0);
	});

	it.each([40014, 42001])('%i refreshes too', async (errcode) => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { errcode } }, { body: { list: [] } });
		await client.fetchList(ENDPOINT, 'a', 'b', RETRY);
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-1']);
	});

	it('40001 again with the newer token refreshes again', async () => {
		const { scripted, client } = setup();
		scripted.server.queue(
			'datacube',
			{ body: { errcode: 40001 } },
			{ body: { errcode: 40001 } },
			{ body: { list: [] } },
		);
		await client.fetchList(ENDPOINT, 'a', 'b', RETRY);
		expect(scripted.preAuthCount).toBe(2);
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-1', 'token-2']);
	});

	it('at most 8 refreshes per request, then it fails with the remedy', async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: 40001, errmsg: 'invalid credential' } });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY));
		expect(error).toMatchObject({ kind: 'fatal', errcode: 40001 });
		expect(error.message).toBe('WeChat rejected the access token even after fetching a new one (errcode 40001)');
		expect(error.description).toMatch(/Stable Token/);
		expect(MAX_TOKEN_REFRESHES).toBe(8);
		expect(scripted.preAuthCount).toBe(8);
		expect(scripted.server.of('datacube')).toHaveLength(9);
		expect(sleeps.calls).toHaveLength(0);
	});

	it('the same token generation rejected twice does not refresh again', async () => {
		const { scripted, client } = setup();
		const send = client.session.send.bind(client.session);
		// A session that reports the generation of the first token for every request.
		jest
			.spyOn(client.session, 'send')
			.mockImplementation(async (path, options) => ({ ...(await send(path, options)), generation: 0 }));
		scripted.server.responders.datacube = () => ({ body: { errcode: 40001 } });
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', RETRY));
		expect(error.errcode).toBe(40001);
		expect(scripted.server.of('datacube')).toHaveLength(2);
		expect(scripted.preAuthCount).toBe(1);
	});

	it('the late-40001 race: two requests rejected with the old token cause one refresh', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const a = client.fetchList(ENDPOINT, '2024-01-01', '2024-01-01', RETRY);
		const b = client.fetchList(ENDPOINT, '2024-01-02', '2024-01-02', RETRY);
		const callA = await scripted.server.next('datacube');
		const callB = await scripted.server.next('datacube');
		callA.json({ errcode: 40001 });
		(await scripted.server.next('datacube')).json({ list: ['a'] });
		await expect(a).resolves.toEqual({ list: ['a'], isDelay: false });
		callB.json({ errcode: 40001 }); // sent with token-0, answered after the refresh
		(await scripted.server.next('datacube')).json({ list: ['b'] });
		await expect(b).resolves.toEqual({ list: ['b'], isDelay: false });
		expect(scripted.preAuthCount).toBe(1);
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-0', 'token-1', 'token-1']);
	});
});

describe('DatacubeClient.fetchList: abort signal', () => {
	it('an aborted signal sends nothing', async () => {
		const { scripted, client } = setup();
		const controller = new AbortController();
		controller.abort();
		const error = await failure(client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, signal: controller.signal }));
		expect(error).toMatchObject({ kind: 'cancelled', message: 'The execution was stopped' });
		expect(scripted.server.calls).toHaveLength(0);
	});

	it.each([
		['a backoff', { errcode: -1 }, 750],
		['a quota wait', { errcode: 45011 }, 7000],
	])('abort during %s ends it at once as cancelled, with no further request', async (_, body, ms) => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body });
		sleeps.hold = true;
		const controller = new AbortController();
		const fetching = client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, signal: controller.signal });
		const wait = await sleeps.next();
		expect(wait.ms).toBe(ms);
		controller.abort();
		expect((await failure(fetching)).kind).toBe('cancelled');
		expect(wait).toMatchObject({ cleared: true, fired: false });
		await flush();
		expect(scripted.server.calls).toHaveLength(1);
		expect(sleeps.calls).toHaveLength(1);
	});

	it('a wait that ends although the signal fired is cancelled too', async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: -1 } });
		const controller = new AbortController();
		sleeps.onSleep = () => controller.abort();
		expect((await failure(client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, signal: controller.signal }))).kind).toBe(
			'cancelled',
		);
		expect(scripted.server.calls).toHaveLength(1);
	});

	it('abort while a request is in flight: cancelled, not a network error, and no retry', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const controller = new AbortController();
		const fetching = client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, signal: controller.signal });
		const call = await scripted.server.next('datacube');
		controller.abort();
		call.answer({ error: networkError('ECONNRESET') });
		expect((await failure(fetching)).kind).toBe('cancelled');
		expect(scripted.server.calls).toHaveLength(1);
		expect(sleeps.calls).toHaveLength(0);
	});

	it('abort while the last attempt is in flight: cancelled, not exhausted', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const controller = new AbortController();
		const fetching = client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, maxAttempts: 1, signal: controller.signal });
		const call = await scripted.server.next('datacube');
		controller.abort();
		call.answer({ error: networkError('ECONNRESET') });
		expect((await failure(fetching)).kind).toBe('cancelled');
	});

	it('abort after an errcode and before the wait: no wait, cancelled', async () => {
		const { scripted, client } = setup();
		const controller = new AbortController();
		scripted.server.responders.datacube = () => {
			queueMicrotask(() => controller.abort());
			return { body: { errcode: -1 } };
		};
		expect((await failure(client.fetchList(ENDPOINT, 'a', 'b', { ...RETRY, signal: controller.signal }))).kind).toBe(
			'cancelled',
		);
		expect(sleeps.calls).toHaveLength(0);
		expect(scripted.server.calls).toHaveLength(1);
	});
});

describe('DatacubeClient.fetchQuota', () => {
	it('posts the cgi_path to /cgi-bin/openapi/quota/get and returns daily_limit, used and remain', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', {
			body: { errcode: 0, errmsg: 'ok', quota: { daily_limit: 1000, used: 12, remain: 988 } },
		});
		await expect(client.fetchQuota('/datacube/getusersummary', RETRY)).resolves.toEqual({
			daily_limit: 1000,
			used: 12,
			remain: 988,
		});
		const [call] = scripted.server.calls;
		expect(call.url).toBe('https://api.weixin.qq.com/cgi-bin/openapi/quota/get');
		expect(call.method).toBe('POST');
		expect(call.body).toEqual({ cgi_path: '/datacube/getusersummary' });
		expect(call.options).toMatchObject({ json: true, timeout: 4321 });
	});

	it('an answer without the three figures fails for good', async () => {
		const { scripted, client } = setup();
		scripted.server.queue('datacube', { body: { errcode: 0, quota: { daily_limit: 1000, used: '12', remain: 988 } } });
		const error = await failure(client.fetchQuota('/datacube/getusersummary', RETRY));
		expect(error.message).toBe('WeChat answered /cgi-bin/openapi/quota/get without a quota');
		expect(error.noToken).toBe(false);
	});

	it('errcodes are handled as for the statistics: 76021 fails at once, -1 is retried', async () => {
		const { scripted, client } = setup();
		scripted.server.queue(
			'datacube',
			{ body: { errcode: -1 } },
			{ body: { errcode: 76021, errmsg: 'cgi_path not found, please check' } },
		);
		const error = await failure(client.fetchQuota('/datacube/nosuchapi', RETRY));
		expect(error).toMatchObject({ kind: 'fatal', errcode: 76021, noToken: false });
		expect(scripted.server.calls).toHaveLength(2);
	});
});

describe('backoffDelay and cancelledError', () => {
	it('is the doubled delay scaled into [half, full] by the random draw, capped', () => {
		expect(backoffDelay(1, 1000, () => 0)).toBe(500);
		expect(backoffDelay(1, 1000, () => 1)).toBe(1000);
		expect(backoffDelay(3, 1000, () => 0.5)).toBe(3000);
		expect(backoffDelay(10, 1000, () => 1)).toBe(MAX_BACKOFF_MS);
		expect(backoffDelay(2, 333, () => 0.3)).toBe(Math.round(333 + 0.3 * 333));
	});

	it('uses Math.random by default', () => {
		expect(backoffDelay(2, 1000)).toBe(1500);
	});

	it('cancelledError', () => {
		expect(cancelledError()).toMatchObject({
			name: 'DatacubeError',
			kind: 'cancelled',
			message: 'The execution was stopped',
			description: 'No further requests were sent.',
		});
	});
});
