// @tz-sensitive
import { NodeHelpers, type INode } from 'n8n-workflow';
import { findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { WeChatOfficialAccount } from '../../nodes/WeChatOfficialAccount/WeChatOfficialAccount.node';
import { FAMILIES, QUOTA_APIS, CHECK_REQUESTS } from '../../nodes/WeChatOfficialAccount/account/families';
import { retiredRemedy } from '../../nodes/WeChatOfficialAccount/account/retired';
import {
	latestDayVerdict,
	LOW_QUOTA_SHARE,
	quotaVerdict,
	requestsPerYear,
	tokenFailure,
	tokenVerdict,
	stopsEverything,
} from '../../nodes/WeChatOfficialAccount/account/verdicts';
import { DatacubeError } from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';
import { describeInMachineZone } from './timezones';

const api = (resource: string, operation: string): DatacubeApi => {
	const found = findApi(resource, operation);
	if (!found) throw new Error(`${resource}/${operation}`);
	return found;
};
const NOW = Date.parse('2026-03-10T10:00:00+08:00');

describeInMachineZone('Check Account verdicts', () => {
	describe('what Check Account asks', () => {
		it('one operation per resource, one quota query per datacube endpoint: 26 requests', () => {
			expect(FAMILIES.map((family) => [family.check, family.api.endpoint])).toEqual([
				['resource.messageSummary', 'getupstreammsg'],
				['resource.userAnalysis', 'getusercumulate'],
				['resource.publishedContent', 'getbizsummary'],
				['resource.interfaceAnalysis', 'getinterfacesummary'],
				['resource.articleAnalysis', 'getarticlesummary'],
			]);
			expect(new Set(QUOTA_APIS.map((entry) => entry.endpoint)).size).toBe(21);
			expect(CHECK_REQUESTS).toBe(26);
		});
	});

	describe('as an AI tool', () => {
		it("n8n describes the tool with the operation's action", () => {
			const nodeType = new WeChatOfficialAccount();
			expect(nodeType.description.usableAsTool).toBe(true);
			const node = {
				parameters: { resource: 'account', operation: 'check', descriptionType: 'auto' },
			} as unknown as INode;
			expect(NodeHelpers.getToolDescriptionForNode(node, nodeType)).toBe(
				'Check what the account can do in WeChat Official Account',
			);
		});
	});

	describe('quotaVerdict', () => {
		const hourly = api('messageSummary', 'getHourly');
		const quota = (remain: number, dailyLimit = 1000) => ({
			value: { daily_limit: dailyLimit, used: dailyLimit - remain, remain },
		});

		it('a year costs one request per span of days', () => {
			expect(requestsPerYear(hourly)).toBe(365);
			expect(requestsPerYear(api('messageSummary', 'getDaily'))).toBe(53);
			expect(requestsPerYear(api('articleAnalysis', 'getUserRead'))).toBe(122);
			expect(requestsPerYear(api('publishedContent', 'getOverview'))).toBe(13);
		});

		it('ok down to a tenth of the daily limit, a warning below, an error at 0', () => {
			expect(LOW_QUOTA_SHARE).toBe(0.1);
			expect(quotaVerdict(hourly, quota(100), NOW).status).toBe('ok');
			expect(quotaVerdict(hourly, quota(99), NOW).status).toBe('warning');
			expect(quotaVerdict(hourly, quota(1), NOW).status).toBe('warning');
			expect(quotaVerdict(hourly, quota(0), NOW)).toMatchObject({
				status: 'error',
				remedy: expect.stringContaining('2026-03-11 00:00 China time, in about 14.0 h'),
			});
			expect(quotaVerdict(hourly, quota(100), NOW).remedy).toBeUndefined();
		});

		it('says when today is not enough for a year of the data', () => {
			expect(quotaVerdict(hourly, quota(365), NOW).message).toMatch(/costs 365 requests \(one day per request\)\.$/);
			expect(quotaVerdict(hourly, quota(364), NOW).message).toMatch(/, more than is left today\.$/);
		});

		it('an error answer is a warning that WeChat did not report it', () => {
			const error = new DatacubeError('fatal', 'WeChat returned an error (errcode 76021)', 'See the list.', 76021);
			expect(quotaVerdict(hourly, { error }, NOW)).toMatchObject({
				check: 'quota.getupstreammsghour',
				status: 'warning',
				message:
					'WeChat did not report the daily quota of getupstreammsghour: WeChat returned an error (errcode 76021)',
				remedy: 'See the list.',
				details: { errcode: 76021 },
			});
		});
	});

	describe('tokenFailure and stopsEverything', () => {
		const failed = (error: Error) => ({ held: false, fetched: false, probe: { error } });
		it('a token-endpoint refusal or an unreachable WeChat without a token stop everything; an API error does not', () => {
			const refused = new DatacubeError('fatal', 'AppID', '', 40013, undefined, true);
			const unreachable = new DatacubeError('exhausted', 'kept failing', '');
			const unverified = new DatacubeError('fatal', 'not authorized', '', 48001);
			const ipRefused = new DatacubeError('fatal', 'IP', '', 40164);
			expect(tokenFailure(failed(refused))).toBe(refused);
			expect(tokenFailure(failed(unreachable))).toBe(unreachable);
			expect(tokenFailure({ ...failed(unreachable), held: true })).toBeUndefined();
			expect(stopsEverything(failed(unverified))).toBe(false);
			expect(stopsEverything({ ...failed(ipRefused), held: true })).toBe(true);
			expect(stopsEverything({ held: true, fetched: true, probe: { value: {} } })).toBe(false);
		});
	});

	describe('tokenVerdict', () => {
		const connection = {
			tokenEndpoint: '/cgi-bin/stable_token',
			baseUrl: 'https://proxy.example',
			appId: 'wx1',
			classic: false,
		};
		it('WeChat unreachable: the Base URL and the network to check, not the retry options', () => {
			const unreachable = new DatacubeError(
				'exhausted',
				'WeChat kept failing after 5 attempts: could not reach https://proxy.example: the connection was refused',
				'A temporary fault that did not clear. Run again later, or raise Max Attempts / Retry Delay in the node options.',
			);
			expect(tokenVerdict({ connection, probe: { error: unreachable }, held: false, fetched: false })).toEqual({
				check: 'token',
				status: 'error',
				message:
					'Could not obtain an access token from /cgi-bin/stable_token at https://proxy.example for AppID wx1: WeChat kept failing after 5 attempts: could not reach https://proxy.example: the connection was refused',
				remedy:
					"Check the credential's Base URL (https://proxy.example) and that this n8n server can reach it (firewall, proxy), then run Check Account again.",
				details: { token_endpoint: '/cgi-bin/stable_token', base_url: 'https://proxy.example', app_id: 'wx1' },
			});
		});

		it('unusable settings: their message and hint', () => {
			const settings = Object.assign(new Error("The credential's AppID is empty"), { hint: 'Copy the AppID' });
			expect(tokenVerdict({ settingsError: settings, held: false, fetched: false })).toEqual({
				check: 'token',
				status: 'error',
				message: "No access token could be requested: The credential's AppID is empty",
				remedy: 'Copy the AppID',
			});
		});
	});

	describe('latestDayVerdict', () => {
		it.each([
			['2026-03-10T07:59:00+08:00', '2026-03-08', '2026-03-10 07:59 China time', '2026-03-10 08:00 China time'],
			['2026-03-10T08:00:00+08:00', '2026-03-09', '2026-03-10 08:00 China time', '2026-03-11 08:00 China time'],
			['2026-03-01T00:05:00+08:00', '2026-02-27', '2026-03-01 00:05 China time', '2026-03-01 08:00 China time'],
		])('at %s the latest served day is %s', (instant, latest, clock, next) => {
			expect(latestDayVerdict(Date.parse(instant), []).details).toEqual({
				latest_served_day: latest,
				china_time: clock,
				next_day_served_at: next,
			});
		});
	});

	describe('retiredRemedy', () => {
		it("names every replacement in the node's words, the first day and the missing hourly split", () => {
			expect(retiredRemedy()).toBe(
				'Use these operations instead. Get Article Summary: Published Content → Get Article Reads and Get Article Shares; ' +
					'Get Article Total: Published Content → Get Article Details; Get Reads by Source: Published Content → Get Overview; ' +
					'Get Hourly Reads by Source: Published Content → Get Overview and Get Article Reads; ' +
					'Get Shares by Scene: Published Content → Get Overview and Get Article Shares; ' +
					'Get Hourly Shares by Scene: Published Content → Get Overview and Get Article Shares. ' +
					'Published Content has data from 2025-11-01 only, and no hourly split.',
			);
		});
	});
});
