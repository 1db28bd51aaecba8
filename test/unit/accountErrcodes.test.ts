// @tz-sensitive
import type { IHttpRequestHelper } from 'n8n-workflow';
import {
	ACCOUNT_ERRCODES,
	callerIp,
	describeAccountErrcode,
	errcodeInfo,
	nextChinaMidnight,
} from '../../nodes/wechat/accountErrcodes';
import { CHINA_OFFSET_MS } from '../../nodes/wechat/chinaTime';
import { fetchAccessToken } from '../../nodes/wechat/fetchAccessToken';
import { baseCredential, ScriptedContext } from './support/scriptedContext';
import { describeInMachineZone } from './timezones';

const china = (isoLocal: string) => Date.parse(`${isoLocal}+08:00`);
/** Where WeChat keeps an account's developer settings since they moved off mp.weixin.qq.com (WECHAT-2026.md §2). */
const PLATFORM =
	'the WeChat Developers Platform (developers.weixin.qq.com/platform) > My Business > Official Account (or Service Account)';
const BASIC_INFO = `${PLATFORM} > Basic Info`;
const DEVELOPMENT_KEYS = `${PLATFORM} > Basic Info > Development Keys`;
const WHO =
	"Only the account's administrator, or a developer the administrator has bound to the account, can open that page.";

