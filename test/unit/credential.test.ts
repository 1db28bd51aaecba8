import type { IHttpRequestOptions } from 'n8n-workflow';
import { WeChatOfficialAccountApi } from '../../credentials/WeChatOfficialAccountApi.credentials';
import { tokenBinding } from '../../nodes/wechat/connection';
import { baseCredential, boundCredential, ScriptedContext, type Answer } from './support/scriptedContext';

// Created once, as n8n loads it.
const credential = new WeChatOfficialAccountApi();

function preAuthenticate(data: ReturnType<typeof baseCredential>, ...answers: Answer[]) {
	const scripted = new ScriptedContext();
	scripted.server.queue('token', ...answers);
	const run = credential.preAuthentication.call({ helpers: scripted.ctx.helpers } as never, data);
	return { scripted, run };
}

describe('WeChatOfficialAccountApi.preAuthentication', () => {
	it('returns a token still bound to these settings as it is, without a request', async () => {
		const data = boundCredential('still-valid');
		const { scripted, run } = preAuthenticate(data);
		await expect(run).resolves.toEqual({ accessToken: 'still-valid', issuedFor: data.issuedFor });
		expect(scripted.server.calls).toHaveLength(0);
	});

	it('fetches a token when there is none', async () => {
		const data = baseCredential();
		const { scripted, run } = preAuthenticate(data);
		await expect(run).resolves.toEqual({ accessToken: 'token-1', issuedFor: tokenBinding(data) });
		expect(scripted.server.of('token')).toHaveLength(1);
	});

	it('fetches a token of their own for changed settings', async () => {
		const data = { ...boundCredential('old-token'), appSecret: 'a-new-secret-after-reset' };
		const { scripted, run } = preAuthenticate(data);
		await expect(run).resolves.toEqual({ accessToken: 'token-1', issuedFor: tokenBinding(data) });
		expect(scripted.server.calls[0].body).toMatchObject({ secret: 'a-new-secret-after-reset' });
	});

	it('passes token errors on', async () => {
		const { run } = preAuthenticate(baseCredential(), { body: { errcode: 40125 } });
		await expect(run).rejects.toMatchObject({ name: 'WeChatTokenError', errcode: 40125 });
	});
});

describe('WeChatOfficialAccountApi.authenticate', () => {
	it('adds access_token to the query and keeps what is there', async () => {
		const options: IHttpRequestOptions = { url: 'https://api.weixin.qq.com/datacube/x', qs: { a: 1 } };
		const out = await credential.authenticate({ accessToken: 'tok' }, options);
		expect(out).toBe(options);
		expect(out.qs).toEqual({ a: 1, access_token: 'tok' });
		expect(await credential.authenticate({ accessToken: 'tok2' }, { url: 'u' })).toEqual({
			url: 'u',
			qs: { access_token: 'tok2' },
		});
	});
});
