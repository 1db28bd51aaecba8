/**
 * Fetches an access_token for the credential's preAuthentication. Prefers /cgi-bin/stable_token,
 * which hands every caller the same token while it is valid, so other systems using the same
 * account keep working. The result carries the binding of the settings it was issued for. Errors
 * never contain the App Secret or user-info of the Base URL.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { describeAccountErrcode } from './accountErrcodes';
import {
	checkedAppCredentials,
	checkedBaseUrl,
	displayUrl,
	issuingEndpoint,
	tokenBinding,
	TOKEN_PATH,
} from './connection';
import { describeNetworkError } from './networkError';
import { redact } from './redact';

export type TokenErrorKind = 'transient' | 'quota' | 'fatal';

/** Thrown by preAuthentication; the node's transport recognises it by name through n8n's wrapping. */
export class WeChatTokenError extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly errcode: number | undefined,
		/** transient: busy or network, retry with backoff; quota: 45011, wait; fatal: do not retry. */
		readonly kind: TokenErrorKind,
	) {
		super(message);
		this.name = 'WeChatTokenError';
	}
}

export interface IssuedToken {
	accessToken: string;
	/** tokenBinding() of the settings the token was issued for; stored next to the token. */
	issuedFor: string;
}

type Answer = { body: unknown } | { failure: unknown };

async function ask(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<Answer> {
	const baseUrl = checkedBaseUrl(credentials);
	const { appId, appSecret } = checkedAppCredentials(credentials);
	try {
		const body: unknown = await helpers.httpRequest(
			issuingEndpoint(credentials) === 'classic'
				? {
						method: 'GET',
						url: `${baseUrl}${TOKEN_PATH.classic}`,
						qs: { grant_type: 'client_credential', appid: appId, secret: appSecret },
						json: true,
						timeout: 30_000,
					}
				: {
						method: 'POST',
						url: `${baseUrl}${TOKEN_PATH.stable}`,
						body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: false },
						json: true,
						timeout: 30_000,
					},
		);
		return { body };
	} catch (failure) {
		return { failure };
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

export async function fetchAccessToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	now: number = Date.now(),
): Promise<IssuedToken> {
	const where = displayUrl(checkedBaseUrl(credentials));
	const secrets = [String(credentials.appSecret ?? '')];
	const answer = await ask(helpers, credentials);
	if ('failure' in answer) {
		throw new WeChatTokenError(
			`Could not fetch an access token from ${where}: ${describeNetworkError(answer.failure)}`,
			"Check the credential's Base URL and that this n8n server can reach it.",
			undefined,
			'transient',
		);
	}
	const body = typeof answer.body === 'string' ? parseJson(answer.body) : answer.body;
	if (body === undefined || typeof body !== 'object' || body === null) {
		throw new WeChatTokenError(
			`The token endpoint at ${where} did not answer with JSON`,
			"Check the credential's Base URL: it must point at api.weixin.qq.com or a proxy that forwards to it.",
			undefined,
			'transient',
		);
	}
	const json = body as IDataObject;
	if (typeof json.errcode === 'number' && json.errcode !== 0) {
		const errmsg = redact(String(json.errmsg ?? ''), secrets).slice(0, 300);
		const info = describeAccountErrcode(json.errcode, errmsg, now) ?? {
			message: `The token endpoint at ${where} returned an error (errcode ${json.errcode})`,
			description: `Check the credential's AppID, App Secret and Token Endpoint.${errmsg ? ` WeChat said: "${errmsg}"` : ''}`,
			action: 'fail',
		};
		const kind: TokenErrorKind =
			info.action === 'retry' ? 'transient' : info.action === 'waitForNextMinute' ? 'quota' : 'fatal';
		throw new WeChatTokenError(info.message, info.description, json.errcode, kind);
	}
	if (typeof json.access_token !== 'string' || json.access_token === '') {
		throw new WeChatTokenError(
			`The token endpoint at ${where} answered without an access_token`,
			"Check the credential's Base URL and Token Endpoint.",
			undefined,
			'fatal',
		);
	}
	return { accessToken: json.access_token, issuedFor: tokenBinding(credentials) };
}
