/**
 * Reads and checks the credential's connection settings. Shared by the credential (token fetch,
 * test) and the node's requests, so both refuse the same unsafe or malformed settings. Pure: the
 * errors are this module's own; the node turns them into NodeOperationErrors.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { BASIC_INFO, DEVELOPMENT_KEYS } from './console';

export const CREDENTIAL_TYPE = 'weChatOfficialAccountApi';
export const DEFAULT_BASE_URL = 'https://api.weixin.qq.com';

export class CredentialSettingsError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'CredentialSettingsError';
	}
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.test(hostname);
}

function parseUrl(raw: string): URL | undefined {
	try {
		return new URL(raw);
	} catch {
		return undefined;
	}
}

/** A URL as it may be shown to a user or written to a log: without user name or password. */
export function displayUrl(raw: string): string {
	const url = parseUrl(raw);
	if (!url) return raw.replace(/\/\/[^/@\s]*@/, '//');
	url.username = '';
	url.password = '';
	return url.toString().replace(/\/+$/, '');
}

/** The Base URL without trailing slashes, after checking it is an http(s) URL that may carry secrets. */
export function checkedBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const raw = String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	const url = parseUrl(raw);
	if (!url) {
		throw new CredentialSettingsError(
			`The credential's Base URL "${displayUrl(raw).slice(0, 80)}" is not a URL`,
			`Use ${DEFAULT_BASE_URL}, or the https:// address of your proxy (for example https://wechat-proxy.example.com)`,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new CredentialSettingsError(
			`The credential's Base URL must start with https:// (got ${url.protocol}//)`,
			`Use ${DEFAULT_BASE_URL} or your proxy's https:// address`,
		);
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && credentials.allowInsecureHttp !== true) {
		throw new CredentialSettingsError(
			`The credential's Base URL uses plain http:// to ${url.hostname}, which would send the App Secret and access token unencrypted`,
			'Use https://, or turn on "Allow Insecure HTTP" in the credential if the proxy is on a trusted private network',
		);
	}
	return raw.replace(/\/+$/, '');
}

export function checkedAppCredentials(credentials: ICredentialDataDecryptedObject): {
	appId: string;
	appSecret: string;
} {
	const appId = String(credentials.appId ?? '').trim();
	const appSecret = String(credentials.appSecret ?? '').trim();
	if (!appId) {
		throw new CredentialSettingsError("The credential's AppID is empty", `Copy the AppID from ${BASIC_INFO}`);
	}
	if (!appSecret) {
		throw new CredentialSettingsError(
			"The credential's App Secret is empty",
			`Copy (or reset) the App Secret in ${DEVELOPMENT_KEYS}`,
		);
	}
	return { appId, appSecret };
}

export type IssuingEndpoint = 'stable' | 'classic';

export function issuingEndpoint(credentials: ICredentialDataDecryptedObject): IssuingEndpoint {
	return credentials.issuingEndpoint === 'classic' ? 'classic' : 'stable';
}

/** The path each issuing endpoint fetches tokens from. */
export const TOKEN_PATH: Record<IssuingEndpoint, string> = {
	stable: '/cgi-bin/stable_token',
	classic: '/cgi-bin/token',
};

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/**
 * What a cached access token was issued for: AppID, Base URL, issuing endpoint, a hash of the
 * App Secret (never the secret itself) and whether plain HTTP was allowed. A stored token whose
 * binding differs from the current settings belongs to other settings (the credential was edited)
 * and must not be used: turning "Allow Insecure HTTP" off also drops a token that may have
 * travelled over plain HTTP. Without that setting the binding is the one stored before it counted.
 */
export function tokenBinding(credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = (String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL).replace(/\/+$/, '');
	const parts = [
		String(credentials.appId ?? '').trim(),
		baseUrl,
		issuingEndpoint(credentials),
		sha256(String(credentials.appSecret ?? '').trim()),
	];
	if (credentials.allowInsecureHttp === true) parts.push('allowInsecureHttp');
	return `v1:${sha256(JSON.stringify(parts))}`;
}
