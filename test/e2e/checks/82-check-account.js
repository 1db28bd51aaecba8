/**
 * Account → Check Account in the real app: `n8n execute` of a workflow whose only WeChat node runs the check.
 * Run 1, a healthy account: one item per check, all ok (the classic family may be retired by the simulator), the
 * quota figures as the simulator counts them, 5 statistics requests and 21 quota queries, no secret in the output.
 * Run 2, what a late-2026 account meets: the classic article APIs answer 47009 and one endpoint's daily quota is
 * nearly used up; the execution still succeeds, and the findings say what to do.
 */
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { isDatacubeCall } = require('../../../scripts/lib/simulator');
const { manualWorkflow, wechatNode } = require('../lib/workflows');
const { check } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');

const NODE = 'Check Account';
const WORKFLOW = manualWorkflow('e2eCheckAccount1', 'e2e: Check Account', [
	wechatNode(NODE, { resource: 'account', operation: 'check' }, [300, 0]),
]);
const FAMILY_ENDPOINTS = [
	'getupstreammsg',
	'getusercumulate',
	'getbizsummary',
	'getinterfacesummary',
	'getarticlesummary',
];

async function runCheck(ctx, label) {
	const run = await executeExpectingSuccess(ctx, label, WORKFLOW.id);
	const items = nodeItems(run.execution, NODE) || [];
	const byId = Object.fromEntries(items.map((item) => [item.json.check, item.json]));
	return { ...run, items, byId };
}

function succeeded(execution) {
	if (!execution) return 'no execution JSON in stdout';
	if (execution.status !== 'success') return `status ${execution.status}`;
}

const notOk = (items) => items.filter((item) => item.json.status !== 'ok').map((item) => item.json.check);

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: 'n8n execute: Account → Check Account on a healthy account',
			async run(ctx) {
				const { execution, log, items, byId, result } = await runCheck(ctx, 'execute-check-account');
				const quota = (await ctx.sim.control('GET', 'quota')).quota;
				const latestDay = (await ctx.sim.state()).latestDay;
				check('the execution succeeds with one item per check: 4 account checks, 5 resources, 21 quotas', () => {
					const problem = succeeded(execution);
					if (problem) return problem;
					if (items.length !== 30) return `${items.length} items`;
					const ids = items.map((item) => item.json.check);
					const expected = ['token', 'ipWhitelist', 'verification', 'latestDay'];
					if (ids.slice(0, 4).join() !== expected.join()) return `first checks: ${ids.slice(0, 4).join(', ')}`;
					if (!items.every((item) => item.pairedItem && item.pairedItem.item === 0)) return 'pairedItem is not item 0';
				});
				check('every check is ok (the classic family may answer 47009: a warning), no remedy on an ok item', () => {
					const classicServed = log.some((entry) => entry.endpoint === 'getarticlesummary' && entry.errcode === 0);
					const expected = classicServed ? [] : ['resource.articleAnalysis'];
					if (notOk(items).join() !== expected.join()) return `not ok: ${notOk(items).join(', ')}`;
					if (items.some((item) => item.json.status === 'ok' && 'remedy' in item.json))
						return 'an ok item has a remedy';
					if (byId.token.details.base_url !== ctx.sim.url)
						return `token details: ${JSON.stringify(byId.token.details)}`;
					if (byId.latestDay.details.latest_served_day !== latestDay)
						return `latest day ${byId.latestDay.details.latest_served_day}, simulator ${latestDay}`;
				});
				check('the quota figures are the simulator counts: daily_limit, used and remain of all 21 endpoints', () => {
					for (const [endpoint, figures] of Object.entries(quota)) {
						const details = byId[`quota.${endpoint}`] && byId[`quota.${endpoint}`].details;
						if (!details) return `no quota.${endpoint}`;
						for (const key of ['daily_limit', 'used', 'remain'])
							if (details[key] !== figures[key])
								return `${endpoint} ${key}: ${details[key]}, simulator ${figures[key]}`;
					}
					if (byId['quota.getupstreammsghour'].details.requests_per_year !== 365)
						return 'hourly: not 365 requests a year';
				});
				check('requests: one per resource family for the latest served day, one quota query per endpoint', () => {
					const datacube = log.filter(isDatacubeCall);
					if (datacube.map((entry) => entry.endpoint).join() !== FAMILY_ENDPOINTS.join())
						return `statistics requests: ${datacube.map((entry) => entry.endpoint).join(', ')}`;
					if (datacube.some((entry) => entry.body.begin_date !== latestDay || entry.body.end_date !== latestDay))
						return 'a request for another day than the latest served one';
					const quotaCalls = log.filter((entry) => entry.endpoint === 'quota_get');
					if (quotaCalls.length !== 21) return `${quotaCalls.length} quota queries`;
				});
				check('no App Secret or access token in the output', () => {
					const tokens = [...new Set(log.map((entry) => entry.token).filter(Boolean))];
					const leaked = [ctx.sim.appSecret, ...tokens].filter((secret) => result.stdout.includes(secret));
					if (leaked.length) return `${leaked.length} secrets in the output`;
				});
			},
		},
		{
			title: 'n8n execute: Check Account with the classic article APIs retired (47009) and a quota nearly used up',
			async run(ctx) {
				const before = (await ctx.sim.control('GET', 'quota')).quota.getupstreammsghour.used;
				const limit = Math.max(1000, before + 5);
				await ctx.sim.setOptions({
					serveRetired: false,
					dailyLimit: { getupstreammsghour: limit },
					quotaUsed: { getupstreammsghour: limit - 5 - before },
				});
				let run;
				try {
					run = await runCheck(ctx, 'execute-check-account-retired-quota');
				} finally {
					await ctx.sim.setOptions({ serveRetired: false, dailyLimit: 100000, quotaUsed: null });
				}
				const { execution, items, byId } = run;
				check('the execution succeeds: what the checks find is output, not a failure', () => succeeded(execution));
				check('the classic family: a warning with 47009 that names the Published Content replacements', () => {
					const classic = byId['resource.articleAnalysis'];
					if (!classic || classic.status !== 'warning') return JSON.stringify(classic);
					if (!/errcode 47009/.test(classic.message)) return classic.message;
					for (const words of [
						'Get Article Reads',
						'Get Article Shares',
						'Get Overview',
						'Get Article Details',
						'2025-11-01',
					])
						if (!classic.remedy.includes(words)) return `remedy without ${words}: ${classic.remedy}`;
				});
				check('the hourly quota: a warning with 5 left, what a year of hourly data costs, when it resets', () => {
					const hourly = byId['quota.getupstreammsghour'];
					if (!hourly || hourly.status !== 'warning') return JSON.stringify(hourly);
					if (hourly.details.remain !== 5) return `remain ${hourly.details.remain}`;
					if (!hourly.message.includes('A year of hourly data costs 365 requests')) return hourly.message;
					if (!/midnight China time/.test(hourly.remedy)) return hourly.remedy;
					const others = notOk(items).filter(
						(id) => id !== 'resource.articleAnalysis' && id !== 'quota.getupstreammsghour',
					);
					if (others.length) return `also not ok: ${others.join(', ')}`;
				});
			},
		},
	],
};
