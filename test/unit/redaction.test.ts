import { MIN_SECRET_LENGTH, redact, redactAndClip } from '../../nodes/wechat/redact';

describe('redact: secrets given by value', () => {
	it('replaces every occurrence of each secret of at least 6 characters', () => {
		expect(MIN_SECRET_LENGTH).toBe(6);
		expect(redact('abcdef and abcdef, 123456', ['abcdef', '123456'])).toBe('*** and ***, ***');
	});

	it('leaves shorter, empty and missing secrets alone (they would match ordinary text)', () => {
		expect(redact('abcde ok', ['abcde', '', undefined])).toBe('abcde ok');
	});

	it('without secrets only the patterns apply', () => {
		expect(redact('plain text')).toBe('plain text');
	});
});

describe('redact: secrets by shape', () => {
	it.each([
		['access_token=abc123&x=1', 'access_token=***&x=1'],
		['ACCESS_TOKEN=abc123 next', 'ACCESS_TOKEN=*** next'],
		['?access_token=a"b', '?access_token=***"b'],
		["access_token=a'b", "access_token=***'b"],
		['<a href=x?access_token=t1>x</a>', '<a href=x?access_token=***>x</a>'],
		['access_token=t1<br>', 'access_token=***<br>'],
		['secret=s1&a=1 secret=s2', 'secret=***&a=1 secret=***'],
		['SECRET=s1', 'SECRET=***'],
	])('query parameters: %s', (text, expected) => {
		expect(redact(text)).toBe(expected);
	});

	it.each([
		['{"access_token":"t1","expires_in":7200}', '{"access_token":"***","expires_in":7200}'],
		['{"access_token" :  "t1"}', '{"access_token" :  "***"}'],
		['{"Access_Token":"t1"}', '{"Access_Token":"***"}'],
		['{"secret":"s1","appid":"wx1"}', '{"secret":"***","appid":"wx1"}'],
		['{"secret":""}', '{"secret":"***"}'],
		['{"appSecret": "s1"}', '{"appSecret": "***"}'],
		['{"accessToken":"t1"} {"accessToken":"t2"}', '{"accessToken":"***"} {"accessToken":"***"}'],
	])('JSON fields: %s', (text, expected) => {
		expect(redact(text)).toBe(expected);
	});

	it.each([
		['see https://user:pass@proxy.example/x', 'see https://proxy.example/x'],
		['HTTP://user@proxy.example and ftp://a:b@c.example', 'HTTP://proxy.example and ftp://c.example'],
		['svn+ssh://u:p@h.example', 'svn+ssh://h.example'],
		['git-x.y://u@h', 'git-x.y://h'],
		['"https://u:p@h"', '"https://h"'],
	])('user-info in URLs: %s', (text, expected) => {
		expect(redact(text)).toBe(expected);
	});

	it.each([['https://proxy.example/path@not-user-info'], ['https://a b@c'], ['mailto:someone@example.com']])(
		'leaves what is not user-info: %s',
		(text) => {
			expect(redact(text)).toBe(text);
		},
	);
});

describe('redactAndClip', () => {
	const secret = 'S3cr3tS3cr3tS3cr3tS3cr3tS3cr3t32';

	it('clips only text longer than the limit, with an ellipsis', () => {
		expect(redactAndClip('abcdef', [], 6)).toBe('abcdef');
		expect(redactAndClip('abcdefg', [], 6)).toBe('abcdef…');
		expect(redactAndClip('secret=abcdefgh', [], 10)).toBe('secret=***');
	});

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
