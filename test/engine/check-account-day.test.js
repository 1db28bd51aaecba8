/**
 * Check Account and the 08:00 China-time rule, on one fixed clock for the node and the simulator:
 * the latest day WeChat serves is reported and asked for (no request for a day WeChat has not
 * finished), and a day WeChat is late with (61503 after 08:00) is a warning, not a failure.
 */
const { wechatWorkflow } = require('./wechat-workflow');
const helpers = require('./sim-helpers');

const clock = helpers.useFixedChinaClock((suite) => suite.sim.resetOptions());

async function check() {
	const result = await clock.engine.run(wechatWorkflow({ parameters: { resource: 'account', operation: 'check' } }), {
		timezone: 'America/Los_Angeles',
	});
	const byId = Object.fromEntries((result.data.WeChat ?? []).map((item) => [item.json.check, item.json]));
	const asked = helpers.datacubeCalls(clock.sim).map((call) => call.body.begin_date);
	return { result, byId, asked };
}

it('at 07:30 China time the latest served day is the day before yesterday, and that is the day asked for', async () => {
	clock.at('2026-11-26T07:30:00');
	const { result, byId, asked } = await check();
	expect(result.status).toBe('success');
	expect(byId.latestDay).toEqual({
		check: 'latestDay',
		status: 'ok',
		message:
			'WeChat serves statistics up to 2026-11-24 (the day before yesterday): it is 2026-11-26 07:30 China time, and yesterday is finished at 2026-11-26 08:00 China time.',
		details: {
			latest_served_day: '2026-11-24',
			china_time: '2026-11-26 07:30 China time',
			next_day_served_at: '2026-11-26 08:00 China time',
		},
	});
	expect(asked).toEqual(Array(5).fill('2026-11-24'));
	expect(byId['resource.messageSummary'].status).toBe('ok');
});

it('at 08:00 China time it is yesterday', async () => {
	clock.at('2026-11-26T08:00:01');
	const { byId, asked } = await check();
	expect(byId.latestDay.details.latest_served_day).toBe('2026-11-25');
	expect(byId.latestDay.message).toMatch(
		/^WeChat serves statistics up to 2026-11-25 \(yesterday\): it is 2026-11-26 08:00/,
	);
	expect(byId.latestDay.details.next_day_served_at).toBe('2026-11-27 08:00 China time');
	expect(asked).toEqual(Array(5).fill('2026-11-25'));
});

it('WeChat late with yesterday after 08:00 (61503): warnings that say to run again later, the execution succeeds', async () => {
	clock.sim.setOptions({ readyHour: 10 });
	clock.at('2026-11-26T09:00:00');
	const { result, byId } = await check();
	expect(result.status).toBe('success');
	expect(byId.latestDay.status).toBe('warning');
	expect(byId.latestDay.message).toContain('But WeChat has not finished 2026-11-25 for getupstreammsg');
	expect(byId.latestDay.remedy).toMatch(/run again later/);
	expect(byId['resource.userAnalysis']).toMatchObject({
		status: 'warning',
		message: 'User Analysis: WeChat has not finished 2026-11-25 for getusercumulate yet (errcode 61503)',
	});
	expect(byId.verification.status).toBe('ok');
});
