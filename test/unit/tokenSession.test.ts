import { tokenBinding } from '../../nodes/wechat/connection';
import { TokenSession, type SentRequest } from '../../nodes/WeChatOfficialAccount/transport/TokenSession';
import {
	APP_SECRET,
	baseCredential,
	boundCredential,
	flush,
	ScriptedContext,
	type Call,
} from './support/scriptedContext';

const PATH = '/datacube/getusersummary';
const POST = { method: 'POST' as const, body: { begin_date: '2024-01-01', end_date: '2024-01-01' }, json: true };

function setup(credential?: Parameters<typeof baseCredential>[0], options: { noCredentialReference?: boolean } = {}) {
	const scripted = new ScriptedContext({ credential, ...options });
	return { scripted, session: new TokenSession(scripted.ctx) };
}

describe('TokenSession: credentials()', () => {
	it('loads the credential once for parallel callers and keeps it', async () => {
		const { scripted, session } = setup(boundCredential('stored-token-1'));
		const [a, b] = await Promise.all([session.credentials(), session.credentials()]);
		expect(a).toBe(b);
		expect(await session.credentials()).toBe(a);
		expect(scripted.getCredentialsCount).toBe(1);
		expect(a.accessToken).toBe('stored-token-1');
		expect(session.baseUrl).toBe('https://api.weixin.qq.com');
	});

	it('keeps proxy user-info for requests but never in the shown Base URL', async () => {
		const { session } = setup({ baseUrl: 'https://user:p%40ss-word@proxy.example:8443/wx/' });
		await session.credentials();
		expect(session.baseUrl).toBe('https://user:p%40ss-word@proxy.example:8443/wx');
		expect(session.shownBaseUrl).toBe('https://proxy.example:8443/wx');
	});

	it('does not cache a failed load: the next call reads the credential again', async () => {
		const { scripted, session } = setup({ appSecret: '' });
		await expect(session.credentials()).rejects.toMatchObject({ name: 'CredentialSettingsError' });
		await flush();
		expect(session.secrets()).toEqual([]);
		scripted.store.appSecret = APP_SECRET;
		await expect(session.credentials()).resolves.toMatchObject({ appSecret: APP_SECRET });
		expect(scripted.getCredentialsCount).toBe(2);
	});

	it('an unusable Base URL fails before anything is sent', async () => {
		const { scripted, session } = setup({ baseUrl: 'ftp://api.weixin.qq.com' });
		await expect(session.send(PATH, POST)).rejects.toMatchObject({ name: 'CredentialSettingsError' });
		expect(scripted.server.calls).toHaveLength(0);
	});

	it('a stored token bound to other settings (another AppID) is not used: a new one is fetched', async () => {
		const other = boundCredential('old-account-token');
		const { scripted, session } = setup({
			accessToken: 'old-account-token',
			issuedFor: tokenBinding({ ...other, appId: 'wxOTHER' }),
		});
		const loaded = await session.credentials();
		expect(loaded.accessToken).toBe('');
		await session.send(PATH, POST);
		expect(scripted.preAuthCount).toBe(1);
		expect(scripted.tokensSent()).toEqual(['token-1']);
		expect(scripted.store).toMatchObject({ accessToken: 'token-1', issuedFor: tokenBinding(scripted.store) });
		expect(session.secrets()).toEqual(expect.arrayContaining(['old-account-token', 'token-1']));
	});

	it('a stored token without a binding is not used either', async () => {
		const { scripted, session } = setup({ accessToken: 'unbound-token' });
		await session.send(PATH, POST);
		expect(scripted.tokensSent()).toEqual(['token-1']);
	});
});

