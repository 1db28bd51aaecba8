import {
	checkedAppCredentials,
	checkedBaseUrl,
	CREDENTIAL_TYPE,
	CredentialSettingsError,
	DEFAULT_BASE_URL,
	displayUrl,
	isLoopbackHost,
	issuingEndpoint,
	tokenBinding,
} from '../../nodes/wechat/connection';

function settingsError(run: () => unknown): CredentialSettingsError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(CredentialSettingsError);
		expect((error as Error).name).toBe('CredentialSettingsError');
		return error as CredentialSettingsError;
	}
	throw new Error('no error');
}

describe('connection: constants', () => {
	it('the credential type and default Base URL', () => {
		expect(CREDENTIAL_TYPE).toBe('weChatOfficialAccountApi');
		expect(DEFAULT_BASE_URL).toBe('https://api.weixin.qq.com');
	});
});

describe('checkedBaseUrl', () => {
	it('trims spaces and trailing slashes; empty or missing is WeChat', () => {
		expect(checkedBaseUrl({ baseUrl: ' https://proxy.example/wx/// ' })).toBe('https://proxy.example/wx');
		expect(checkedBaseUrl({ baseUrl: '   ' })).toBe(DEFAULT_BASE_URL);
		expect(checkedBaseUrl({})).toBe(DEFAULT_BASE_URL);
	});

	it('keeps user-info for the request', () => {
		expect(checkedBaseUrl({ baseUrl: 'https://u:p@proxy.example/' })).toBe('https://u:p@proxy.example');
	});

	it('refuses text that is not a URL, without user-info in the message', () => {
		const error = settingsError(() => checkedBaseUrl({ baseUrl: 'proxy.example' }));
		expect(error.message).toBe('The credential\'s Base URL "proxy.example" is not a URL');
		expect(error.hint).toBe(
			'Use https://api.weixin.qq.com, or the https:// address of your proxy (for example https://wechat-proxy.example.com)',
		);
		const withUser = settingsError(() => checkedBaseUrl({ baseUrl: 'https://user:pw@exa mple' }));
		expect(withUser.message).toBe('The credential\'s Base URL "https://exa mple" is not a URL');
		expect(settingsError(() => checkedBaseUrl({ baseUrl: `x${'y'.repeat(100)}` })).message).toBe(
			`The credential's Base URL "x${'y'.repeat(79)}" is not a URL`,
		);
	});

	it('refuses other protocols', () => {
		const error = settingsError(() => checkedBaseUrl({ baseUrl: 'ftp://api.weixin.qq.com' }));
		expect(error.message).toBe("The credential's Base URL must start with https:// (got ftp://)");
		expect(error.hint).toBe("Use https://api.weixin.qq.com or your proxy's https:// address");
	});

	it('plain http only to this machine, or when allowed', () => {
		for (const baseUrl of ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787', 'http://LOCALHOST']) {
			expect(checkedBaseUrl({ baseUrl })).toBe(baseUrl);
		}
		expect(checkedBaseUrl({ baseUrl: 'http://proxy.internal', allowInsecureHttp: true })).toBe('http://proxy.internal');
		const error = settingsError(() => checkedBaseUrl({ baseUrl: 'http://proxy.internal', allowInsecureHttp: 'true' }));
		expect(error.message).toBe(
			"The credential's Base URL uses plain http:// to proxy.internal, which would send the App Secret and access token unencrypted",
		);
		expect(error.hint).toMatch(/turn on "Allow Insecure HTTP"/);
		expect(checkedBaseUrl({ baseUrl: 'https://proxy.internal' })).toBe('https://proxy.internal');
	});
});

describe('isLoopbackHost', () => {
	it('localhost, 127.x.y.z and [::1] only', () => {
		for (const host of ['localhost', 'LocalHost', '127.0.0.1', '127.255.1.2', '[::1]'])
			expect(isLoopbackHost(host)).toBe(true);
		for (const host of [
			'localhost.example',
			'mylocalhost',
			'127.0.0',
			'127.0.0.1.example',
			'1127.0.0.1',
			'10.0.0.1',
			'[::2]',
			'',
		]) {
			expect(isLoopbackHost(host)).toBe(false);
		}
	});
});

