/**
 * The built package inside n8n's real engine (n8n-core WorkflowExecute) against the WeChat
 * simulator on 127.0.0.1: every operation end to end, multi-item input, token reuse and refresh,
 * WeChat errors and the credential test. Bad inputs (alone and as one item of three): hardening.test.js;
 * both "Continue" modes: error-output.test.js; secrets: secrets.test.js.
 */
const { wechatSuite, wechatOnly, rowsOf } = require('./suite');
const multiItemFixture = require('./fixtures/multi-item-expressions.json');

const suite = wechatSuite();
const { run, datacubeCalls, tokenCalls, setCredential } = suite;
let sim;
let engine;
beforeAll(() => ({ sim, engine } = suite));

describe('each operation returns every row of its range once, with the fewest requests', () => {
	it.each([
		['getDaily', 'getupstreammsg', '2024-01-01', '2024-04-09', 15],
		['getHourly', 'getupstreammsghour', '2024-02-28', '2024-03-01', 3],
		['getWeekly', 'getupstreammsgweek', '2024-01-03', '2024-04-06', 3],
		['getMonthly', 'getupstreammsgmonth', '2023-10-01', '2024-11-03', 13],
		['getDailyDistribution', 'getupstreammsgdist', '2024-01-01', '2024-02-09', 3],
		['getWeeklyDistribution', 'getupstreammsgdistweek', '2024-01-01', '2024-03-10', 2],
		['getMonthlyDistribution', 'getupstreammsgdistmonth', '2023-12-15', '2024-06-30', 6],
	])('%s (%s) %s..%s in %i requests', async (operation, endpoint, beginDate, endDate, requests) => {
		const result = await run({
			operation,
			dateRange: 'custom',
			beginDate,
			endDate,
			options: { addReadableFields: false },
		});
		expect(result.error).toBeUndefined();
		const expected = sim.expectedRows(endpoint, beginDate, endDate);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.data.WeChat.map((item) => item.json)).toEqual(expected);
		expect(result.data.WeChat.every((item) => item.pairedItem.item === 0)).toBe(true);
		const calls = datacubeCalls();
		expect(calls).toHaveLength(requests);
		expect(calls.every((call) => call.endpoint === endpoint && call.errcode === 0)).toBe(true);
	});

	it('gives identical output at Parallel Requests 1 and 10 (shuffled answers, merged deterministically)', async () => {
		const parameters = { operation: 'getHourly', dateRange: 'custom', beginDate: '2024-05-01', endDate: '2024-05-20' };
		const one = await run({ ...parameters, options: { parallelRequests: 1 } });
		const ten = await run({ ...parameters, options: { parallelRequests: 10 } });
		expect(one.error).toBeUndefined();
		expect(ten.data.WeChat.map((item) => item.json)).toEqual(one.data.WeChat.map((item) => item.json));
		expect(rowsOf(one)).toEqual(sim.expectedRows('getupstreammsghour', '2024-05-01', '2024-05-20'));
	});

	it('adds readable fields by default and keeps WeChat fields unchanged', async () => {
		const result = await run({
			operation: 'getHourly',
			dateRange: 'custom',
			beginDate: '2024-03-01',
			endDate: '2024-03-01',
		});
		const items = result.data.WeChat.map((item) => item.json);
		expect(items.map(wechatOnly)).toEqual(sim.expectedRows('getupstreammsghour', '2024-03-01', '2024-03-01'));
		const first = items.find((json) => json.ref_hour === 1300);
		expect(first).toMatchObject({ hour: 13, start_time: '2024-03-01T13:00:00+08:00' });
		expect(typeof first.msg_type_name).toBe('string');
	});

	it('lastWeek on the weekly operation gives the week labelled by its Monday', async () => {
		const result = await run({ operation: 'getWeekly', dateRange: 'lastWeek' });
		const dates = new Set(result.data.WeChat.map((item) => item.json.ref_date));
		expect(dates.size).toBe(1);
		const [monday] = [...dates];
		expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
		expect(result.data.WeChat[0].json.period_end).toBe(
			new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86400000).toISOString().slice(0, 10),
		);
	});

	it('yesterday is yesterday in China time', async () => {
		const result = await run({ operation: 'getDailyDistribution', dateRange: 'yesterday' });
		expect(result.error).toBeUndefined();
		expect(new Set(result.data.WeChat.map((item) => item.json.ref_date))).toEqual(new Set([sim.latestDay()]));
		expect(datacubeCalls()[0].body).toEqual({ begin_date: sim.latestDay(), end_date: sim.latestDay() });
	});

	it('accepts Luxon DateTimes from expressions, by their calendar date', async () => {
		const result = await run({
			operation: 'getDaily',
			dateRange: 'custom',
			beginDate: '={{ $today.minus({days: 10}) }}',
			endDate: '={{ $today.minus({days: 3}) }}',
		});
		expect(result.error).toBeUndefined();
		const dates = [...new Set(result.data.WeChat.map((item) => item.json.ref_date))];
		expect(dates).toHaveLength(8);
	});
});