describe('TokenSession: send()', () => {
	it('sends through httpRequestWithAuthentication with its own credential data, the full response and no status errors', async () => {
		const { scripted, session } = setup(boundCredential('stored-token-1', { baseUrl: 'https://proxy.example/wx/' }));
		scripted.server.queue('datacube', { status: 503, body: 'busy' });
		const sent = await session.send(PATH, { ...POST, timeout: 1234 });
		expect(sent).toEqual({ generation: 0, response: { statusCode: 503, headers: {}, body: 'busy' } });
		const [call] = scripted.server.calls;
		expect(call.url).toBe('https://proxy.example/wx/datacube/getusersummary');
		expect(call.options).toMatchObject({
			method: 'POST',
			timeout: 1234,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: true,
		});
		expect(call.body).toEqual(POST.body);
		expect(call.token).toBe('stored-token-1');
		expect(call.options.abortSignal).toBe(scripted.cancel.signal);
		expect(scripted.decrypted).toEqual([
			{ id: 'cred-1', name: 'WeChat account', type: 'weChatOfficialAccountApi', data: await session.credentials() },
		]);
		expect(scripted.preAuthCount).toBe(0);
	});

	it('a node without a credential reference sends an empty id and name', async () => {
		const { scripted, session } = setup(boundCredential('stored-token-1'), { noCredentialReference: true });
		await session.send(PATH, POST);
		expect(scripted.decrypted[0]).toMatchObject({ id: '', name: '', type: 'weChatOfficialAccountApi' });
	});

	it('single flight: parallel sends with no token fetch one token, and all use it', async () => {
		const { scripted, session } = setup();
		scripted.server.hold('datacube');
		const sends = Array.from({ length: 5 }, () => session.send(PATH, POST));
		const first = await scripted.server.next('datacube');
		await flush();
		// The others wait for the request that fetches the token.
		expect(scripted.server.of('datacube')).toHaveLength(1);
		first.json({ list: [] });
		for (let i = 1; i < 5; i++) (await scripted.server.next('datacube')).json({ list: [] });
		const results = await Promise.all(sends);
		expect(scripted.preAuthCount).toBe(1);
		expect(scripted.server.of('token')).toHaveLength(1);
		expect(scripted.tokensSent()).toEqual(Array(5).fill('token-1'));
		expect(results.map((r) => r.generation)).toEqual([0, 0, 0, 0, 0]);
	});

	it('single flight also when the token request fails: the others wait, then the next one fetches', async () => {
		const { scripted, session } = setup();
		scripted.server.hold('token');
		const a = session.send(PATH, POST);
		const b = session.send(PATH, POST);
		const token = await scripted.server.next('token');
		await flush();
		expect(scripted.server.of('token')).toHaveLength(1);
		token.answer({ status: 502, body: 'bad gateway' });
		await expect(a).rejects.toMatchObject({ name: 'NodeApiError' });
		(await scripted.server.next('token')).json({ access_token: 'token-after-failure' });
		await expect(b).resolves.toMatchObject({ response: { statusCode: 200 } });
		expect(scripted.tokensSent()).toEqual(['token-after-failure']);
	});

	it('with a token, parallel sends do not wait for each other', async () => {
		const { scripted, session } = setup(boundCredential('stored-token-1'));
		scripted.server.hold('datacube');
		const sends = [session.send(PATH, POST), session.send(PATH, POST), session.send(PATH, POST)];
		await flush();
		expect(scripted.server.inFlight).toBe(3);
		for (let i = 0; i < 3; i++) (await scripted.server.next('datacube')).json({ list: [] });
		await Promise.all(sends);
	});
});

