import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { tokenBinding } from '../nodes/wechat/connection';
import { fetchAccessToken } from '../nodes/wechat/fetchAccessToken';

export class WeChatOfficialAccountApi implements ICredentialType {
	name = 'weChatOfficialAccountApi';

	displayName = 'WeChat Official Account API';

	icon: Icon = { light: 'file:../icons/wechat.svg', dark: 'file:../icons/wechat.dark.svg' };

	documentationUrl = 'https://developers.weixin.qq.com/doc/offiaccount/en/Basic_Information/Get_access_token.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: {
				expirable: true,
				password: true,
			},
			default: '',
		},
		{
			// What the cached token was issued for (AppID, Base URL, endpoint, a hash of the App Secret).
			displayName: 'Issued For',
			name: 'issuedFor',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'AppID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'wx0123456789abcdef',
			description: 'From the Official Accounts Platform: Settings and Development > Basic Configuration',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "From the same page. Also add this n8n server's public IP to the IP whitelist there.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.weixin.qq.com',
			description:
				'Change only to route through a reverse proxy whose fixed egress IP is whitelisted, or to use a local simulator',
		},
		{
			displayName: 'Token Endpoint',
			name: 'issuingEndpoint',
			type: 'options',
			options: [
				{
					name: 'Stable Token (Recommended)',
					value: 'stable',
					description: "Shares one token with the account's other systems instead of invalidating theirs",
				},
				{
					name: 'Classic Token',
					value: 'classic',
					description:
						'Every fetch invalidates the token other systems hold for this account; two n8n workers refreshing at once knock each other out',
				},
			],
			default: 'stable',
		},
		{
			displayName: 'Allow Insecure HTTP',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow a plain http:// Base URL on a host other than this machine. The App Secret and token would travel unencrypted.',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// n8n also calls this for every credential test. A token still bound to these exact settings
		// is returned as it is: testing a saved credential never mints (and with the classic
		// endpoint never invalidates) a token; changed settings always get a token of their own.
		if (credentials.accessToken && credentials.issuedFor === tokenBinding(credentials)) {
			return { accessToken: credentials.accessToken, issuedFor: credentials.issuedFor };
		}
		const issued = await fetchAccessToken(this.helpers, credentials);
		return { accessToken: issued.accessToken, issuedFor: issued.issuedFor };
	}

	/** Adds access_token to the query string (a function: resolving an expression per request costs more). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.qs = { ...requestOptions.qs, access_token: credentials.accessToken };
		return requestOptions;
	}

	/**
	 * Checks exactly the AppID and App Secret entered, not a cached token. n8n first runs
	 * preAuthentication with the entered values (a token for changed settings: WeChat's answer,
	 * with the IP it saw, becomes the test's message), then this request asks /cgi-bin/stable_token
	 * without force_refresh (also for the classic endpoint, so that it never invalidates a token
	 * anyone holds). Token endpoints enforce the account's IP whitelist.
	 */
	test: ICredentialTestRequest = {
		request: {
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
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40013,
					message:
						'WeChat does not recognise the AppID (errcode 40013). Copy it from Settings and Development > Basic Configuration on the Official Accounts Platform.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40125,
					message:
						'WeChat rejected the App Secret for this AppID (errcode 40125). If the secret was reset, paste the new one.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40164,
					message:
						"This n8n server's IP address is not on the account's IP whitelist (errcode 40164). Add it under Settings and Development > Basic Configuration > IP Whitelist; executing the node shows the address WeChat saw.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 89503,
					message:
						'An administrator of the Official Account must confirm calls from this IP address (errcode 89503), or add it to the IP whitelist.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: -1,
					message: 'WeChat is busy (errcode -1). Try again in a minute.',
				},
			},
		],
	};
}
