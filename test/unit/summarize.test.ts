/**
 * The option Simplify: one summary of the rows the node would output (rows made by the node's own
 * collectRows from WeChat-shaped answers), its figures checked by hand, and its size bounded for every
 * API whatever the range.
 */
import type { IDataObject } from 'n8n-workflow';
import { DATACUBE_APIS, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { addDays } from '../../nodes/WeChatOfficialAccount/dates/calendar';
import { planRequests, type Plan } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import { collectRows } from '../../nodes/WeChatOfficialAccount/rows/collectRows';
import { SERIES_MAX, SIMPLIFY_TOP, summarize } from '../../nodes/WeChatOfficialAccount/simplify/summarize';
import { SUMMARY_SPECS } from '../../nodes/WeChatOfficialAccount/simplify/summarySpecs';

const byEndpoint = (endpoint: string) => DATACUBE_APIS.find((api) => api.endpoint === endpoint) as DatacubeApi;
const NOW = Date.parse('2026-11-25T12:00:00+08:00');
const plan = (endpoint: string, begin: string, end: string): Plan =>
	planRequests(byEndpoint(endpoint), { dateRange: 'custom', beginDate: begin, endDate: end }, NOW);
/** The node's rows for WeChat's answer `list` (one window's list is enough here). */
const rowsOf = (p: Plan, list: unknown[]) => collectRows(p, [list], { addReadableFields: true });
/** The summary of the rows the node makes of WeChat's answer `list` for begin..end. */
const summaryOf = (endpoint: string, begin: string, end: string, list: unknown[]) => {
	const p = plan(endpoint, begin, end);
	return summarize(p, rowsOf(p, list));
};
/** A summary's list: { by, of, items }. */
const list = (summary: IDataObject, name: string) => summary[name] as { by: string; of: number; items: IDataObject[] };

/** The documented bound: a summary is at most this many bytes of JSON. */
const MAX_BYTES = 8192;

describe('Simplify', () => {
	it('has a rule for every API of the table and for nothing else', () => {
		expect(Object.keys(SUMMARY_SPECS).sort()).toEqual(DATACUBE_APIS.map((api) => api.endpoint).sort());
		for (const api of DATACUBE_APIS)
			expect(SUMMARY_SPECS[api.endpoint].show).toContain(SUMMARY_SPECS[api.endpoint].rank);
	});

	it('follower growth: totals with net growth, one entry per day, channels ranked by new followers with their names', () => {
		const s = summaryOf('getusersummary', '2026-11-01', '2026-11-02', [
			{ ref_date: '2026-11-01', user_source: 0, new_user: 5, cancel_user: 1 },
			{ ref_date: '2026-11-01', user_source: 30, new_user: 9, cancel_user: 2 },
			{ ref_date: '2026-11-02', user_source: 1, new_user: 7, cancel_user: 7 },
			{ ref_date: '2026-11-02', user_source: 30, new_user: 4, cancel_user: 0 },
		]);
		expect(s).toMatchObject({
			operation: 'Get Follower Growth',
			api: 'getusersummary',
			begin_date: '2026-11-01',
			end_date: '2026-11-02',
			rows: 4,
			totals: { new_user: 25, cancel_user: 10, net_user: 15 },
			per_day: [
				{ ref_date: '2026-11-01', new_user: 14, cancel_user: 3, net_user: 11 },
				{ ref_date: '2026-11-02', new_user: 11, cancel_user: 7, net_user: 4 },
			],
		});
		expect(list(s, 'top_user_source')).toEqual({
			by: 'new_user',
			of: 3,
			items: [
				{ user_source_name: 'QR code scan', user_source: 30, new_user: 13, cancel_user: 2, net_user: 11 },
				{ user_source_name: 'account search', user_source: 1, new_user: 7, cancel_user: 7, net_user: 0 },
				{ user_source_name: 'other', user_source: 0, new_user: 5, cancel_user: 1, net_user: 4 },
			],
		});
	});

	it('total followers: a level, so first, last and change instead of a sum', () => {
		const s = summaryOf('getusercumulate', '2026-11-01', '2026-11-03', [
			{ ref_date: '2026-11-01', cumulate_user: 1000 },
			{ ref_date: '2026-11-02', cumulate_user: 1010 },
			{ ref_date: '2026-11-03', cumulate_user: 1004 },
		]);
		expect(s.totals).toEqual({ cumulate_user: { first: 1000, last: 1004, change: 4 } });
		expect(s.per_day).toEqual([
			{ ref_date: '2026-11-01', cumulate_user: 1000 },
			{ ref_date: '2026-11-02', cumulate_user: 1010 },
			{ ref_date: '2026-11-03', cumulate_user: 1004 },
		]);
	});

	it('article details: each article once, with its latest totals since publishing; rates per article, never added', () => {
		const p = plan('getarticletotaldetail', '2026-11-01', '2026-11-02');
		const detail = (stat_date: string, read_user: number, read_finish_rate: number) => ({
			stat_date,
			read_user,
			share_user: read_user / 10,
			read_finish_rate,
		});
		const s = summarize(
			p,
			rowsOf(p, [
				{
					ref_date: '2026-11-01',
					msgid: '100_1',
					title: 'First',
					publish_type: 0,
					detail_list: [
						detail('2026-11-01', 100, 0.5),
						detail('2026-11-02', 150, 0.4),
						detail('2026-11-03', 170, 0.45),
					],
				},
				{
					ref_date: '2026-11-02',
					msgid: '200_1',
					title: 'Second',
					publish_type: 1,
					detail_list: [detail('2026-11-02', 300, 0.6), detail('2026-11-03', 320, 0.55)],
				},
			]),
		);
		expect(s.rows).toBe(5);
		expect(s.totals).toEqual({ read_user: 490, share_user: 49 });
		expect(s).not.toHaveProperty('per_day');
		expect(list(s, 'top_articles')).toEqual({
			by: 'read_user',
			of: 2,
			items: [
				{
					msgid: '200_1',
					title: 'Second',
					ref_date: '2026-11-02',
					stat_date: '2026-11-03',
					read_user: 320,
					share_user: 32,
					read_finish_rate: 0.55,
				},
				{
					msgid: '100_1',
					title: 'First',
					ref_date: '2026-11-01',
					stat_date: '2026-11-03',
					read_user: 170,
					share_user: 17,
					read_finish_rate: 0.45,
				},
			],
		});
		expect(s.notes).toEqual([expect.stringContaining('Each article counts once')]);
	});

	it('classic reads by source: the total row (99999999) is left out, and distinct readers are flagged as added per day', () => {
		const s = summaryOf('getuserread', '2026-11-01', '2026-11-01', [
			{ ref_date: '2026-11-01', user_source: 0, int_page_read_user: 10, share_user: 1 },
			{ ref_date: '2026-11-01', user_source: 2, int_page_read_user: 30, share_user: 2 },
			{ ref_date: '2026-11-01', user_source: 99999999, int_page_read_user: 40, share_user: 3 },
		]);
		expect(s.totals).toEqual({ int_page_read_user: 40, share_user: 3 });
		expect(list(s, 'top_user_source').of).toBe(2);
		expect(s.notes).toEqual([
			'int_page_read_user, share_user count distinct people per day: totals and lists add them up, so a person counts once per day',
			'The total row (user_source 99999999) is left out',
		]);
	});

	it('passive replies: the longest reply time is a maximum, the rest sums; hourly lists rank hours of the day', () => {
		const p = plan('getinterfacesummaryhour', '2026-11-01', '2026-11-02');
		const row = (ref_date: string, ref_hour: number, callback_count: number, max_time_cost: number) => ({
			ref_date,
			ref_hour,
			callback_count,
			fail_count: 1,
			total_time_cost: callback_count * 10,
			max_time_cost,
		});
		const s = summarize(
			p,
			rowsOf(p, [row('2026-11-01', 900, 5, 300), row('2026-11-01', 2000, 8, 900), row('2026-11-02', 2000, 9, 200)]),
		);
		expect(s.totals).toEqual({ callback_count: 22, fail_count: 3, total_time_cost: 220, max_time_cost: 900 });
		expect(list(s, 'top_hours').items).toEqual([
			{ hour: 20, callback_count: 17, fail_count: 2 },
			{ hour: 9, callback_count: 5, fail_count: 1 },
		]);
	});

	it(`more than ${SERIES_MAX} days: the series is per month`, () => {
		const p = plan('getusersummary', '2026-09-01', '2026-10-31');
		const rows = Array.from({ length: 61 }, (_, i) => ({
			ref_date: addDays('2026-09-01', i),
			user_source: 0,
			new_user: 1,
			cancel_user: 0,
		}));
		const s = summarize(p, rowsOf(p, rows));
		expect(s.per_month).toEqual([
			{ month: '2026-09', new_user: 30, cancel_user: 0, net_user: 30 },
			{ month: '2026-10', new_user: 31, cancel_user: 0, net_user: 31 },
		]);
		expect(s).not.toHaveProperty('per_day');
	});

	it('no rows: says so', () => {
		const p = plan('getusersummary', '2026-11-01', '2026-11-02');
		expect(summarize(p, [])).toMatchObject({
			rows: 0,
			totals: {},
			per_day: [],
			notes: ['WeChat has no rows for this range'],
		});
	});

	it.each(DATACUBE_APIS.map((api) => [api.endpoint, api] as const))(
		`%s: at most ${MAX_BYTES} bytes for 31 days with many channels, hours and articles, each list cut at ${SIMPLIFY_TOP} with the count of all`,
		(_, api) => {
			const end = api.firstDay && api.firstDay > '2026-10-01' ? addDays(api.firstDay, 30) : '2026-10-31';
			const p = planRequests(api, { dateRange: 'custom', beginDate: addDays(end, -30), endDate: end }, NOW);
			const rows = largeAnswer(api, p);
			const s = summarize(p, rows);
			const size = Buffer.byteLength(JSON.stringify(s));
			expect(size).toBeLessThanOrEqual(MAX_BYTES);
			expect(s.rows).toBe(rows.length);
			for (const value of Object.values(s)) {
				if (value && typeof value === 'object' && 'items' in value) {
					const l = value as { of: number; items: unknown[] };
					expect(l.items.length).toBe(Math.min(SIMPLIFY_TOP, l.of));
				}
			}
		},
	);
});

/** Rows as the node outputs them for a long answer: every key combination, 60 articles, 12 codes, 24 hours. */
function largeAnswer(api: DatacubeApi, p: Plan): IDataObject[] {
	const spec = SUMMARY_SPECS[api.endpoint];
	const dates = p.periods.length ? p.periods.map((period) => period.label) : daysOf(p.begin, p.end);
	let rows: IDataObject[] = dates.map((ref_date) => ({ ref_date }));
	for (const key of api.key.slice(1)) {
		const values: Array<string | number> =
			key.kind === 'hour'
				? Array.from({ length: 24 }, (_, h) => h * 100)
				: key.kind === 'code'
					? Array.from({ length: 12 }, (_, c) => c)
					: key.kind === 'id'
						? Array.from({ length: 60 }, (_, a) => `22474${String(a).padStart(5, '0')}_1`)
						: Array.from({ length: 30 }, (_, d) => addDays(p.begin, d));
		rows = rows.flatMap((row) => values.map((value) => ({ ...row, [key.field]: value })));
	}
	return rows.map((row, i) => {
		const out: IDataObject = { ...row, title: 'A title of a realistic length for an article｜11月22日' };
		for (const e of api.enums) out[e.labelField] = `label of code ${String(row[e.field])}`;
		for (const figure of [...spec.show, 'extra_one', 'extra_two', 'extra_three']) out[figure] = (i * 7919) % 100000;
		return out;
	});
}

function daysOf(begin: string, end: string): string[] {
	const days: string[] = [];
	for (let day = begin; day <= end; day = addDays(day, 1)) days.push(day);
	return days;
}