describeInMachineZone('account errcodes', () => {
	it('China time is UTC+8', () => {
		expect(CHINA_OFFSET_MS).toBe(28_800_000);
	});

	describe('nextChinaMidnight', () => {
		it('the next midnight in China and the hours until then', () => {
			expect(nextChinaMidnight(china('2024-03-10T12:00:00'))).toEqual({ at: '2024-03-11 00:00 China time', hours: 12 });
			expect(nextChinaMidnight(china('2024-03-10T23:59:24'))).toEqual({
				at: '2024-03-11 00:00 China time',
				hours: 0.01,
			});
		});

		it('at midnight exactly: the next one, a day later; across a month and a year', () => {
			expect(nextChinaMidnight(china('2024-03-11T00:00:00'))).toEqual({ at: '2024-03-12 00:00 China time', hours: 24 });
			expect(nextChinaMidnight(china('2024-02-29T18:00:00')).at).toBe('2024-03-01 00:00 China time');
			expect(nextChinaMidnight(china('2023-12-31T21:00:00'))).toEqual({ at: '2024-01-01 00:00 China time', hours: 3 });
		});
	});

	describe('describeAccountErrcode', () => {
		const now = china('2024-03-10T12:00:00');

		it('45009: the daily quota resets at the next China midnight', () => {
			expect(describeAccountErrcode(45009, 'reach max api daily quota limit', now)).toEqual({
				errcode: 45009,
				action: 'fail',
				message: 'The daily API quota of this Official Account is used up (errcode 45009)',
				description:
					'The quota resets at midnight China time (2024-03-11 00:00 China time, in about 12.0 h). Run again after that, and fetch longer ranges less often. WeChat said: "reach max api daily quota limit"',
			});
		});

		it('the token endpoint reports 45009 with the time it was asked', async () => {
			const scripted = new ScriptedContext();
			scripted.server.queue('token', { body: { errcode: 45009 } });
			const helpers = scripted.ctx.helpers as unknown as IHttpRequestHelper['helpers'];
			await expect(fetchAccessToken(helpers, baseCredential(), china('2024-03-10T21:30:00'))).rejects.toMatchObject({
				description: expect.stringContaining('2024-03-11 00:00 China time, in about 2.5 h'),
			});
			scripted.server.queue('token', { body: { errcode: 45009 } });
			jest.spyOn(Date, 'now').mockReturnValue(china('2024-03-10T18:00:00'));
			try {
				await expect(fetchAccessToken(helpers, baseCredential())).rejects.toMatchObject({
					description: expect.stringContaining('in about 6.0 h'),
				});
			} finally {
				jest.restoreAllMocks();
			}
		});

		it.each([
			[-1, 'retry', 'WeChat is busy', /the node retries with backoff/],
			[
				40013,
				'fail',
				'WeChat does not recognise the AppID',
				/AppID field: copy it from the WeChat Developers Platform/,
			],
			[40125, 'fail', 'WeChat rejected the App Secret', /App Secret field\. If the secret was reset/],
			[40243, 'fail', 'The App Secret of this account is frozen', /^Unfreeze the AppSecret in the WeChat Developers/],
			[41004, 'fail', 'WeChat rejected the App Secret', /App Secret field/],
			[41002, 'fail', 'WeChat received no AppID', /Fill in the credential's AppID field/],
			[
				89503,
				'fail',
				'An administrator of the Official Account must confirm calls from this IP address',
				/administrator/,
			],
			[45011, 'waitForNextMinute', "WeChat's per-minute API limit was reached", /waits \(Quota Wait\)/],
		])('%i: %s, %s', (errcode, action, message, description) => {
			const info = describeAccountErrcode(errcode, '', now)!;
			expect(info.action).toBe(action);
			expect(info.message).toBe(`${message} (errcode ${errcode})`);
			expect(info.description).toMatch(description);
			expect(info.description).not.toContain('WeChat said');
		});

		it('names where the AppID, the secret and the IP whitelist are now, and who can open that page', () => {
			const description = (errcode: number) => describeAccountErrcode(errcode, '', now)!.description;
			expect(description(40013)).toBe(`Check the credential's AppID field: copy it from ${BASIC_INFO}. ${WHO}`);
			expect(description(41002)).toBe(`Fill in the credential's AppID field from ${BASIC_INFO}.`);
			for (const errcode of [40125, 41004])
				expect(description(errcode)).toBe(
					`Check the credential's App Secret field. If the secret was reset in ${DEVELOPMENT_KEYS}, paste the new one: a reset ends the old secret at once, and WeChat shows the new one only once. ${WHO}`,
				);
			expect(description(40243)).toContain(`Unfreeze the AppSecret in ${DEVELOPMENT_KEYS} `);
			expect(description(40164)).toContain(`to the API IP whitelist in ${DEVELOPMENT_KEYS} `);
			expect(description(89503)).toContain(`add the IP to the API IP whitelist in ${DEVELOPMENT_KEYS}, then run again`);
			for (const errcode of [40013, 40125, 41002, 40164, 89503, 40243])
				expect(description(errcode)).not.toMatch(/Basic Configuration|Settings and Development/);
		});

		it('40164: the IP WeChat saw, to add to the whitelist', () => {
			const info = describeAccountErrcode(
				40164,
				'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1',
				now,
			)!;
			expect(info.action).toBe('fail');
			expect(info.message).toBe("The IP address 203.0.113.7 is not on the account's IP whitelist (errcode 40164)");
			expect(info.description).toBe(
				`Add 203.0.113.7 to the API IP whitelist in ${DEVELOPMENT_KEYS} (single addresses or ranges such as 203.0.113.0/24; a change takes a few minutes), or route requests through a proxy with a whitelisted IP and set it as the credential's Base URL. ${WHO} WeChat said: "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1"`,
			);
		});

		it('40164 without an IP in the message', () => {
			const info = describeAccountErrcode(40164, '', now)!;
			expect(info.message).toBe(
				"The IP address of this n8n server is not on the account's IP whitelist (errcode 40164)",
			);
			expect(info.description).toMatch(/^Add this server's public IP to the API IP whitelist/);
		});

		it('ACCOUNT_ERRCODES lists exactly the codes explained here (the credential test has a rule for each)', () => {
			const candidates = [-1, 0, 40001, 40002, 40013, 40014, 40125, 40164, 40243, 41001, 41002, 41004, 42001];
			candidates.push(45009, 45011, 47009, 48001, 61500, 61501, 61503, 89503, 99999);
			const explained = candidates.filter((errcode) => describeAccountErrcode(errcode, '', now) !== undefined);
			expect([...ACCOUNT_ERRCODES].sort()).toEqual(explained.sort());
		});

		it('45009 without a time names no date (a text written once, such as a credential test rule)', () => {
			expect(describeAccountErrcode(45009, '')!.description).toBe(
				'The quota resets at midnight China time. Run again after that, and fetch longer ranges less often.',
			);
		});

		it('codes about one API are not account codes', () => {
			for (const errcode of [0, 40001, 48001, 61501, 99999])
				expect(describeAccountErrcode(errcode, 'x', now)).toBeUndefined();
		});
	});

	describe('callerIp and errcodeInfo', () => {
		it('reads IPv4 and IPv6 addresses', () => {
			expect(callerIp('invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist')).toBe('203.0.113.7');
			expect(callerIp('invalid ip 2001:db8::1, not in whitelist')).toBe('2001:db8::1');
			expect(callerIp('invalid ip AbC::9 x')).toBe('AbC::9');
			expect(callerIp('not in whitelist')).toBeUndefined();
		});

		it('adds the errcode to the message and what WeChat said to the description', () => {
			expect(errcodeInfo(7, 'busy', 'retry', 'Message', 'Description.')).toEqual({
				errcode: 7,
				action: 'retry',
				message: 'Message (errcode 7)',
				description: 'Description. WeChat said: "busy"',
			});
			expect(errcodeInfo(7, '', 'fail', 'M', 'D.').description).toBe('D.');
		});
	});
});
