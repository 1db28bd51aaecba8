/**
 * Unattended runs against a flaky WeChat: transient faults, token expiry, windows WeChat rejects,
 * permanent failures, and a table of bad inputs — all through n8n's engine and the simulator on
 * 127.0.0.1. Secrets: secrets.test.js.
 */
const { wechatSuite, rowsOf } = require('./suite');
const { BAD_INPUTS } = require('./bad-inputs');

const FAST_RETRY = { retryDelayMs: 1, quotaWaitMs: 5, maxAttempts: 10 };

const suite = wechatSuite();
const { run, datacubeCalls, setCredential } = suite;
let sim;
let engine;
beforeAll(() => ({ sim, engine } = suite));

describe('transient faults and token expiry', () => {
	it.each([
		['getDaily', 'getupstreammsg', '2023-01-01', '2024-12-31'],
		['getHourly', 'getupstreammsghour', '2024-03-01', '2024-04-29'],
		['getWeekly', 'getupstreammsgweek', '2022-01-01', '2024-12-31'],
	])(
		'%s %s..%s: 20%% busy/per-minute-quota answers and a token expiring every 25 calls lose no row',
		async (operation, endpoint, beginDate, endDate) => {
			sim.setOptions({ faults: { rate: 0.2, seed: 42, kinds: ['busy', 'minuteQuota'] }, expireTokenEvery: 25 });
			const result = await run({ operation, dateRange: 'custom', beginDate, endDate, options: FAST_RETRY });
			expect(result.error).toBeUndefined();
			expect(rowsOf(result)).toEqual(sim.expectedRows(endpoint, beginDate, endDate));
			const faults = datacubeCalls().filter((call) => call.fault);
			expect(faults.length).toBeGreaterThan(0);
			expect(datacubeCalls().filter((call) => call.errcode === 42001).length).toBeGreaterThan(0);
		},
	);

	it('HTTP 500s, proxy error pages and connection resets are retried', async () => {
		sim.setOptions({ faults: { rate: 0.3, seed: 7, kinds: ['http500', 'nonJson', 'reset'] } });
		const result = await run({
			operation: 'getDaily',
			dateRange: 'custom',
			beginDate: '2024-01-01',
			endDate: '2024-06-30',
			options: FAST_RETRY,
		});
		expect(result.error).toBeUndefined();
		expect(rowsOf(result)).toEqual(sim.expectedRows('getupstreammsg', '2024-01-01', '2024-06-30'));
		expect(
			new Set(
				datacubeCalls()
					.filter((call) => call.fault)
					.map((call) => call.fault),
			),
		).toEqual(new Set(['http500', 'nonJson', 'reset']));
	});

	it('a request that keeps timing out fails after Max Attempts, naming the cause', async () => {
		sim.setOptions({ latencyMs: 400 });
		const result = await run({
			dateRange: 'custom',
			beginDate: '2024-01-01',
			endDate: '2024-01-03',
			options: { ...FAST_RETRY, maxAttempts: 2, timeoutMs: 100 },
		});
		expect(result.error.message).toMatch(
			/^Could not fetch 2024-01-01 to 2024-01-03: WeChat kept failing after 2 attempts: could not reach http:\/\/127\.0\.0\.1:\d+: no answer within the timeout$/,
		);
		expect(result.data.WeChat ?? []).toHaveLength(0);
	});
});