describe('TokenSession: invalidate()', () => {
	it('the late-40001 race: a rejection reported for a token already replaced does not refresh again', async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		scripted.server.hold('datacube');
		const a = session.send(PATH, POST);
		const b = session.send(PATH, POST);
		const callA = await scripted.server.next('datacube');
		const callB = await scripted.server.next('datacube');
		/** The call answers 40001, its sender reports it, as DatacubeClient does, and sends again. */
		const rejectAndRetry = async (sent: Promise<SentRequest>, call: Call) => {
			call.json({ errcode: 40001, errmsg: 'invalid credential' });
			const { generation } = await sent;
			await session.invalidate(generation);
			const retry = session.send(PATH, POST);
			(await scripted.server.next('datacube')).json({ list: [] });
			return { rejected: generation, retried: (await retry).generation };
		};
		expect(await rejectAndRetry(a, callA)).toEqual({ rejected: 0, retried: 1 });
		expect(scripted.preAuthCount).toBe(1);
		// B was sent with token-0 and answers only now, after A's refresh.
		expect(await rejectAndRetry(b, callB)).toEqual({ rejected: 0, retried: 1 });
		expect(scripted.preAuthCount).toBe(1);
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-0', 'token-1', 'token-1']);
	});

	it('invalidate(g) twice for the same generation refreshes once', async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		const { generation } = await session.send(PATH, POST);
		await session.invalidate(generation);
		await session.send(PATH, POST);
		await session.invalidate(generation);
		await session.send(PATH, POST);
		expect(scripted.preAuthCount).toBe(1);
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-1', 'token-1']);
	});

	it('uses a newer token another execution stored, without fetching one', async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		const { generation } = await session.send(PATH, POST);
		scripted.store = boundCredential('worker-2-token');
		await session.invalidate(generation);
		const after = await session.send(PATH, POST);
		expect(after.generation).toBe(generation + 1);
		expect(scripted.preAuthCount).toBe(0);
		expect(scripted.tokensSent()).toEqual(['token-0', 'worker-2-token']);
		expect(session.secrets()).toEqual(expect.arrayContaining(['token-0', 'worker-2-token']));
	});

	it('does not use a newer stored token bound to other settings: fetches one', async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		const { generation } = await session.send(PATH, POST);
		scripted.store = { ...boundCredential('other-settings-token', { appId: 'wxOTHER' }), appId: 'wx0123456789abcdef' };
		await session.invalidate(generation);
		await session.send(PATH, POST);
		expect(scripted.preAuthCount).toBe(1);
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-1']);
		expect(session.secrets()).toContain('other-settings-token');
	});

	it('does not reuse the rejected token when the store still holds it', async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		const { generation } = await session.send(PATH, POST);
		await session.invalidate(generation);
		expect(scripted.getCredentialsCount).toBe(2);
		await session.send(PATH, POST);
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-1']);
	});

	it('a stored empty or non-string token is not taken for a newer one', async () => {
		for (const stored of ['', 12345]) {
			const { scripted, session } = setup(boundCredential('token-0'));
			const { generation } = await session.send(PATH, POST);
			scripted.store = { ...boundCredential('x'), accessToken: stored };
			await session.invalidate(generation);
			await session.send(PATH, POST);
			expect(scripted.tokensSent()).toEqual(['token-0', 'token-1']);
		}
	});

	it('before any load it does nothing', async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		await session.invalidate(0);
		expect(scripted.getCredentialsCount).toBe(0);
		await session.send(PATH, POST);
		expect(scripted.tokensSent()).toEqual(['token-0']);
	});

	it('others wait for the re-read of the stored credential before they send', async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		const { generation } = await session.send(PATH, POST);
		scripted.store = boundCredential('worker-2-token');
		const invalidating = session.invalidate(generation);
		const other = session.send(PATH, POST);
		await Promise.all([invalidating, other]);
		expect(scripted.tokensSent()).toEqual(['token-0', 'worker-2-token']);
		expect(scripted.preAuthCount).toBe(0);
	});

	it('a stale report waits until a refresh in progress has finished', async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		const { generation } = await session.send(PATH, POST);
		await session.invalidate(generation);
		scripted.server.hold('datacube');
		const leading = session.send(PATH, POST); // fetches token-1
		await flush();
		let returned = false;
		const stale = session.invalidate(generation).then(() => (returned = true));
		await flush();
		expect(returned).toBe(false);
		(await scripted.server.next('datacube')).json({ list: [] });
		await Promise.all([leading, stale]);
		expect(returned).toBe(true);
	});
});

describe('TokenSession: a rejection while another request is on its way', () => {
	it("a request between n8n's preAuthentication and authenticate when the token is invalidated still sends a token", async () => {
		const { scripted, session } = setup(boundCredential('token-0'));
		const first = await session.send(PATH, POST);
		const helpers = scripted.ctx.helpers as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
		const original = helpers.httpRequestWithAuthentication;
		let invalidating: Promise<void> | undefined;
		helpers.httpRequestWithAuthentication = function (this: unknown, ...args: unknown[]) {
			const request = original.apply(this, args);
			// n8n is awaiting preAuthentication for this request when another request's 40001 arrives.
			invalidating ??= session.invalidate(first.generation);
			return request;
		};
		await session.send(PATH, POST);
		await invalidating;
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-0']);
	});
});

describe('TokenSession: secrets()', () => {
	it('is empty before the credential is loaded', () => {
		expect(setup().session.secrets()).toEqual([]);
	});

	it('holds every token seen (also rejected ones), the App Secret and the proxy user and password', async () => {
		const { scripted, session } = setup(
			boundCredential('token-0', { baseUrl: 'https://proxy-user:p%40ss-word@proxy.example/wx' }),
		);
		const { generation } = await session.send(PATH, POST);
		await session.invalidate(generation);
		await session.send(PATH, POST);
		expect(scripted.tokensSent()).toEqual(['token-0', 'token-1']);
		const secrets = session.secrets();
		expect(secrets).toEqual(expect.arrayContaining(['token-0', 'token-1', APP_SECRET, 'proxy-user', 'p@ss-word']));
		expect(secrets).not.toContain('');
	});

	it('a credential without a token: only the App Secret', async () => {
		const { session } = setup();
		await session.credentials();
		expect(session.secrets()).toEqual([APP_SECRET]);
	});

	it('a stored value that is not a string is not taken for a token', async () => {
		const { session } = setup({ accessToken: 12345 });
		await session.credentials();
		expect(session.secrets()).toEqual([APP_SECRET]);
	});

	it('has no user-info entries for a Base URL without one', async () => {
		const { session } = setup(boundCredential('token-0'));
		await session.credentials();
		expect(session.secrets()).toEqual(['token-0', APP_SECRET]);
	});
});
