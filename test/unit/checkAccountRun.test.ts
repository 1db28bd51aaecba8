/**
 * Check Account's requests through the node's real transport (DatacubeClient and TokenSession)
 * against a scripted n8n context: the AppID it shows, unusable credential settings (a finding,
 * no request sent), an execution stopped meanwhile, and an IP refusal met by a request after the
 * first one (servers with several outgoing IP addresses).
 */
import { checkAccount } from '../../nodes/WeChatOfficialAccount/account/runChecks';
import { FAMILIES, QUOTA_APIS } from '../../nodes/WeChatOfficialAccount/account/families';
import type { Finding } from '../../nodes/WeChatOfficialAccount/account/findings';
import {
	DatacubeClient,
	DatacubeError,
	type RetryOptions,
} from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';
import { boundCredential, rejectionOf, ScriptedContext, ScriptedSleeps, type Call } from './support/scriptedContext';

const NOW = Date.parse('2026-03-10T10:00:00+08:00');
const RETRY: RetryOptions = { maxAttempts: 2, retryDelayMs: 10, quotaWaitMs: 10, timeoutMs: 1000 };
const QUOTA = { body: { errcode: 0, quota: { daily_limit: 1000, used: 10, remain: 990 } } };
const sleeps = new ScriptedSleeps();

/** Answers quota queries with a healthy quota and datacube requests by `lists` (an empty list otherwise). */
function scripted(credential: Parameters<typeof boundCredential>[1], lists: Record<string, unknown> = {}) {
	const context = new ScriptedContext({ credential: boundCredential('token-0', credential) });
	context.server.responders.datacube = (call: Call) => {
		if (call.url.endsWith('/cgi-bin/openapi/quota/get')) return QUOTA;
		const endpoint = call.url.split('/datacube/')[1];
		return { body: lists[endpoint] ?? { list: [] } };
	};
	return context;
}

async function findingsOf(context: ScriptedContext, retry: RetryOptions = RETRY): Promise<Record<string, Finding>> {
	const result = await checkAccount(new DatacubeClient(context.ctx), { now: NOW, parallelRequests: 2, retry });
	if (!('findings' in result)) throw result.cannotRun;
	return Object.fromEntries(result.findings.map((finding) => [finding.check, finding]));
}

beforeEach(() => sleeps.install());
afterEach(() => {
	sleeps.uninstall();
	jest.restoreAllMocks();
});

describe('Check Account run', () => {
	it('shows the AppID without the spaces pasted around it', async () => {
		const context = scripted({ appId: '  wx0123456789abcdef ' });
		const byId = await findingsOf(context);
		expect(byId.token).toMatchObject({
			status: 'ok',
			message:
				'Used the access token stored in the credential, issued by /cgi-bin/stable_token at https://api.weixin.qq.com for AppID wx0123456789abcdef.',
			details: { app_id: 'wx0123456789abcdef', source: 'stored' },
		});
		expect(context.server.calls).toHaveLength(FAMILIES.length + QUOTA_APIS.length);
	});

	it('unusable credential settings: a token finding with their hint, no request sent, the rest not checked', async () => {
		const context = scripted({ appId: '   ' });
		const byId = await findingsOf(context);
		expect(byId.token).toStrictEqual({
			check: 'token',
			status: 'error',
			message: "No access token could be requested: The credential's AppID is empty",
			remedy: expect.stringMatching(/^Copy the AppID from /),
		});
		expect(byId.ipWhitelist).toMatchObject({ status: 'warning', details: { checked: false } });
		expect(byId['resource.messageSummary']).toMatchObject({ status: 'warning', details: { checked: false } });
		expect(byId['quota.getusersummary']).toMatchObject({ status: 'warning', details: { checked: false } });
		expect(context.server.calls).toHaveLength(0);
	});

	it('an execution stopped during the check ends it with the stop, not with findings', async () => {
		const context = scripted({});
		const controller = new AbortController();
		controller.abort();
		const client = new DatacubeClient(context.ctx);
		const stopped = await rejectionOf(
			checkAccount(client, { now: NOW, parallelRequests: 2, retry: { ...RETRY, signal: controller.signal } }),
			DatacubeError,
		);
		expect(stopped).toMatchObject({ kind: 'cancelled', message: 'The execution was stopped' });
	});

	it('an IP refusal (40164) after the first request answered still makes the IP whitelist check an error', async () => {
		const context = scripted(
			{},
			{
				getusercumulate: {
					errcode: 40164,
					errmsg: 'invalid ip 198.51.100.9 ipv6 ::ffff:198.51.100.9, not in whitelist rid: 1',
				},
			},
		);
		const byId = await findingsOf(context);
		expect(byId['resource.messageSummary'].status).toBe('ok');
		expect(byId.ipWhitelist).toMatchObject({
			status: 'error',
			message: "WeChat refused requests from IP 198.51.100.9: it is not on the account's IP whitelist (errcode 40164)",
			details: { ip: '198.51.100.9', base_url: 'https://api.weixin.qq.com' },
		});
	});
});
