/**
 * The credential as saved credentials and n8n 2.41.1 read it, from a fresh instance in each test:
 * the fields a saved credential holds (names, types, defaults, which are required, which n8n masks),
 * the Token Endpoint choices, the token field n8n's CredentialsHelper.preAuthentication looks for
 * (n8n/dist/credentials-helper.js: the first property of type 'hidden' with typeOptions.expirable;
 * without one n8n never calls preAuthentication, and it stores only what that field's key returns),
 * and the request the credential test sends (stable_token without force_refresh, so testing never
 * invalidates a token anyone holds).
 */
import type { INodeProperties } from 'n8n-workflow';
import { WeChatOfficialAccountApi } from '../../credentials/WeChatOfficialAccountApi.credentials';
import { tokenBinding } from '../../nodes/wechat/connection';
import { boundCredential } from './support/scriptedContext';

const fields = (properties: INodeProperties[]) =>
	properties.map(({ name, type, default: fallback, required, typeOptions }) => ({
		name,
		type,
		default: fallback,
		required: required === true,
		masked: typeOptions?.password === true,
	}));

describe('the WeChat credential', () => {
	it('saves these fields: the token pair hidden and the secrets masked, AppID and App Secret required', () => {
		expect(fields(new WeChatOfficialAccountApi().properties)).toEqual([
			{ name: 'accessToken', type: 'hidden', default: '', required: false, masked: true },
			{ name: 'issuedFor', type: 'hidden', default: '', required: false, masked: false },
			{ name: 'appId', type: 'string', default: '', required: true, masked: false },
			{ name: 'appSecret', type: 'string', default: '', required: true, masked: true },
			{ name: 'baseUrl', type: 'string', default: 'https://api.weixin.qq.com', required: false, masked: false },
			{ name: 'issuingEndpoint', type: 'options', default: 'stable', required: false, masked: false },
			{ name: 'allowInsecureHttp', type: 'boolean', default: false, required: false, masked: false },
		]);
	});

	it('offers the stable token (the default) and the classic one as Token Endpoint', () => {
		const endpoint = new WeChatOfficialAccountApi().properties.find((p) => p.name === 'issuingEndpoint');
		expect(endpoint?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual([
			'stable',
			'classic',
		]);
	});

	it('gives n8n its token field: the hidden, expirable accessToken, which preAuthentication returns', async () => {
		const credential = new WeChatOfficialAccountApi();
		// n8n's rule for the field it refreshes and persists
		const tokenField = credential.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		expect(tokenField?.name).toBe('accessToken');
		const data = boundCredential('still-valid');
		const output = await credential.preAuthentication.call({ helpers: {} } as never, data);
		expect(output).toEqual({ accessToken: 'still-valid', issuedFor: tokenBinding(data) });
	});

	it('tests the entered AppID and App Secret with stable_token, never forcing a refresh', () => {
		expect(new WeChatOfficialAccountApi().test.request).toEqual({
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/cgi-bin/stable_token',
			method: 'POST',
			body: {
				grant_type: 'client_credential',
				appid: '={{$credentials.appId.trim()}}',
				secret: '={{$credentials.appSecret.trim()}}',
				force_refresh: false,
			},
			json: true,
		});
	});
});
