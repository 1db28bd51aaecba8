import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { ACCOUNT_ERRCODES, describeAccountErrcode } from '../nodes/wechat/accountErrcodes';
import { tokenBinding } from '../nodes/wechat/connection';
import { BASIC_INFO, DEVELOPMENT_KEYS, WHO_CAN_OPEN, WHO_MAY_USE_DATACUBE } from '../nodes/wechat/console';
import { fetchAccessToken } from '../nodes/wechat/fetchAccessToken';

/** A credential test's message for an account errcode: the node's own message and remedy. */
function describeForTest(errcode: number): string {
	const info = describeAccountErrcode(errcode, '');
	return info ? `${info.message}. ${info.description}` : `WeChat answered errcode ${errcode}.`;
}

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
			description: `From ${BASIC_INFO}. ${WHO_MAY_USE_DATACUBE}`,
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `From ${DEVELOPMENT_KEYS}, where the secret is enabled or reset (a reset ends the old secret at once, and the new one is shown only once). Also add this n8n server's public IP to the API IP whitelist there. ${WHO_CAN_OPEN}`,
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
		// A token still bound to these exact settings is returned as it is: testing a saved credential
		// never mints (and with the classic endpoint never invalidates) a token; changed settings always
		// get a token of their own. (n8n 2.41.1 runs this for a credential test only when the token
		// field is empty: the test request below is what checks the entered values.)
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
	 * Checks exactly the AppID and App Secret entered, not a cached token: asks /cgi-bin/stable_token
	 * without force_refresh (also for the classic endpoint, so that it never invalidates a token anyone
	 * holds). Token endpoints enforce the account's IP whitelist. n8n only compares the answer with the
	 * rules (lodash.get(body, key) === value, the first match fails the test): one rule per errcode
	 * the node explains, worded as the node words it, then one that fails any other answer without an
	 * access token.
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
			...ACCOUNT_ERRCODES.map((errcode) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'errcode', value: errcode, message: describeForTest(errcode) },
			})),
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'access_token',
					value: undefined,
					message:
						"WeChat answered without an access token. Execute the node once: its error names WeChat's errcode and what to do.",
				},
			},
		],
	};
}
