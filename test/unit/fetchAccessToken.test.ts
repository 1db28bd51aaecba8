import type { IHttpRequestHelper } from 'n8n-workflow';
import { tokenBinding } from '../../nodes/wechat/connection';
import { fetchAccessToken, WeChatTokenError } from '../../nodes/wechat/fetchAccessToken';
import {
	APP_SECRET,
	baseCredential,
	networkError,
	rejectionOf,
	ScriptedContext,
	type Answer,
} from './support/scriptedContext';

const NOW = Date.UTC(2024, 2, 10, 4, 0);
const tokenError = (promise: Promise<unknown>) => rejectionOf(promise, WeChatTokenError);

function setup(extra: Parameters<typeof baseCredential>[0] = {}, ...answers: Answer[]) {
	const scripted = new ScriptedContext();
	scripted.server.queue('token', ...answers);
	const credentials = baseCredential(extra);
	const helpers = scripted.ctx.helpers as unknown as IHttpRequestHelper['helpers'];
	return { scripted, credentials, fetch: () => fetchAccessToken(helpers, credentials, NOW) };
}

describe('fetchAccessToken', () => {
	it('asks /cgi-bin/stable_token without force_refresh and returns the token with its binding', async () => {
		const { scripted, credentials, fetch } = setup(
			{ appId: ' wx0123456789abcdef ', appSecret: ` ${APP_SECRET} `, baseUrl: 'https://proxy.example/wx//' },
			{ body: { access_token: 'stable-token', expires_in: 7200 } },
		);
		await expect(fetch()).resolves.toEqual({ accessToken: 'stable-token', issuedFor: tokenBinding(credentials) });
		const [call] = scripted.server.calls;
		expect(call.method).toBe('POST');
		expect(call.url).toBe('https://proxy.example/wx/cgi-bin/stable_token');
		expect(call.body).toEqual({
			grant_type: 'client_credential',
			appid: 'wx0123456789abcdef',
			secret: APP_SECRET,
			force_refresh: false,
		});
		expect(call.options).toMatchObject({ json: true, timeout: 30_000 });
		expect(call.options.qs).toBeUndefined();
	});

	it('the classic endpoint: GET /cgi-bin/token with the query', async () => {
		const { scripted, fetch } = setup({ issuingEndpoint: 'classic' }, { body: { access_token: 'classic-token' } });
		await expect(fetch()).resolves.toMatchObject({ accessToken: 'classic-token' });
		const [call] = scripted.server.calls;
		expect(call.method).toBe('GET');
		expect(call.url).toBe('https://api.weixin.qq.com/cgi-bin/token');
		expect(call.options.qs).toEqual({
			grant_type: 'client_credential',
			appid: 'wx0123456789abcdef',
			secret: APP_SECRET,
		});
		expect(call.options).toMatchObject({ json: true, timeout: 30_000 });
		expect(call.body).toBeUndefined();
	});

	it('reads a JSON answer that arrives as text', async () => {
		const { fetch } = setup({}, { body: JSON.stringify({ access_token: 'text-token' }) });
		await expect(fetch()).resolves.toMatchObject({ accessToken: 'text-token' });
	});

	it('unusable settings fail before any request, with the settings error', async () => {
		for (const extra of [{ baseUrl: 'not a url' }, { appId: ' ' }] as Array<Record<string, string>>) {
			const { scripted, fetch } = setup(extra);
			await expect(fetch()).rejects.toMatchObject({ name: 'CredentialSettingsError' });
			expect(scripted.server.calls).toHaveLength(0);
		}
	});

	it('a network failure is transient and names the Base URL without user-info', async () => {
		const { fetch } = setup(
			{ baseUrl: 'https://proxy-user:pr0xy-pass@proxy.example' },
			{ error: networkError('ECONNREFUSED') },
		);
		const error = await tokenError(fetch());
		expect(error).toMatchObject({
			name: 'WeChatTokenError',
			kind: 'transient',
			errcode: undefined,
			message: 'Could not fetch an access token from https://proxy.example: the connection was refused',
			description: "Check the credential's Base URL and that this n8n server can reach it.",
		});
	});

	it('an HTTP error status is a network failure too', async () => {
		const { fetch } = setup({}, { status: 502, body: 'bad gateway' });
		expect(await tokenError(fetch())).toMatchObject({
			kind: 'transient',
			message: expect.stringMatching(/: the request failed$/),
		});
	});

	it.each([['<html>502</html>'], [null], [42], ['"just a string"']])(
		'an answer that is not a JSON object (%p) is transient',
		async (body) => {
			const { fetch } = setup({}, { body });
			expect(await tokenError(fetch())).toMatchObject({
				kind: 'transient',
				errcode: undefined,
				message: 'The token endpoint at https://api.weixin.qq.com did not answer with JSON',
				description: expect.stringMatching(/api\.weixin\.qq\.com or a proxy/),
			});
		},
	);

	it.each([
		[-1, 'transient'],
		[45011, 'quota'],
		[40013, 'fatal'],
		[40125, 'fatal'],
		[40164, 'fatal'],
		[45009, 'fatal'],
	])('errcode %i is %s, with the account remedy', async (errcode, kind) => {
		const { fetch } = setup(
			{},
			{ body: { errcode, errmsg: 'invalid ip 203.0.113.9 ipv6 ::ffff:203.0.113.9, not in whitelist' } },
		);
		const error = await tokenError(fetch());
		expect(error.kind).toBe(kind);
		expect(error.errcode).toBe(errcode);
		expect(error.message).toContain(`(errcode ${errcode})`);
	});

	it("an unknown errcode fails for good with WeChat's words, the secret redacted and clipped", async () => {
		const errmsg = `invalid secret ${APP_SECRET} ${'z'.repeat(400)}`;
		const { fetch } = setup({}, { body: { errcode: 40002, errmsg } });
		const error = await tokenError(fetch());
		expect(error.kind).toBe('fatal');
		expect(error.errcode).toBe(40002);
		expect(error.message).toBe('The token endpoint at https://api.weixin.qq.com returned an error (errcode 40002)');
		const said = `invalid secret *** ${'z'.repeat(400)}`.slice(0, 300);
		expect(error.description).toBe(
			`Check the credential's AppID, App Secret and Token Endpoint. WeChat said: "${said}"`,
		);
	});

	it('an unknown errcode without errmsg', async () => {
		const { fetch } = setup({}, { body: { errcode: 40002 } });
		expect((await tokenError(fetch())).description).toBe(
			"Check the credential's AppID, App Secret and Token Endpoint.",
		);
	});

	it('errcode 0 with a token is a success', async () => {
		const { fetch } = setup({}, { body: { errcode: 0, errmsg: 'ok', access_token: 'zero-token' } });
		await expect(fetch()).resolves.toMatchObject({ accessToken: 'zero-token' });
	});

	it.each([[{}], [{ access_token: '' }], [{ access_token: 42 }], [{ errcode: '40013' }]])(
		'an answer without a token (%p) fails for good',
		async (body) => {
			const { fetch } = setup({}, { body });
			expect(await tokenError(fetch())).toMatchObject({
				kind: 'fatal',
				errcode: undefined,
				message: 'The token endpoint at https://api.weixin.qq.com answered without an access_token',
				description: "Check the credential's Base URL and Token Endpoint.",
			});
		},
	);
});
