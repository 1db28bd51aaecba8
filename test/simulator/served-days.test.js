'use strict';
// The 08:00 China-time rule: WeChat serves yesterday only from 08:00 China time the next morning;
// before that the latest served day is the day before yesterday. Fixed clocks; any machine TZ.

const { expectedRows } = require('./index');
const { useSim, dates } = require('./test-helpers');

const t = useSim();
const at = (iso) => Date.parse(iso);
// Monday 2024-12-02: the week of Nov 25 ends on Sunday Dec 1; November ends on Saturday Nov 30.
const MON_0759 = at('2024-12-02T07:59:59+08:00');
const MON_0800 = at('2024-12-02T08:00:00+08:00');

async function openAt(ms, options = {}) {
	await t.open({ start: ms, ...options });
	return (await t.api.stable()).access_token;
}

describe('daily endpoints', () => {
	test('yesterday answers 61503 at 07:59:59 China time and rows at 08:00:00', async () => {
		const token = await openAt(MON_0759);
		expect(t.sim.latestDay()).toBe('2024-11-30');
		const early = await t.api.dc('getupstreammsg', '2024-11-30', '2024-12-01', token);
		expect(early).toEqual({
			errcode: 61503,
			errmsg: expect.stringMatching(/^data not ready, please try later rid: [0-9a-f-]+$/),
		});
		expect(t.sim.log.at(-1)).toMatchObject({ endpoint: 'getupstreammsg', errcode: 61503, rows: 0 });
		expect(dates((await t.api.dc('getupstreammsg', '2024-11-30', '2024-11-30', token)).list)).toEqual(['2024-11-30']);
		t.clk.t = MON_0800;
		expect(t.sim.latestDay()).toBe('2024-12-01');
		expect(dates((await t.api.dc('getupstreammsg', '2024-11-30', '2024-12-01', token)).list)).toEqual([
			'2024-11-30',
			'2024-12-01',
		]);
	});

	test('around China midnight: today is 61501 before and after, yesterday turns 61503 at 00:00', async () => {
		const token = await openAt(at('2024-12-01T23:59:59+08:00'));
		expect(t.sim.latestDay()).toBe('2024-11-30');
		expect((await t.api.dc('getupstreammsghour', '2024-11-30', '2024-11-30', token)).list.length).toBeGreaterThan(0);
		expect((await t.api.dc('getupstreammsghour', '2024-12-01', '2024-12-01', token)).errcode).toBe(61501);
		t.clk.t = at('2024-12-02T00:00:00+08:00');
		expect(t.sim.latestDay()).toBe('2024-11-30');
		expect((await t.api.dc('getupstreammsghour', '2024-12-01', '2024-12-01', token)).errcode).toBe(61503);
		expect((await t.api.dc('getupstreammsghour', '2024-12-02', '2024-12-02', token)).errcode).toBe(61501);
		expect((await t.api.dc('getupstreammsghour', '2024-11-30', '2024-11-30', token)).list.length).toBeGreaterThan(0);
	});

	test('a span violation is still 61501 when the end is not ready', async () => {
		const token = await openAt(MON_0759);
		expect((await t.api.dc('getupstreammsg', '2024-11-20', '2024-12-01', token)).errcode).toBe(61501);
	});

	test('readyHour 0 serves yesterday from midnight (the old behaviour), settable at runtime', async () => {
		const token = await openAt(at('2024-12-02T00:00:01+08:00'), { readyHour: 0 });
		expect(t.sim.latestDay()).toBe('2024-12-01');
		expect((await t.api.dc('getupstreammsg', '2024-12-01', '2024-12-01', token)).list.length).toBeGreaterThan(0);
		t.sim.setOptions({ readyHour: 8 });
		expect((await t.api.dc('getupstreammsg', '2024-12-01', '2024-12-01', token)).errcode).toBe(61503);
		expect(() => t.sim.setOptions({ readyHour: 24 })).toThrow(/readyHour/);
	});
});