describe('items', () => {
	it('runs each input item as its own range, with expressions and pairedItem (workflow fixture)', async () => {
		const result = await engine.run(multiItemFixture, { timezone: 'Asia/Shanghai' });
		expect(result.error).toBeUndefined();
		const items = result.data.WeChat;
		const byItem = (index) =>
			items.filter((item) => item.pairedItem.item === index).map((item) => wechatOnly(item.json));
		expect(byItem(0)).toEqual(sim.expectedRows('getupstreammsg', '2024-01-01', '2024-01-10'));
		expect(byItem(1)).toEqual(sim.expectedRows('getupstreammsg', '2024-02-27', '2024-03-02'));
		expect(byItem(2)).toEqual(sim.expectedRows('getupstreammsg', '2024-05-30', '2024-05-30'));
		expect(items.map((item) => item.pairedItem.item)).toEqual([...items.map((item) => item.pairedItem.item)].sort());
		expect(tokenCalls()).toHaveLength(1);
	});
});

describe('access token', () => {
	it('is fetched once, persisted, and reused by the next execution', async () => {
		const first = await run({
			operation: 'getHourly',
			dateRange: 'custom',
			beginDate: '2024-03-01',
			endDate: '2024-03-04',
		});
		expect(first.error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(1);
		const stored = engine.credentials.get('sim').accessToken;
		expect(stored).toMatch(/\S{20,}/);
		sim.resetLog();
		const second = await run({ operation: 'getDaily', dateRange: 'last7Days' });
		expect(second.error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(0);
		expect(datacubeCalls().every((call) => call.token === stored)).toBe(true);
	});

	it('expiring mid-run is refreshed once and every row still arrives exactly once', async () => {
		await run({ dateRange: 'yesterday' });
		sim.resetLog();
		sim.expireTokens();
		const result = await run({
			operation: 'getHourly',
			dateRange: 'custom',
			beginDate: '2024-01-01',
			endDate: '2024-01-12',
			options: { parallelRequests: 4 },
		});
		expect(result.error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(1);
		expect(rowsOf(result)).toEqual(sim.expectedRows('getupstreammsghour', '2024-01-01', '2024-01-12'));
		const rejected = datacubeCalls().filter((call) => call.errcode === 42001);
		expect(rejected.length).toBeGreaterThanOrEqual(1);
		expect(rejected.length).toBeLessThanOrEqual(4);
		expect(engine.credentials.get('sim').accessToken).toBe(tokenCalls().length && datacubeCalls().at(-1).token);
	});

	it('survives repeated expiry within one range', async () => {
		sim.setOptions({ expireTokenEvery: 5 });
		const result = await run({
			operation: 'getHourly',
			dateRange: 'custom',
			beginDate: '2024-01-01',
			endDate: '2024-01-30',
		});
		expect(result.error).toBeUndefined();
		expect(rowsOf(result)).toEqual(sim.expectedRows('getupstreammsghour', '2024-01-01', '2024-01-30'));
		expect(tokenCalls().length).toBeGreaterThan(2);
		expect(tokenCalls().length).toBeLessThanOrEqual(
			datacubeCalls().filter((call) => call.errcode === 42001).length + 1,
		);
	});

	it('uses the classic endpoint when chosen', async () => {
		setCredential({ issuingEndpoint: 'classic' });
		const result = await run({ dateRange: 'yesterday' });
		expect(result.error).toBeUndefined();
		expect(tokenCalls().map((call) => call.endpoint)).toEqual(['token']);
	});
});

describe('WeChat errors', () => {
	it('48001 fails with the verification remedy, naming the window', async () => {
		sim.setOptions({ forceErrcode: 48001 });
		const result = await run({
			dateRange: 'custom',
			beginDate: '2024-01-01',
			endDate: '2024-01-20',
			options: { parallelRequests: 1 },
		});
		expect(result.error.message).toBe(
			'Could not fetch 2024-01-01 to 2024-01-07: This Official Account is not authorized to use the data statistics API (errcode 48001)',
		);
		expect(result.error.description).toMatch(/verified/);
		expect(result.error.description).toMatch(
			/0 of 3 request windows succeeded; failed: 2024-01-01 to 2024-01-07; not attempted: 2/,
		);
		expect(datacubeCalls()).toHaveLength(1);
	});

	it('a caller IP that is not whitelisted is shown with where to add it', async () => {
		sim.setOptions({ ipWhitelisted: false });
		const result = await run({ dateRange: 'yesterday' });
		expect(result.error.message).toMatch(
			/The IP address 127\.0\.0\.1 is not on the account's IP whitelist \(errcode 40164\)/,
		);
		expect(result.error.description).toMatch(
			/Add 127\.0\.0\.1 to the API IP whitelist in the WeChat Developers Platform \(developers\.weixin\.qq\.com\/platform\) > My Business/,
		);
	});
});

describe('credential test', () => {
	it("passes with good settings and fails with WeChat's reason", async () => {
		const good = { appId: sim.appId, appSecret: sim.appSecret, baseUrl: sim.url, issuingEndpoint: 'stable' };
		expect(await engine.testCredential('weChatOfficialAccountApi', good)).toMatchObject({ status: 'OK' });
		const badId = await engine.testCredential('weChatOfficialAccountApi', { ...good, appId: 'wx-nope' });
		expect(badId).toMatchObject({ status: 'Error' });
		expect(badId.message).toMatch(/AppID/);
		sim.setOptions({ ipWhitelisted: false });
		const blocked = await engine.testCredential('weChatOfficialAccountApi', good);
		expect(blocked.message).toMatch(/127\.0\.0\.1/);
	});
});
