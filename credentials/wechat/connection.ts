/**
 * Reads and checks the credential's connection settings. Shared by the credential's token fetch
 * and the node's requests, so both refuse the same unsafe or malformed settings.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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

/** The Base URL without trailing slashes, after checking it is an http(s) URL that may carry secrets. */
export function checkedBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const raw = String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new CredentialSettingsError(
			`The credential's Base URL "${raw.slice(0, 80)}" is not a URL`,
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

export function checkedAppCredentials(credentials: ICredentialDataDecryptedObject): { appId: string; appSecret: string } {
	const appId = String(credentials.appId ?? '').trim();
	const appSecret = String(credentials.appSecret ?? '').trim();
	if (!appId) {
		throw new CredentialSettingsError(
			"The credential's AppID is empty",
			'Copy the AppID from the Official Accounts Platform, Settings and Development > Basic Configuration',
		);
	}
	if (!appSecret) {
		throw new CredentialSettingsError(
			"The credential's App Secret is empty",
			'Copy (or reset) the App Secret on the Official Accounts Platform, Settings and Development > Basic Configuration',
		);
	}
	return { appId, appSecret };
}
