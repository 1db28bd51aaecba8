/**
 * Fetches an access_token for the credential's preAuthentication. Prefers /cgi-bin/stable_token,
 * which hands every caller the same token while it is valid, so other systems using the same
 * account keep working. Errors never contain the App Secret.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { checkedAppCredentials, checkedBaseUrl } from './credentialSettings';
import { describeErrcode } from './errcodes';
import { describeNetworkError } from './networkError';
import { redact } from './redact';

/** Thrown by preAuthentication; the node's transport recognises it by name through n8n's wrapping. */
export class WeChatTokenError extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly errcode: number | undefined,
		/** A busy/network fault worth retrying. */
		readonly transient: boolean,
	) {
		super(message);
		this.name = 'WeChatTokenError';
	}
}

export async function fetchAccessToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const baseUrl = checkedBaseUrl(credentials);
	const { appId, appSecret } = checkedAppCredentials(credentials);
	const classic = credentials.tokenEndpoint === 'classic';
	let body: unknown;
	try {
		body = await helpers.httpRequest(
			classic
				? {
						method: 'GET',
						url: `${baseUrl}/cgi-bin/token`,
						qs: { grant_type: 'client_credential', appid: appId, secret: appSecret },
						json: true,
						timeout: 30_000,
					}
				: {
						method: 'POST',
						url: `${baseUrl}/cgi-bin/stable_token`,
						body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: false },
						json: true,
						timeout: 30_000,
					},
		);
	} catch (error) {
		throw new WeChatTokenError(
			`Could not fetch an access token from ${baseUrl}: ${describeNetworkError(error)}`,
			'Check the credential\'s Base URL and that this n8n server can reach it.',
			undefined,
			true,
		);
	}
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			throw new WeChatTokenError(
				`The token endpoint at ${baseUrl} did not answer with JSON`,
				'Check the credential\'s Base URL: it must point at api.weixin.qq.com or a proxy that forwards to it.',
				undefined,
				true,
			);
		}
	}
	const answer = (body ?? {}) as IDataObject;
	if (typeof answer.errcode === 'number' && answer.errcode !== 0) {
		const info = describeErrcode(answer.errcode, redact(String(answer.errmsg ?? ''), [appSecret]));
		throw new WeChatTokenError(info.message, info.description, answer.errcode, info.action === 'retry');
	}
	if (typeof answer.access_token !== 'string' || answer.access_token === '') {
		throw new WeChatTokenError(
			`The token endpoint at ${baseUrl} answered without an access_token`,
			'Check the credential\'s Base URL and Token Endpoint.',
			undefined,
			false,
		);
	}
	return answer.access_token;
}
