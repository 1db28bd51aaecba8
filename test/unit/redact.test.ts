import { displayUrl, tokenBinding } from '../../nodes/wechat/connection';
import { redact, redactAndClip } from '../../nodes/wechat/redact';

describe('redactAndClip', () => {
	const secret = 'S3cr3tS3cr3tS3cr3tS3cr3tS3cr3t32';

	it('redacts before it shortens: no part of a secret cut by the limit survives', () => {
		const body = `${'x'.repeat(290)}${secret} and more`;
		const clipped = redactAndClip(body, [secret], 300);
		expect(clipped).not.toMatch(/S3cr3t/);
		expect(clipped.length).toBeLessThanOrEqual(301);
	});

	it('leaves short text as it is, with the secret replaced', () => {
		expect(redactAndClip(`token ${secret}`, [secret], 300)).toBe('token ***');
	});
});

describe('URLs with user-info', () => {
	it('displayUrl drops user and password', () => {
		expect(displayUrl('https://proxyuser:pr0xy-pass@proxy.example:8443/wx/')).toBe('https://proxy.example:8443/wx');
		expect(displayUrl('http://only-user@127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
	});

	it('redact removes user-info from any URL in a text', () => {
		expect(redact('could not reach https://u:p4ssword@proxy.example/datacube/x')).toBe(
			'could not reach https://proxy.example/datacube/x',
		);
	});
});

describe('tokenBinding', () => {
	const base = {
		appId: 'wx1',
		appSecret: 'secret-123456',
		baseUrl: 'https://api.weixin.qq.com',
		issuingEndpoint: 'stable',
	};

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
		expect(tokenBinding({ ...base, appId: ' wx1 ', baseUrl: 'https://api.weixin.qq.com/' })).toBe(tokenBinding(base));
		expect(tokenBinding({ ...base, baseUrl: '' })).toBe(tokenBinding(base));
	});
});
