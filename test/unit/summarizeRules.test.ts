/**
 * Simplify's rules beyond the basic cases of summarize.test.ts: the series is named after the
 * operation's grain (per_week, per_month) and stays per day up to exactly 31 days; a level (total
 * followers) is a month's last value, not a sum, and skips days without a total; the distinct-people
 * note says "per hour" for hourly operations; the plan's own notes come first; lists name their
 * entries even without Add Readable Fields (hour from ref_hour, code alone) and never carry a name
 * the rows lack; article lists without a statistics series show msgid and title; an endpoint without
 * a rule fails with a message naming it.
 */
import type { IDataObject } from 'n8n-workflow';
import { DATACUBE_APIS, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { addDays } from '../../nodes/WeChatOfficialAccount/dates/calendar';
import { planRequests, type Plan } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import { collectRows } from '../../nodes/WeChatOfficialAccount/rows/collectRows';
import { SERIES_MAX, summarize } from '../../nodes/WeChatOfficialAccount/simplify/summarize';

const byEndpoint = (endpoint: string) => DATACUBE_APIS.find((api) => api.endpoint === endpoint) as DatacubeApi;
const NOW = Date.parse('2026-11-25T12:00:00+08:00');
const plan = (endpoint: string, begin: string, end: string): Plan =>
	planRequests(byEndpoint(endpoint), { dateRange: 'custom', beginDate: begin, endDate: end }, NOW);
/** The node's rows for WeChat's answer `list`, with or without Add Readable Fields. */
const rowsOf = (p: Plan, list: unknown[], addReadableFields = true) => collectRows(p, [list], { addReadableFields });
/** A summary's list: { by, of, items }. */
const list = (summary: IDataObject, name: string) => summary[name] as { by: string; of: number; items: IDataObject[] };

describe('Simplify series', () => {
	it(`exactly ${SERIES_MAX} days: still one entry per day`, () => {
		const p = plan('getusersummary', '2026-10-01', '2026-10-31');
		const rows = Array.from({ length: 31 }, (_, i) => ({
			ref_date: addDays('2026-10-01', i),
			user_source: 0,
			new_user: 2,
			cancel_user: 1,
		}));
		const s = summarize(p, rowsOf(p, rows));
		const perDay = s.per_day as IDataObject[];
		expect(perDay).toHaveLength(31);
		expect(perDay[0]).toEqual({ ref_date: '2026-10-01', new_user: 2, cancel_user: 1, net_user: 1 });
		expect(perDay[30]).toEqual({ ref_date: '2026-10-31', new_user: 2, cancel_user: 1, net_user: 1 });
		expect(s).not.toHaveProperty('per_month');
	});

	it('weekly operations: one entry per week, named per_week and keyed by its Monday', () => {
		const p = plan('getupstreammsgweek', '2026-10-05', '2026-10-18');
		const row = (ref_date: string, msg_type: number, msg_user: number, msg_count: number) => ({
			ref_date,
			msg_type,
			msg_user,
			msg_count,
		});
		const s = summarize(
			p,
			rowsOf(p, [row('2026-10-05', 1, 10, 30), row('2026-10-05', 2, 3, 4), row('2026-10-12', 1, 7, 9)]),
		);
		expect(s.per_week).toEqual([
			{ ref_date: '2026-10-05', msg_count: 34, msg_user: 13 },
			{ ref_date: '2026-10-12', msg_count: 9, msg_user: 7 },
		]);
		expect(s).not.toHaveProperty('per_day');
		expect(s).not.toHaveProperty('per_month');
		expect(s.notes).toEqual([
			'msg_user count distinct people per week: totals and lists add them up, so a person counts once per week',
		]);
	});

	it('monthly operations: one entry per month, named per_month and keyed by its 1st', () => {
		const p = plan('getupstreammsgdistmonth', '2026-09-01', '2026-10-31');
		const row = (ref_date: string, count_interval: number, msg_user: number) => ({
			ref_date,
			count_interval,
			msg_user,
		});
		const s = summarize(p, rowsOf(p, [row('2026-09-01', 1, 40), row('2026-09-01', 2, 5), row('2026-10-01', 1, 30)]));
		expect(s.per_month).toEqual([
			{ ref_date: '2026-09-01', msg_user: 45 },
			{ ref_date: '2026-10-01', msg_user: 30 },
		]);
		expect(s).not.toHaveProperty('per_day');
		expect(s.notes).toEqual([
			'msg_user count distinct people per month: totals and lists add them up, so a person counts once per month',
		]);
	});
});

describe('Simplify of total followers (a level)', () => {
	it('more than 31 days: each month shows its last total, not the sum of its days', () => {
		const p = plan('getusercumulate', '2026-09-01', '2026-10-31');
		const rows = Array.from({ length: 61 }, (_, i) => ({
			ref_date: addDays('2026-09-01', i),
			cumulate_user: 1000 + i,
		}));
		const s = summarize(p, rowsOf(p, rows));
		expect(s.per_month).toEqual([
			{ month: '2026-09', cumulate_user: 1029 },
			{ month: '2026-10', cumulate_user: 1060 },
		]);
		expect(s.totals).toEqual({ cumulate_user: { first: 1000, last: 1060, change: 60 } });
	});

	it('a day without a total: first, last and change come from the days that have one', () => {
		const p = plan('getusercumulate', '2026-11-01', '2026-11-04');
		const s = summarize(
			p,
			rowsOf(p, [
				{ ref_date: '2026-11-01' },
				{ ref_date: '2026-11-02', cumulate_user: 500 },
				{ ref_date: '2026-11-03', cumulate_user: 520 },
				{ ref_date: '2026-11-04' },
			]),
		);
		expect(s.totals).toStrictEqual({ cumulate_user: { first: 500, last: 520, change: 20 } });
	});

	it('no rows: totals stay empty (no first, last or change)', () => {
		const p = plan('getusercumulate', '2026-11-01', '2026-11-02');
		expect(summarize(p, []).totals).toStrictEqual({});
	});
});

describe('Simplify notes', () => {
	it('hourly operations: distinct people count once per hour', () => {
		const p = plan('getupstreammsghour', '2026-11-01', '2026-11-01');
		const s = summarize(
			p,
			rowsOf(p, [{ ref_date: '2026-11-01', ref_hour: 900, msg_type: 1, msg_user: 4, msg_count: 6 }]),
		);
		expect(s.notes).toEqual([
			'msg_user count distinct people per hour: totals and lists add them up, so a person counts once per hour',
		]);
	});

	it("the plan's notes (a moved start date) come first", () => {
		const p = plan('getbizsummary', '2025-10-25', '2025-11-02');
		expect(p.notes).toHaveLength(1);
		expect(p.notes[0]).toMatch(/moved from 2025-10-25 to 2025-11-01/);
		expect(summarize(p, []).notes).toEqual([
			p.notes[0],
			'WeChat has no rows for this range',
			'read_user, share_user count distinct people per day: totals and lists add them up, so a person counts once per day',
		]);
	});
});

describe('Simplify lists', () => {
	it('without Add Readable Fields: hours are still named by their hour of the day', () => {
		const p = plan('getinterfacesummaryhour', '2026-11-01', '2026-11-02');
		const row = (ref_date: string, ref_hour: number, callback_count: number) => ({
			ref_date,
			ref_hour,
			callback_count,
			fail_count: 0,
			total_time_cost: 10,
			max_time_cost: 10,
		});
		const rows = rowsOf(p, [row('2026-11-01', 900, 5), row('2026-11-01', 2000, 8), row('2026-11-02', 2000, 9)], false);
		expect(rows[0]).not.toHaveProperty('hour');
		expect(list(summarize(p, rows), 'top_hours').items).toStrictEqual([
			{ hour: 20, callback_count: 17, fail_count: 0 },
			{ hour: 9, callback_count: 5, fail_count: 0 },
		]);
	});

	it('without Add Readable Fields: a channel entry has its code and no name (or net_user) field at all', () => {
		const p = plan('getusersummary', '2026-11-01', '2026-11-01');
		const rows = rowsOf(
			p,
			[
				{ ref_date: '2026-11-01', user_source: 0, new_user: 5, cancel_user: 1 },
				{ ref_date: '2026-11-01', user_source: 30, new_user: 9, cancel_user: 2 },
			],
			false,
		);
		expect(list(summarize(p, rows), 'top_user_source').items).toStrictEqual([
			{ user_source: 30, new_user: 9, cancel_user: 2 },
			{ user_source: 0, new_user: 5, cancel_user: 1 },
		]);
	});

	it('a code the API table gives no readable name: entries are named by the code alone', () => {
		const growth = byEndpoint('getusersummary');
		const p = planRequests(
			{ ...growth, enums: [] },
			{ dateRange: 'custom', beginDate: '2026-11-01', endDate: '2026-11-01' },
			NOW,
		);
		const rows = rowsOf(p, [
			{ ref_date: '2026-11-01', user_source: 0, new_user: 5, cancel_user: 1 },
			{ ref_date: '2026-11-01', user_source: 30, new_user: 9, cancel_user: 2 },
		]);
		expect(list(summarize(p, rows), 'top_user_source')).toStrictEqual({
			by: 'new_user',
			of: 2,
			items: [
				{ user_source: 30, new_user: 9, cancel_user: 2, net_user: 7 },
				{ user_source: 0, new_user: 5, cancel_user: 1, net_user: 4 },
			],
		});
	});

	it('article reads (with Add Title and Link): each article once with its msgid and title, readers added over the days', () => {
		const p = plan('getarticleread', '2026-11-01', '2026-11-02');
		const read = (ref_date: string, msgid: string, read_user: number) => ({ ref_date, msgid, detail: { read_user } });
		const rows = rowsOf(p, [
			read('2026-11-01', '100_1', 40),
			read('2026-11-01', '200_1', 30),
			read('2026-11-02', '100_1', 5),
			read('2026-11-02', '200_1', 25),
		]);
		for (const row of rows) row.title = `Title of ${String(row.msgid)}`;
		const s = summarize(p, rows);
		expect(list(s, 'top_articles')).toStrictEqual({
			by: 'read_user',
			of: 2,
			items: [
				{ msgid: '200_1', title: 'Title of 200_1', read_user: 55 },
				{ msgid: '100_1', title: 'Title of 100_1', read_user: 45 },
			],
		});
		expect(s.per_day).toEqual([
			{ ref_date: '2026-11-01', read_user: 70 },
			{ ref_date: '2026-11-02', read_user: 30 },
		]);
	});
});

describe('Simplify without a rule', () => {
	it('fails with a message naming the endpoint', () => {
		const p = plan('getusersummary', '2026-11-01', '2026-11-01');
		const unknown: Plan = { ...p, api: { ...p.api, endpoint: 'getsomethingnew' } };
		expect(() => summarize(unknown, [])).toThrow(new Error('Simplify has no summary rule for getsomethingnew'));
	});
});
