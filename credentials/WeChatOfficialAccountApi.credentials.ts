import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { fetchAccessToken } from '../nodes/WeChatOfficialAccount/transport/fetchAccessToken';

export class WeChatOfficialAccountApi implements ICredentialType {
	name = 'weChatOfficialAccountApi';

	displayName = 'WeChat Official Account API';

	icon: Icon = 'file:wechat.svg';

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
			description: 'From the same page. Also add this n8n server\'s public IP to the IP whitelist there.',
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
			name: 'tokenEndpoint',
			type: 'options',
			options: [
				{
					name: 'Stable Token (Recommended)',
					value: 'stable',
					description: 'Shares one token with the account\'s other systems instead of invalidating theirs',
				},
				{
					name: 'Classic Token',
					value: 'classic',
					description: 'Every fetch invalidates the token other systems hold for this account',
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
		return { accessToken: await fetchAccessToken(this.helpers, credentials) };
	}

	/** Adds access_token to the query string (a function: resolving an expression per request costs more). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.qs = { ...requestOptions.qs, access_token: credentials.accessToken };
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/cgi-bin/get_api_domain_ip',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 40164, message: 'This server\'s IP address is not on the account\'s IP whitelist' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 40001, message: 'WeChat rejected the access token' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 42001, message: 'The access token expired' },
			},
		],
	};
}