describe('windows WeChat rejects', () => {
	it('61501 on a window within the documented span is healed by splitting it, logged once', async () => {
		sim.setOptions({ spans: { getupstreammsgdistweek: 15 } });
		// This run's log lines only (the logger keeps the last 1000 lines, so an index into it can go stale).
		engine.logs.length = 0;
		const result = await run({
			operation: 'getWeeklyDistribution',
			dateRange: 'custom',
			beginDate: '2024-01-01',
			endDate: '2024-03-31',
		});
		expect(result.error).toBeUndefined();
		expect(rowsOf(result)).toEqual(sim.expectedRows('getupstreammsgdistweek', '2024-01-01', '2024-03-31'));
		const rejected = datacubeCalls().filter((call) => call.errcode === 61501);
		expect(rejected.length).toBeGreaterThanOrEqual(2);
		const splitLogs = engine.logs.filter((line) => /smaller windows/.test(JSON.stringify(line)));
		expect(splitLogs).toHaveLength(1);
	});

	it('a window that fails for good fails the item and says which windows succeeded', async () => {
		sim.setOptions({ failOnDate: { date: '2024-01-20', errcode: 61503 } });
		const result = await run(
			{ dateRange: 'custom', beginDate: '2024-01-01', endDate: '2024-01-31', options: { parallelRequests: 1 } },
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.data.WeChat).toHaveLength(1);
		const { error, details: description } = result.data.WeChat[0].json;
		expect(error).toBe(
			'Could not fetch 2024-01-15 to 2024-01-21: WeChat has not finished computing these statistics yet (errcode 61503)',
		);
		expect(description).toMatch(/after 08:00 China time/);
		expect(description).toMatch(
			/2 of 5 request windows succeeded \(2024-01-01 to 2024-01-07, 2024-01-08 to 2024-01-14\); failed: 2024-01-15 to 2024-01-21; not attempted: 2; No rows were output/,
		);
	});

	it('45009 (daily quota) fails at once and says when it resets', async () => {
		sim.setOptions({ forceErrcode: 45009 });
		const result = await run({
			dateRange: 'custom',
			beginDate: '2024-01-01',
			endDate: '2024-03-31',
			options: { ...FAST_RETRY, parallelRequests: 1 },
		});
		expect(result.error.message).toMatch(/daily API quota .* used up \(errcode 45009\)/);
		expect(result.error.description).toMatch(/resets at midnight China time \(\d{4}-\d{2}-\d{2} 00:00 China time/);
		expect(datacubeCalls()).toHaveLength(1);
	});
});

describe('bad inputs fail before any request, naming the field', () => {
	it.each(BAD_INPUTS.filter((row) => row.parameters).map((row) => [row.input, row]))('%s', async (_, row) => {
		const alone = await run(row.parameters);
		expect(alone.error.message).toMatch(exactly(row.message));
		expect(alone.error.description).toMatch(row.hint);
		expect(alone.error.node).toBe('WeChat');
		expect(sim.log).toHaveLength(0);
		if (row.parameters.operation) return; // the operation picker takes no expressions: it cannot differ per item

		const mixed = await run(withItemSwitch(row.parameters), {
			continueOnFail: true,
			items: [{ bad: false }, { bad: true }, { bad: false }],
		});
		const out = mixed.data.WeChat;
		const errors = out.filter((item) => item.json.error);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem.item).toBe(1);
		expect(errors[0].json.error).toMatch(exactly(row.message));
		expect(new Set(out.filter((item) => !item.json.error).map((item) => item.pairedItem.item))).toEqual(
			new Set([0, 2]),
		);
	});

	it.each(BAD_INPUTS.filter((row) => row.credential).map((row) => [row.input, row]))('%s', async (_, row) => {
		setCredential(row.credential);
		const result = await run({ dateRange: 'yesterday' });
		expect(result.error.message).toMatch(exactly(row.message));
		expect(result.error.description).toMatch(row.hint);
		expect(sim.log).toHaveLength(0);
	});
});

function exactly(message) {
	return message instanceof RegExp ? message : new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Item 1 gets the bad parameters, items 0 and 2 a valid daily range (options switch value by value). */
function withItemSwitch(parameters) {
	const good = {
		operation: 'getDaily',
		dateRange: 'custom',
		beginDate: '2024-01-01',
		endDate: '2024-01-02',
		options: {},
	};
	const switched = (bad, okValue) => {
		const badExpr =
			typeof bad === 'string' && bad.startsWith('=')
				? bad
						.slice(1)
						.replace(/^\{\{|\}\}$/g, '')
						.trim()
				: JSON.stringify(bad);
		return `={{ $json.bad ? ${badExpr} : ${JSON.stringify(okValue)} }}`;
	};
	const out = { ...good };
	for (const [key, bad] of Object.entries(parameters)) {
		if (key === 'operation') continue; // noDataExpression: the same for every item
		if (key === 'options') {
			out.options = Object.fromEntries(Object.entries(bad).map(([name, value]) => [name, switched(value, 4)]));
			continue;
		}
		out[key] = switched(bad, good[key]);
	}
	if (parameters.dateRange && parameters.dateRange !== 'custom')
		out.dateRange = switched(parameters.dateRange, 'custom');
	return out;
}
