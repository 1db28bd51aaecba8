/**
 * Check Account's findings, word for word: what each WeChat answer (a token refusal, 40164 / 89503,
 * 48001, 47009, 61503, rows with or without is_delay, a quota figure) becomes as a finding (status,
 * message, remedy, details without empty fields), and how findings are counted. WeChat's errors
 * are built as the transport builds them (describeErrcode on WeChat's errcode and errmsg).
 */
import { findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { FAMILIES, type Family } from '../../nodes/WeChatOfficialAccount/account/families';
import { countByStatus, notChecked, ok, problem } from '../../nodes/WeChatOfficialAccount/account/findings';
import { retiredRemedy } from '../../nodes/WeChatOfficialAccount/account/retired';
import {
	familyVerdict,
	ipWhitelistVerdict,
	latestDayVerdict,
	quotaVerdict,
	stopsEverything,
	tokenVerdict,
	verificationVerdict,
	type FamilyResult,
	type TokenFacts,
} from '../../nodes/WeChatOfficialAccount/account/verdicts';
import { describeErrcode } from '../../nodes/WeChatOfficialAccount/transport/errcodes';
import { DatacubeError } from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';
import { CredentialSettingsError } from '../../nodes/wechat/connection';

const NOW = Date.parse('2026-03-10T10:00:00+08:00');
const DAY = '2026-03-09';
const BASE_URL = 'https://api.weixin.qq.com';
const connection = { tokenEndpoint: '/cgi-bin/stable_token', baseUrl: BASE_URL, appId: 'wx1', classic: false };

/** A datacube errcode as DatacubeClient reports it. */
function wechat(errcode: number, errmsg: string, endpoint?: string): DatacubeError {
	const info = describeErrcode(errcode, errmsg, NOW, endpoint);
	return new DatacubeError('fatal', info.message, info.description, errcode);
}

/** A token endpoint refusal as DatacubeClient reports it (no token). */
function tokenRefusal(errcode: number, errmsg: string): DatacubeError {
	const info = describeErrcode(errcode, errmsg, NOW);
	return new DatacubeError('fatal', info.message, info.description, errcode, undefined, true);
}

const family = (resource: string): Family => {
	const found = FAMILIES.find((entry) => entry.resource === resource);
	if (!found) throw new Error(resource);
	return found;
};
const api = (resource: string, operation: string): DatacubeApi => {
	const found = findApi(resource, operation);
	if (!found) throw new Error(`${resource}/${operation}`);
	return found;
};
const answered = (resource: string, rows: number, isDelay = false): FamilyResult => ({
	family: family(resource),
	day: DAY,
	outcome: { value: { list: Array.from({ length: rows }, () => ({})), isDelay } },
});
const failed = (resource: string, error: Error): FamilyResult => ({
	family: family(resource),
	day: DAY,
	outcome: { error },
});

const NO_CALLS = {
	status: 'warning',
	message: 'Not checked: WeChat accepted no request from this n8n server (see the token and IP whitelist checks)',
	remedy: 'Fix what the token and IP whitelist checks report, then run Check Account again',
	details: { checked: false },
};

describe('findings', () => {
	it('a check that could not run is a warning that says why and what to fix first', () => {
		expect(
			notChecked('resource.userAnalysis', 'no access token could be obtained (see the token check)'),
		).toStrictEqual({
			check: 'resource.userAnalysis',
			status: 'warning',
			message: 'Not checked: no access token could be obtained (see the token check)',
			remedy: 'Fix what the token and IP whitelist checks report, then run Check Account again',
			details: { checked: false },
		});
	});

	it('details leave out the fields without a value, so n8n shows no empty fields', () => {
		expect(ok('token', 'fine', { a: 1, b: undefined, c: '' })).toStrictEqual({
			check: 'token',
			status: 'ok',
			message: 'fine',
			details: { a: 1, c: '' },
		});
		expect(problem('token', 'error', 'bad', 'fix it', { errcode: undefined, base_url: BASE_URL })).toStrictEqual({
			check: 'token',
			status: 'error',
			message: 'bad',
			remedy: 'fix it',
			details: { base_url: BASE_URL },
		});
	});

	it('counts the findings of each status', () => {
		const findings = [
			ok('a', 'x'),
			problem('b', 'warning', 'x', 'y'),
			problem('c', 'warning', 'x', 'y'),
			problem('d', 'error', 'x', 'y'),
		];
		expect(countByStatus(findings)).toEqual({ ok: 1, warning: 2, error: 1 });
		expect(countByStatus([])).toEqual({ ok: 0, warning: 0, error: 0 });
	});
});

describe('the token check', () => {
	it('a refusal by the token endpoint stops every other request', () => {
		const facts: TokenFacts = {
			connection,
			probe: { error: tokenRefusal(40013, 'invalid appid') },
			held: false,
			fetched: false,
		};
		expect(stopsEverything(facts)).toBe(true);
	});

	it('unusable credential settings stop every other request', () => {
		const settingsError = new CredentialSettingsError("The credential's AppID is empty", 'Copy the AppID');
		expect(stopsEverything({ settingsError, held: false, fetched: false })).toBe(true);
	});

	it("a refused AppID gives WeChat's explanation as the remedy, not the network advice, and its errcode", () => {
		const refusal = tokenRefusal(40013, 'invalid appid rid: 1');
		const finding = tokenVerdict({ connection, probe: { error: refusal }, held: false, fetched: false });
		expect(finding).toStrictEqual({
			check: 'token',
			status: 'error',
			message:
				'Could not obtain an access token from /cgi-bin/stable_token at https://api.weixin.qq.com for AppID wx1: WeChat does not recognise the AppID (errcode 40013)',
			remedy: refusal.description,
			details: { token_endpoint: '/cgi-bin/stable_token', base_url: BASE_URL, app_id: 'wx1', errcode: 40013 },
		});
		expect(finding.remedy).toMatch(/^Check the credential's AppID field: copy it from /);
	});

	it('an unreachable WeChat has no errcode field in the details', () => {
		const unreachable = new DatacubeError(
			'exhausted',
			'WeChat kept failing after 5 attempts: HTTP 502',
			'Run again later.',
		);
		const finding = tokenVerdict({ connection, probe: { error: unreachable }, held: false, fetched: false });
		expect(finding.details).toStrictEqual({
			token_endpoint: '/cgi-bin/stable_token',
			base_url: BASE_URL,
			app_id: 'wx1',
		});
	});
});

describe('the IP whitelist check', () => {
	const facts: TokenFacts = { connection, probe: { value: { list: [], isDelay: false } }, held: true, fetched: true };

	it('accepted requests: ok, naming where they were sent', () => {
		expect(ipWhitelistVerdict(facts, [wechat(48001, 'api unauthorized')])).toStrictEqual({
			check: 'ipWhitelist',
			status: 'ok',
			message: 'WeChat accepted requests from this n8n server, sent to https://api.weixin.qq.com',
			details: { base_url: BASE_URL },
		});
	});

	it('40164 anywhere among the failures: an error naming the IP WeChat saw', () => {
		const refused = wechat(40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 2');
		expect(ipWhitelistVerdict(facts, [wechat(48001, 'api unauthorized'), refused])).toStrictEqual({
			check: 'ipWhitelist',
			status: 'error',
			message: "WeChat refused requests from IP 203.0.113.7: it is not on the account's IP whitelist (errcode 40164)",
			remedy: refused.description,
			details: { ip: '203.0.113.7', base_url: BASE_URL },
		});
	});

	it('40164 without an IP in the errmsg: the IP is unknown and left out of the details', () => {
		const refused = wechat(40164, 'not in whitelist');
		expect(ipWhitelistVerdict(facts, [refused])).toStrictEqual({
			check: 'ipWhitelist',
			status: 'error',
			message: "WeChat refused requests from IP unknown: it is not on the account's IP whitelist (errcode 40164)",
			remedy: refused.description,
			details: { base_url: BASE_URL },
		});
	});

	it('89503 (an administrator must confirm the IP): an error with what WeChat said and what to do', () => {
		const refused = wechat(89503, 'risky ip, please confirm');
		expect(ipWhitelistVerdict(facts, [refused])).toStrictEqual({
			check: 'ipWhitelist',
			status: 'error',
			message: 'An administrator of the Official Account must confirm calls from this IP address (errcode 89503)',
			remedy: refused.description,
			details: { base_url: BASE_URL },
		});
		expect(refused.description).toContain('Confirm the request in the WeChat notification');
	});

	it('no token: not checked, because no request reached WeChat', () => {
		const refusal = tokenRefusal(40125, 'invalid appsecret');
		const noToken: TokenFacts = { connection, probe: { error: refusal }, held: false, fetched: false };
		expect(ipWhitelistVerdict(noToken, [refusal])).toStrictEqual({
			check: 'ipWhitelist',
			status: 'warning',
			message: 'Not checked: no access token could be obtained (see the token check)',
			remedy: 'Fix what the token and IP whitelist checks report, then run Check Account again',
			details: { checked: false },
		});
	});
});

describe('the verification check', () => {
	const unverified = () => wechat(48001, 'api unauthorized rid: 3');

	it('nothing asked: not checked', () => {
		expect(verificationVerdict(FAMILIES.map((entry) => ({ family: entry, day: DAY })))).toStrictEqual({
			check: 'verification',
			...NO_CALLS,
		});
	});

	it('no 48001: ok, the account is verified', () => {
		expect(
			verificationVerdict([answered('messageSummary', 1), failed('userAnalysis', wechat(61503, 'data not ready'))]),
		).toStrictEqual({
			check: 'verification',
			status: 'ok',
			message: 'WeChat let this account call the data statistics APIs (no errcode 48001): it is verified',
		});
	});

	it('48001 for some while others answered: a missing permission, naming each refused API and where to look', () => {
		expect(
			verificationVerdict([
				failed('messageSummary', unverified()),
				answered('publishedContent', 2),
				failed('userAnalysis', unverified()),
			]),
		).toStrictEqual({
			check: 'verification',
			status: 'error',
			message:
				'WeChat refused Message Summary (getupstreammsg), User Analysis (getusercumulate) with errcode 48001 (api unauthorized) but answered the other statistics: the account lacks the permission for these',
			remedy:
				'Check which permissions the account has under API Management > API Permissions and Quotas of the account on the WeChat Developer Platform (developers.weixin.qq.com/platform).',
			details: { refused: ['getupstreammsg', 'getusercumulate'] },
		});
	});

	it('48001 for every request: the account is not verified, and personal accounts cannot be', () => {
		expect(
			verificationVerdict([failed('messageSummary', unverified()), failed('userAnalysis', unverified())]),
		).toStrictEqual({
			check: 'verification',
			status: 'error',
			message:
				'WeChat refused every statistics request with errcode 48001 (api unauthorized): Message Summary (getupstreammsg), User Analysis (getusercumulate). The account is not verified.',
			remedy:
				'Only verified Official Accounts (verified subscription and service accounts) may use the data statistics APIs. ' +
				'Complete WeChat Verification for the account on the Official Accounts Platform (mp.weixin.qq.com). ' +
				'Accounts registered to an individual (personal-entity accounts) cannot be verified, so they cannot use these APIs at all: ' +
				'their statistics are only in the platform itself. Use an account registered to an organisation for API access.',
			details: { refused: ['getupstreammsg', 'getusercumulate'] },
		});
	});
});

describe('the check of each resource family', () => {
	it('not asked: not checked', () => {
		expect(familyVerdict({ family: family('userAnalysis'), day: DAY })).toStrictEqual({
			check: 'resource.userAnalysis',
			...NO_CALLS,
		});
	});

	it('an answer: ok, with the endpoint, the day and the row count in words', () => {
		expect(familyVerdict(answered('messageSummary', 1))).toStrictEqual({
			check: 'resource.messageSummary',
			status: 'ok',
			message: 'Message Summary: WeChat answered getupstreammsg for 2026-03-09 with 1 row',
			details: { endpoint: 'getupstreammsg', day: DAY, rows: 1, is_delay: false },
		});
		expect(familyVerdict(answered('userAnalysis', 0)).message).toBe(
			'User Analysis: WeChat answered getusercumulate for 2026-03-09 with 0 rows',
		);
		expect(familyVerdict(answered('userAnalysis', 2)).message).toBe(
			'User Analysis: WeChat answered getusercumulate for 2026-03-09 with 2 rows',
		);
	});

	it('an answer marked is_delay says the figures are not final yet', () => {
		expect(familyVerdict(answered('publishedContent', 3, true))).toStrictEqual({
			check: 'resource.publishedContent',
			status: 'ok',
			message:
				'Published Content: WeChat answered getbizsummary for 2026-03-09 with 3 rows; WeChat marks its figures as not final yet (is_delay)',
			details: { endpoint: 'getbizsummary', day: DAY, rows: 3, is_delay: true },
		});
	});

	it('47009 from the classic article APIs: a warning that they are retired, with the replacements', () => {
		const error = wechat(47009, 'this api is offline, please use the new api', 'getarticlesummary');
		expect(familyVerdict(failed('articleAnalysis', error))).toStrictEqual({
			check: 'resource.articleAnalysis',
			status: 'warning',
			message:
				'Article Analysis (Classic, Retired): WeChat has retired the classic article APIs: getarticlesummary answered errcode 47009 ("this api is offline, please use the new api")',
			remedy: retiredRemedy(),
			details: { endpoint: 'getarticlesummary', day: DAY, errcode: 47009 },
		});
	});

	it('47009 from another API is an error with what WeChat said, not the classic article advice', () => {
		const error = wechat(47009, 'this api is offline, please use the new api', 'getbizsummary');
		expect(familyVerdict(failed('publishedContent', error))).toStrictEqual({
			check: 'resource.publishedContent',
			status: 'error',
			message: `Published Content: ${error.message}`,
			remedy: error.description,
			details: { endpoint: 'getbizsummary', day: DAY, errcode: 47009 },
		});
		expect(error.message).toBe('WeChat has taken /datacube/getbizsummary offline (errcode 47009)');
	});

	it('48001: an error that points to the verification check', () => {
		expect(familyVerdict(failed('userAnalysis', wechat(48001, 'api unauthorized')))).toStrictEqual({
			check: 'resource.userAnalysis',
			status: 'error',
			message: 'User Analysis: WeChat refused getusercumulate (errcode 48001, api unauthorized)',
			remedy: 'See the verification check: only verified accounts may use these APIs.',
			details: { endpoint: 'getusercumulate', day: DAY, errcode: 48001 },
		});
	});

	it('61503: a warning to run again after 08:00 China time', () => {
		expect(familyVerdict(failed('interfaceAnalysis', wechat(61503, 'data not ready, please try later')))).toStrictEqual(
			{
				check: 'resource.interfaceAnalysis',
				status: 'warning',
				message: 'Interface Analysis: WeChat has not finished 2026-03-09 for getinterfacesummary yet (errcode 61503)',
				remedy: 'Run again later: WeChat finishes a day by 08:00 China time the next morning, sometimes later.',
				details: { endpoint: 'getinterfacesummary', day: DAY, errcode: 61503 },
			},
		);
	});
});

describe('the quota check of each endpoint', () => {
	const quota = (remain: number, dailyLimit: number) => ({
		value: { daily_limit: dailyLimit, used: dailyLimit - remain, remain },
	});

	it('names the resource and operation, and the span of a request that covers several days', () => {
		expect(quotaVerdict(api('userAnalysis', 'getUserSummary'), quota(900, 1000), NOW)).toStrictEqual({
			check: 'quota.getusersummary',
			status: 'ok',
			message:
				'getusersummary (User Analysis > Get Follower Growth): 900 of 1000 requests left today, 100 used. A year of daily data costs 53 requests (up to 7 days per request).',
			details: {
				endpoint: 'getusersummary',
				cgi_path: '/datacube/getusersummary',
				daily_limit: 1000,
				used: 100,
				remain: 900,
				requests_per_year: 53,
			},
		});
	});

	it('no request left is an error even when the daily limit is 0', () => {
		expect(quotaVerdict(api('userAnalysis', 'getUserSummary'), quota(0, 0), NOW).status).toBe('error');
	});

	it('a low quota: when it resets, and how to do without or reset it', () => {
		expect(quotaVerdict(api('userAnalysis', 'getUserSummary'), quota(50, 1000), NOW)).toMatchObject({
			status: 'warning',
			remedy:
				'The quota resets at midnight China time (2026-03-11 00:00 China time, in about 14.0 h). ' +
				'Until then fetch shorter ranges of this operation, or none. If it cannot wait, the account can reset its API quotas ' +
				'(at most 10 times a month) on the WeChat Developer Platform or with the clear_quota API.',
		});
	});
});

describe('the latest day check', () => {
	it('61503 from several families: a warning naming each late endpoint', () => {
		const late = (resource: string) => failed(resource, wechat(61503, 'data not ready, please try later'));
		const finding = latestDayVerdict(NOW, [
			late('messageSummary'),
			answered('publishedContent', 1),
			late('userAnalysis'),
		]);
		expect(finding).toMatchObject({
			check: 'latestDay',
			status: 'warning',
			remedy: 'WeChat is late today: run again later, and schedule daily workflows some time after 08:00 China time.',
		});
		expect(finding.message).toMatch(
			/ But WeChat has not finished 2026-03-09 for getupstreammsg, getusercumulate yet \(errcode 61503\)\.$/,
		);
	});
});
