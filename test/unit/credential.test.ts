import type { IHttpRequestOptions } from 'n8n-workflow';
import { WeChatOfficialAccountApi } from '../../credentials/WeChatOfficialAccountApi.credentials';
import { ACCOUNT_ERRCODES, describeAccountErrcode } from '../../nodes/wechat/accountErrcodes';
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

	it('after Allow Insecure HTTP is turned off, a token bound while it was on is not returned: the http:// Base URL is refused, no request', async () => {
		const insecure = boundCredential('fetched-over-http', { baseUrl: 'http://10.0.0.5:8080', allowInsecureHttp: true });
		const on = preAuthenticate(insecure);
		await expect(on.run).resolves.toEqual({ accessToken: 'fetched-over-http', issuedFor: insecure.issuedFor });
		const off = preAuthenticate({ ...insecure, allowInsecureHttp: false });
		await expect(off.run).rejects.toMatchObject({ name: 'CredentialSettingsError' });
		expect(off.scripted.server.calls).toHaveLength(0);
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

/** lodash.get, which n8n's credential tester uses (the package ships no types of its own). */
const get = require('lodash/get') as (object: unknown, path: string) => unknown;

describe('WeChatOfficialAccountApi.test rules, as n8n 2.41.1 applies them', () => {
	// n8n's CredentialsTester.runRequestTest (n8n/dist/services/credentials-tester.service.js): after the
	// test request succeeds at HTTP level, the first 'responseSuccessBody' rule with
	// lodash.get(body, key) === value gives { status: 'Error', message }; none matching gives OK.
	function verdict(body: object): { status: string; message: string } {
		// a fresh instance, as n8n's tester reads the type when a test runs
		for (const rule of new WeChatOfficialAccountApi().test.rules ?? []) {
			if (rule.type === 'responseSuccessBody' && get(body, rule.properties.key) === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	it('a token answer passes', () => {
		expect(verdict({ access_token: 'ACCESS_TOKEN', expires_in: 7200 })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	it.each(ACCOUNT_ERRCODES.map((errcode) => [errcode]))(
		'errcode %i fails the test with the message and remedy the node gives',
		(errcode) => {
			const info = describeAccountErrcode(errcode, '')!;
			expect(verdict({ errcode, errmsg: 'something rid: 1' })).toEqual({
				status: 'Error',
				message: `${info.message}. ${info.description}`,
			});
		},
	);

	it.each([40002, 40097, 48001, 99999])('errcode %i, which no rule names, fails the test too', (errcode) => {
		expect(verdict({ errcode, errmsg: 'something rid: 1' })).toEqual({
			status: 'Error',
			message:
				"WeChat answered without an access token. Execute the node once: its error names WeChat's errcode and what to do.",
		});
	});

	it('an answer without errcode and without a token fails too; the messages name the new console', () => {
		expect(verdict({}).status).toBe('Error');
		expect(verdict({ errmsg: 'ok' }).status).toBe('Error');
		const messages = (new WeChatOfficialAccountApi().test.rules ?? []).map(
			(rule) => (rule.properties as { message: string }).message,
		);
		expect(messages.join(' ')).not.toMatch(/Basic Configuration|Settings and Development/);
		expect(messages.find((m) => m.includes('errcode 40164'))).toContain(
			'to the API IP whitelist in the WeChat Developers Platform (developers.weixin.qq.com/platform) > My Business > Official Account (or Service Account) > Basic Info > Development Keys',
		);
		expect(messages.find((m) => m.includes('errcode 45009'))).toContain('resets at midnight China time. Run again');
	});
});