describe('weeks and months are served once their last day is served', () => {
	test('Monday 07:59:59: the week that ended yesterday is not served; at 08:00 it is', async () => {
		const token = await openAt(MON_0759);
		expect((await t.api.dc('getupstreammsgweek', '2024-11-25', '2024-12-01', token)).errcode).toBe(61503);
		const early = await t.api.dc('getupstreammsgweek', '2024-11-18', '2024-11-30', token);
		expect(dates(early.list)).toEqual(['2024-11-18']);
		t.clk.t = MON_0800;
		const late = await t.api.dc('getupstreammsgweek', '2024-11-18', '2024-11-30', token);
		expect(dates(late.list)).toEqual(['2024-11-18', '2024-11-25']);
	});

	test('on the 1st before 08:00 the month that ended yesterday is not served', async () => {
		const token = await openAt(at('2024-12-01T07:59:59+08:00'));
		expect(t.sim.latestDay()).toBe('2024-11-29');
		expect((await t.api.dc('getupstreammsgdistmonth', '2024-10-01', '2024-10-30', token)).list.length).toBeGreaterThan(
			0,
		);
		expect((await t.api.dc('getupstreammsgmonth', '2024-11-01', '2024-11-29', token)).list).toEqual([]);
		expect((await t.api.dc('getupstreammsgmonth', '2024-11-01', '2024-11-30', token)).errcode).toBe(61503);
		t.clk.t = at('2024-12-01T08:00:00+08:00');
		expect(dates((await t.api.dc('getupstreammsgmonth', '2024-11-01', '2024-11-29', token)).list)).toEqual([
			'2024-11-01',
		]);
	});
});

describe('expectedRows follows the same rule', () => {
	test('daily: yesterday appears from 08:00 China time', () => {
		expect(dates(expectedRows('getupstreammsg', '2024-11-28', '2024-12-01', MON_0759))).toEqual([
			'2024-11-28',
			'2024-11-29',
			'2024-11-30',
		]);
		expect(dates(expectedRows('getupstreammsg', '2024-11-28', '2024-12-01', MON_0800)).at(-1)).toBe('2024-12-01');
		expect(dates(expectedRows('getupstreammsg', '2024-11-28', '2024-12-01', MON_0759, { readyHour: 0 })).at(-1)).toBe(
			'2024-12-01',
		);
	});

	test('weekly on Monday and monthly on the 1st', () => {
		expect(dates(expectedRows('getupstreammsgdistweek', '2024-11-20', '2024-12-01', MON_0759))).toEqual(['2024-11-18']);
		expect(dates(expectedRows('getupstreammsgdistweek', '2024-11-20', '2024-12-01', MON_0800))).toEqual([
			'2024-11-18',
			'2024-11-25',
		]);
		const dec1 = (hhmmss) => at(`2024-12-01T${hhmmss}+08:00`);
		expect(dates(expectedRows('getupstreammsgmonth', '2024-10-15', '2024-11-30', dec1('07:59:59')))).toEqual([
			'2024-10-01',
		]);
		expect(dates(expectedRows('getupstreammsgmonth', '2024-10-15', '2024-11-30', dec1('08:00:00')))).toEqual([
			'2024-10-01',
			'2024-11-01',
		]);
	});

	test('sim.expectedRows and /__sim/expected use the simulator clock and readyHour', async () => {
		await openAt(MON_0759);
		expect(dates(t.sim.expectedRows('getupstreammsg', '2024-11-30', '2024-12-01'))).toEqual(['2024-11-30']);
		const q = new URLSearchParams({ endpoint: 'getupstreammsg', begin: '2024-11-30', end: '2024-12-01' });
		expect(dates((await (await fetch(`${t.sim.url}/__sim/expected?${q}`)).json()).list)).toEqual(['2024-11-30']);
		const state = await (await fetch(`${t.sim.url}/__sim/state`)).json();
		expect(state).toMatchObject({ today: '2024-12-02', yesterday: '2024-12-01', latestDay: '2024-11-30' });
		t.sim.setOptions({ readyHour: 7 });
		expect(dates(t.sim.expectedRows('getupstreammsg', '2024-11-30', '2024-12-01'))).toEqual([
			'2024-11-30',
			'2024-12-01',
		]);
	});
});
