import { describeErrcode } from '../../nodes/WeChatOfficialAccount/transport/errcodes';
import { redact } from '../../nodes/wechat/redact';
import { backoffDelay } from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';

describe('describeErrcode', () => {
	it.each([
		[-1, 'retry'],
		[40001, 'refreshToken'],
		[40014, 'refreshToken'],
		[42001, 'refreshToken'],
		[45011, 'waitForNextMinute'],
		[61501, 'splitWindow'],
		[41001, 'fail'],
		[40013, 'fail'],
		[40125, 'fail'],
		[40164, 'fail'],
		[89503, 'fail'],
		[45009, 'fail'],
		[48001, 'fail'],
		[61500, 'fail'],
		[61503, 'fail'],
		[47009, 'fail'],
		[99999, 'fail'],
	])('errcode %i -> %s', (code, action) => {
		const info = describeErrcode(code, 'something rid: 1234');
		expect(info.action).toBe(action);
		expect(info.message).toContain(`errcode ${code}`);
		expect(info.description).toContain('rid: 1234');
	});

	it.each([
		[41001, /without an access token/, /proxy that strips query strings/],
		[61500, /rejected the date format/, /report this as a bug/],
		[61501, /rejected the date range/, /splits such windows and retries/],
		[99999, /^WeChat returned an error/, /global error code list/],
	])('errcode %i says what happened and what to do', (code, message, remedy) => {
		const info = describeErrcode(code, '');
		expect(info.message).toMatch(message);
		expect(info.description).toMatch(remedy);
	});

	it('names the credential field for a wrong AppID or secret', () => {
		expect(describeErrcode(40013, '').description).toMatch(/AppID field/);
		expect(describeErrcode(40125, '').description).toMatch(/App Secret field/);
	});

	it('shows the caller IP that must be whitelisted', () => {
		const info = describeErrcode(40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 6f1a');
		expect(info.message).toContain('203.0.113.7');
		expect(info.description).toMatch(/Add 203\.0\.113\.7 to the API IP whitelist in the WeChat Developers Platform/);
	});

	it.each([
		['getarticlesummary', 'Get Article Summary', 'Published Content → Get Article Reads and Get Article Shares'],
		['getarticletotal', 'Get Article Total', 'Published Content → Get Article Details'],
		['getuserread', 'Get Reads by Source', 'Published Content → Get Overview'],
		['getuserreadhour', 'Get Hourly Reads by Source', 'Published Content → Get Overview and Get Article Reads'],
		['getusershare', 'Get Shares by Scene', 'Published Content → Get Overview and Get Article Shares'],
		['getusersharehour', 'Get Hourly Shares by Scene', 'Published Content → Get Overview and Get Article Shares'],
	])('47009 from retired %s names %s, its replacement and what differs; permanent', (endpoint, name, replacement) => {
		const info = describeErrcode(47009, 'this api is offline, please use the new api', Date.now(), endpoint);
		expect(info.action).toBe('fail');
		expect(info.message).toBe(`WeChat has retired ${name} (${endpoint}): use ${replacement} instead (errcode 47009)`);
		expect(info.description).toMatch(/^What differs: data only from 2025-11-01; /);
		if (endpoint.endsWith('hour')) expect(info.description).toMatch(/no hourly split/);
		expect(info.description).toMatch(/permanent, so the node sent no further requests/);
		expect(info.description).toMatch(/WeChat said: "this api is offline, please use the new api"$/);
	});

	it('47009 from an API not known as retired, or with no endpoint given, is permanent with a generic remedy', () => {
		for (const endpoint of ['getbizsummary', 'getsomethingnew', undefined]) {
			const info = describeErrcode(47009, 'this api is offline', Date.now(), endpoint);
			expect(info.action).toBe('fail');
			expect(info.message).toBe(
				`WeChat has taken ${endpoint ? `/datacube/${endpoint}` : 'this API'} offline (errcode 47009)`,
			);
			expect(info.description).toMatch(/permanent.*Update n8n-nodes-wechat-analytics to its latest version/);
			expect(info.description).not.toMatch(/Published Content/);
		}
	});

	it('48001: which accounts may use the statistics APIs, how to get there, and where the permissions are listed', () => {
		expect(describeErrcode(48001, 'api unauthorized rid: 1').description).toBe(
			'Only verified Official Accounts (verified subscription accounts and verified service accounts) may call the data statistics APIs. ' +
				'Accounts registered by an individual (personal-entity accounts) cannot be verified, so they cannot use these APIs. ' +
				'Complete WeChat verification for the account on the Official Accounts Platform (mp.weixin.qq.com), then run again; ' +
				'the WeChat Developers Platform (developers.weixin.qq.com/platform) > My Business > Official Account (or Service Account) > API Management > API Permissions and Quotas lists what the account may call. ' +
				'WeChat said: "api unauthorized rid: 1"',
		);
	});

	it('explains verification for 48001 and the 08:00 rule for 61503', () => {
		expect(describeErrcode(48001, '').description).toMatch(/verified/);
		expect(describeErrcode(61503, '').description).toMatch(/08:00 China time/);
	});
});

describe('redact', () => {
	it('removes secrets given by value and token/secret parameters by shape', () => {
		const text = redact(
			'GET https://x/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=TOPSECRET123 failed; body {"access_token":"ABCDEFG123"} MYTOKEN42xyz',
			['MYTOKEN42xyz'],
		);
		expect(text).not.toMatch(/TOPSECRET123|ABCDEFG123|MYTOKEN42xyz/);
		expect(text).toContain('secret=***');
		expect(text).toContain('appid=wx1');
	});
});

describe('backoffDelay', () => {
	it('doubles per attempt, with jitter between half and the full delay, capped at 30 s', () => {
		expect(backoffDelay(1, 1000, () => 0)).toBe(500);
		expect(backoffDelay(1, 1000, () => 1)).toBe(1000);
		expect(backoffDelay(3, 1000, () => 1)).toBe(4000);
		expect(backoffDelay(20, 1000, () => 1)).toBe(30000);
	});
});