describe('displayUrl', () => {
	it('drops user-info and trailing slashes', () => {
		expect(displayUrl('https://u:p@proxy.example/wx/')).toBe('https://proxy.example/wx');
		expect(displayUrl('https://api.weixin.qq.com')).toBe('https://api.weixin.qq.com');
		expect(displayUrl('https://proxy.example/wx//')).toBe('https://proxy.example/wx');
		expect(displayUrl('https://proxyuser:pr0xy-pass@proxy.example:8443/wx/')).toBe('https://proxy.example:8443/wx');
		expect(displayUrl('http://only-user@127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
	});

	it('drops user-info from text that is not a URL too', () => {
		expect(displayUrl('https://u:p@exa mple/x')).toBe('https://exa mple/x');
		expect(displayUrl('not a url')).toBe('not a url');
	});
});

describe('checkedAppCredentials', () => {
	it('trims the AppID and secret', () => {
		expect(checkedAppCredentials({ appId: ' wx1 ', appSecret: ' s3cret ' })).toEqual({
			appId: 'wx1',
			appSecret: 's3cret',
		});
	});

	it('refuses an empty AppID, then an empty secret', () => {
		const noId = settingsError(() => checkedAppCredentials({ appId: ' ', appSecret: '' }));
		expect(noId.message).toBe("The credential's AppID is empty");
		expect(noId.hint).toBe(
			'Copy the AppID from the WeChat Developers Platform (developers.weixin.qq.com/platform) > My Business > Official Account (or Service Account) > Basic Info',
		);
		const noSecret = settingsError(() => checkedAppCredentials({ appId: 'wx1' }));
		expect(noSecret.message).toBe("The credential's App Secret is empty");
		expect(noSecret.hint).toBe(
			'Copy (or reset) the App Secret in the WeChat Developers Platform (developers.weixin.qq.com/platform) > My Business > Official Account (or Service Account) > Basic Info > Development Keys',
		);
		expect(settingsError(() => checkedAppCredentials({ appSecret: 'x' })).message).toBe(
			"The credential's AppID is empty",
		);
	});
});

describe('issuingEndpoint and tokenBinding', () => {
	it('classic only when chosen; anything else is stable', () => {
		expect(issuingEndpoint({ issuingEndpoint: 'classic' })).toBe('classic');
		expect(issuingEndpoint({ issuingEndpoint: 'stable' })).toBe('stable');
		expect(issuingEndpoint({})).toBe('stable');
	});

	it('is a versioned hash of AppID, Base URL, endpoint and a hash of the secret', () => {
		const binding = tokenBinding({
			appId: 'wx1',
			appSecret: 's',
			baseUrl: 'https://api.weixin.qq.com',
			issuingEndpoint: 'stable',
		});
		expect(binding).toMatch(/^v1:[0-9a-f]{64}$/);
		// Missing fields are the defaults, the same as filled in.
		expect(tokenBinding({ appId: 'wx1', appSecret: 's' })).toBe(binding);
		expect(tokenBinding({})).toMatch(/^v1:[0-9a-f]{64}$/);
		expect(tokenBinding({})).not.toBe(tokenBinding({ appId: 'wx1' }));
		expect(tokenBinding({})).not.toBe(tokenBinding({ appSecret: 's' }));
		// Only trailing slashes go; a path is part of the binding.
		expect(tokenBinding({ appId: 'wx1', appSecret: 's', baseUrl: 'https://api.weixin.qq.com//' })).toBe(binding);
		expect(tokenBinding({ appId: 'wx1', appSecret: 's', baseUrl: 'https://api.weixin.qq.com/x' })).not.toBe(binding);
		expect(tokenBinding({ appId: 'wx1', appSecret: ' s ' })).toBe(binding);
	});

	const base = { appId: 'wx1', appSecret: 'secret-123456', baseUrl: DEFAULT_BASE_URL, issuingEndpoint: 'stable' };

	it('changes with the AppID, App Secret, Base URL and endpoint, and never contains the secret', () => {
		const binding = tokenBinding(base);
		expect(binding).not.toContain('secret-123456');
		for (const change of [
			{ appId: 'wx2' },
			{ appSecret: 'secret-654321' },
			{ baseUrl: 'https://proxy.example' },
			{ issuingEndpoint: 'classic' },
		]) {
			expect(tokenBinding({ ...base, ...change })).not.toBe(binding);
		}
	});

	it('ignores what does not change the account: surrounding spaces, a trailing slash, the default Base URL', () => {
		expect(tokenBinding({ ...base, appId: ' wx1 ', baseUrl: `${DEFAULT_BASE_URL}/` })).toBe(tokenBinding(base));
		expect(tokenBinding({ ...base, baseUrl: '' })).toBe(tokenBinding(base));
	});

	it('holds Allow Insecure HTTP: turning it off drops a token that may have travelled over plain HTTP', () => {
		const settings = { appId: 'wx1', appSecret: 's', baseUrl: 'http://10.0.0.5:8080', issuingEndpoint: 'stable' };
		const insecure = tokenBinding({ ...settings, allowInsecureHttp: true });
		expect(insecure).toMatch(/^v1:[0-9a-f]{64}$/);
		expect(tokenBinding({ ...settings, allowInsecureHttp: false })).not.toBe(insecure);
		expect(tokenBinding(settings)).not.toBe(insecure);
		// Off is the binding stored before the setting counted (this value), so those tokens stay usable.
		expect(tokenBinding({ appId: 'wx1', appSecret: 's', allowInsecureHttp: false })).toBe(
			'v1:1df1ae145c3970612e222ea9df2dae94793c56e06a0b60155f6e8e788e3a7cb2',
		);
		expect(tokenBinding({ ...settings, allowInsecureHttp: false })).toBe(tokenBinding(settings));
		expect(
			tokenBinding({ appId: 'wx1', appSecret: 's', baseUrl: 'https://api.weixin.qq.com', allowInsecureHttp: false }),
		).toBe(tokenBinding({ appId: 'wx1', appSecret: 's' }));
	});
});
