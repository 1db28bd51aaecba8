/**
 * Issue 8 §3: WeChat finishes a day by 08:00 China time the next morning. With a fixed clock on
 * both sides (the node's Date.now and the simulator's, which answers 61503 for yesterday before
 * 08:00), presets end on the latest day WeChat serves, custom ranges are clamped to it, and the
 * editor is told why (an execution hint), around midnight, on a Monday (weeks) and on the 1st.
 */
const { wechatWorkflow } = require('./wechat-workflow');
const helpers = require('./sim-helpers');

const clock = helpers.useFixedChinaClock();
let sim;
let engine;
beforeAll(() => ({ sim, engine } = clock));
const at = (chinaTime) => clock.at(chinaTime);

async function run(parameters) {
	const result = await engine.run(
		wechatWorkflow({ parameters: { options: { addReadableFields: false }, ...parameters } }),
		{
			timezone: 'America/Los_Angeles',
		},
	);
	const hints = (result.runData.WeChat?.[0]?.hints ?? []).map((hint) => hint.message);
	return { result, hints, asked: helpers.datacubeCalls(sim).map((call) => [call.body.begin_date, call.body.end_date]) };
}

describe('Yesterday', () => {
	it('at 07:30 China time is the day before yesterday, with a hint; no request for unfinished data', async () => {
		at('2026-11-26T07:30:00');
		const { result, hints, asked } = await run({ operation: 'getDaily', dateRange: 'yesterday' });
		expect(result.error).toBeUndefined();
		expect(asked).toEqual([['2026-11-24', '2026-11-24']]);
		expect(result.data.WeChat.map((item) => item.json)).toEqual(
			sim.expectedRows('getupstreammsg', '2026-11-24', '2026-11-24'),
		);
		expect(hints.join(' ')).toMatch(/before then the latest day it serves is 2026-11-24, not yesterday \(2026-11-25\)/);
	});

	it('at 08:00 China time is yesterday, without a hint', async () => {
		at('2026-11-26T08:00:01');
		const { result, hints, asked } = await run({ operation: 'getDaily', dateRange: 'yesterday' });
		expect(result.error).toBeUndefined();
		expect(asked).toEqual([['2026-11-25', '2026-11-25']]);
		expect(hints).toEqual([]);
	});

	it('just after midnight China time (16:30 UTC the day before) is two days back', async () => {
		at('2026-11-26T00:30:00');
		const { asked } = await run({ operation: 'getHourly', dateRange: 'yesterday' });
		expect(asked).toEqual([['2026-11-24', '2026-11-24']]);
	});
});

it('Last 7 Days at 03:00 China time keeps its length and ends the day before yesterday', async () => {
	at('2026-11-26T03:00:00');
	const { result, asked } = await run({ operation: 'getDaily', dateRange: 'last7Days' });
	expect(result.error).toBeUndefined();
	expect(asked).toEqual([['2026-11-18', '2026-11-24']]);
});

it('a custom range ending yesterday is clamped before 08:00, with a hint naming the new end', async () => {
	at('2026-11-26T07:59:00');
	const { result, hints, asked } = await run({
		operation: 'getDaily',
		dateRange: 'custom',
		beginDate: '2026-11-20',
		endDate: '2026-11-25',
	});
	expect(result.error).toBeUndefined();
	expect(asked).toEqual([['2026-11-20', '2026-11-24']]);
	expect(hints.join(' ')).toMatch(/End Date moved from 2026-11-25 to 2026-11-24/);
});

it('on Monday 00:30 China time, Last Week is the week before (the one that just ended is not served yet)', async () => {
	at('2026-11-23T00:30:00');
	const { result } = await run({ operation: 'getWeekly', dateRange: 'lastWeek' });
	expect(result.error).toBeUndefined();
	expect(new Set(result.data.WeChat.map((item) => item.json.ref_date))).toEqual(new Set(['2026-11-09']));
	at('2026-11-23T09:00:00');
	const later = await run({ operation: 'getWeekly', dateRange: 'lastWeek' });
	expect(new Set(later.result.data.WeChat.map((item) => item.json.ref_date))).toEqual(new Set(['2026-11-16']));
});

it('on the 1st before 08:00 China time, Last Month is the month before last', async () => {
	at('2026-11-01T07:00:00');
	const { result } = await run({ operation: 'getMonthly', dateRange: 'lastMonth' });
	expect(result.error).toBeUndefined();
	expect(new Set(result.data.WeChat.map((item) => item.json.ref_date))).toEqual(new Set(['2026-09-01']));
	at('2026-11-01T08:00:00');
	const later = await run({ operation: 'getMonthly', dateRange: 'lastMonth' });
	expect(new Set(later.result.data.WeChat.map((item) => item.json.ref_date))).toEqual(new Set(['2026-10-01']));
});
