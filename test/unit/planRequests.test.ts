// @tz-sensitive
import { DATACUBE_APIS, findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { addDays, daysBetween, mondayOf } from '../../nodes/WeChatOfficialAccount/dates/calendar';
import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import { planRequests, retile, type Plan } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import { describeInMachineZone } from './timezones';

const api = (operation: string): DatacubeApi => findApi('messageSummary', operation) as DatacubeApi;
const custom = (beginDate: unknown, endDate: unknown) => ({ dateRange: 'custom', beginDate, endDate });
/** 2024-03-01 00:30 in China = 2024-02-29 16:30 UTC: China's "today" is a day ahead of UTC's. */
const NOW = Date.parse('2024-03-01T00:30:00+08:00');
const LATE_NOW = Date.parse('2026-11-25T12:00:00+08:00');

function range(plan: Plan) {
	return [plan.begin, plan.end];
}

/** Independent oracle: fewest windows (each label span <= api.span - 1) by dynamic programming. */
function minimumWindows(labels: string[], span: number): number {
	const best = new Array(labels.length + 1).fill(Infinity);
	best[0] = 0;
	for (let end = 1; end <= labels.length; end++) {
		for (let start = 0; start < end; start++) {
			if (daysBetween(labels[start], labels[end - 1]) <= span - 1) best[end] = Math.min(best[end], best[start] + 1);
		}
	}
	return best[labels.length];
}

function daysOf(plan: Plan): string[] {
	const days: string[] = [];
	for (const window of plan.windows) {
		for (let day = window.begin; day <= window.end; day = addDays(day, 1)) days.push(day);
	}
	return days;
}

function expectPlanError(run: () => unknown, field: string, fragment: RegExp) {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(PlanError);
		expect((error as PlanError).field).toBe(field);
		expect((error as PlanError).message).toMatch(fragment);
		expect((error as PlanError).hint.length).toBeGreaterThan(10);
		return;
	}
	throw new Error('expected a PlanError');
}

describeInMachineZone('planRequests', () => {
	describe('presets are computed in China time', () => {
		// Before 08:00 China time WeChat has not finished yesterday: the latest served day is the day before.
		it.each([
			['yesterday', '2024-02-28', '2024-02-28'],
			['last7Days', '2024-02-22', '2024-02-28'],
			['last30Days', '2024-01-30', '2024-02-28'],
			['lastWeek', '2024-02-19', '2024-02-25'],
			['lastMonth', '2024-01-01', '2024-01-31'],
		])('%s at 2024-03-01 00:30 China time ends on the day before yesterday', (dateRange, begin, end) => {
			const plan = planRequests(api('getDaily'), { dateRange }, NOW);
			expect(range(plan)).toEqual([begin, end]);
			expect(plan.latest).toBe('2024-02-28');
			expect(plan.notes.join(' ')).toMatch(/08:00 China time/);
		});

		it.each([
			['yesterday', '2024-02-29', '2024-02-29'],
			['last7Days', '2024-02-23', '2024-02-29'],
			['last30Days', '2024-01-31', '2024-02-29'],
			['lastWeek', '2024-02-19', '2024-02-25'],
			['lastMonth', '2024-02-01', '2024-02-29'],
		])('%s at 2024-03-01 08:00 China time ends yesterday', (dateRange, begin, end) => {
			const plan = planRequests(api('getDaily'), { dateRange }, Date.parse('2024-03-01T08:00:00+08:00'));
			expect(range(plan)).toEqual([begin, end]);
			expect(plan.notes).toEqual([]);
		});

		it('07:59:59 and 08:00:00 China time are on either side of the rule', () => {
			const before = planRequests(
				api('getDaily'),
				{ dateRange: 'yesterday' },
				Date.parse('2024-03-01T07:59:59.999+08:00'),
			);
			const after = planRequests(api('getDaily'), { dateRange: 'yesterday' }, Date.parse('2024-03-01T08:00:00+08:00'));
			expect([before.end, after.end]).toEqual(['2024-02-28', '2024-02-29']);
		});

		it('crosses the year in China before UTC does', () => {
			const now = Date.parse('2024-12-31T16:30:00Z'); // 2025-01-01 00:30 in China
			expect(range(planRequests(api('getDaily'), { dateRange: 'yesterday' }, now))).toEqual([
				'2024-12-30',
				'2024-12-30',
			]);
			expect(range(planRequests(api('getDaily'), { dateRange: 'lastMonth' }, now))).toEqual([
				'2024-11-01',
				'2024-11-30',
			]);
			expect(range(planRequests(api('getDaily'), { dateRange: 'lastWeek' }, now))).toEqual([
				'2024-12-23',
				'2024-12-29',
			]);
			const nine = Date.parse('2025-01-01T09:00:00+08:00');
			expect(range(planRequests(api('getDaily'), { dateRange: 'lastMonth' }, nine))).toEqual([
				'2024-12-01',
				'2024-12-31',
			]);
		});

		it('on a Monday after 08:00, last week ends yesterday; before 08:00 it is the week before', () => {
			const monday = Date.parse('2026-11-23T09:00:00+08:00');
			expect(range(planRequests(api('getWeekly'), { dateRange: 'lastWeek' }, monday))).toEqual([
				'2026-11-16',
				'2026-11-22',
			]);
			const early = Date.parse('2026-11-23T00:30:00+08:00');
			const plan = planRequests(api('getWeekly'), { dateRange: 'lastWeek' }, early);
			expect(plan.periods.map((p) => p.label)).toEqual(['2026-11-09']);
		});

		it('on the 1st before 08:00, last month is the month before; the monthly API gets a completed month', () => {
			const first = Date.parse('2026-11-01T07:00:00+08:00');
			expect(planRequests(api('getMonthly'), { dateRange: 'lastMonth' }, first).periods.map((p) => p.label)).toEqual([
				'2026-09-01',
			]);
			const later = Date.parse('2026-11-01T08:30:00+08:00');
			expect(planRequests(api('getMonthly'), { dateRange: 'lastMonth' }, later).periods.map((p) => p.label)).toEqual([
				'2026-10-01',
			]);
		});

		it('a custom range ending on yesterday is clamped before 08:00 with a note', () => {
			const plan = planRequests(api('getDaily'), custom('2024-02-20', '2024-02-29'), NOW);
			expect(plan.end).toBe('2024-02-28');
			expect(plan.notes.join(' ')).toMatch(/End Date moved from 2024-02-29 to 2024-02-28/);
		});

		it('lastMonth in March of a non-leap year is all of February', () => {
			const now = Date.parse('2023-03-15T10:00:00+08:00');
			expect(range(planRequests(api('getMonthly'), { dateRange: 'lastMonth' }, now))).toEqual([
				'2023-02-01',
				'2023-02-28',
			]);
		});
	});

	describe('day and hour windows', () => {
		it('a 100-day daily range takes ceil(100 / 7) = 15 requests, each day once', () => {
			const plan = planRequests(api('getDaily'), custom('2024-01-01', '2024-04-09'), LATE_NOW);
			expect(plan.windows).toHaveLength(15);
			const days = daysOf(plan);
			expect(days).toHaveLength(100);
			expect(new Set(days).size).toBe(100);
			expect(plan.windows.every((w) => daysBetween(w.begin, w.end) < 7)).toBe(true);
		});

		it('a 3-day hourly range takes 3 single-day requests', () => {
			const plan = planRequests(api('getHourly'), custom('2024-02-28', '2024-03-01'), LATE_NOW);
			expect(plan.windows).toEqual([
				{ begin: '2024-02-28', end: '2024-02-28' },
				{ begin: '2024-02-29', end: '2024-02-29' },
				{ begin: '2024-03-01', end: '2024-03-01' },
			]);
		});

		it.each(
			DATACUBE_APIS.filter((a) => a.resource === 'messageSummary' && (a.grain === 'day' || a.grain === 'hour')).map(
				(a) => [a.operation, a.span],
			),
		)('%s uses windows of at most %i days and the minimum count', (operation, span) => {
			const plan = planRequests(api(operation as string), custom('2023-01-01', '2024-12-31'), LATE_NOW);
			expect(plan.windows).toHaveLength(Math.ceil(731 / (span as number)));
			expect(daysOf(plan)).toHaveLength(731);
		});
	});

	describe('week and month windows', () => {
		it('a 95-day weekly range returns every completed week overlapping it, five Mondays per request', () => {
			// 2024-01-03 (Wed) .. 2024-04-06 (Sat): weeks from Mon 2024-01-01; the week of 2024-04-01 ends after the range but has ended by "now".
			const plan = planRequests(api('getWeekly'), custom('2024-01-03', '2024-04-06'), LATE_NOW);
			expect(daysBetween('2024-01-03', '2024-04-06') + 1).toBe(95);
			expect(plan.periods[0].label).toBe('2024-01-01');
			expect(plan.periods[plan.periods.length - 1]).toEqual({ label: '2024-04-01', last: '2024-04-07' });
			expect(plan.periods).toHaveLength(14);
			expect(plan.windows).toHaveLength(3);
			expect(plan.windows[0]).toEqual({
				begin: '2024-01-01',
				end: '2024-01-29',
				labels: ['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29'],
			});
		});

		it('leaves out the week that has not ended yet', () => {
			const wednesday = Date.parse('2026-11-25T09:00:00+08:00');
			const plan = planRequests(api('getWeeklyDistribution'), { dateRange: 'last7Days' }, wednesday);
			expect(plan.periods.map((p) => p.label)).toEqual(['2026-11-16']);
		});

		it('a 400-day monthly range takes one request per month except February+March pairs', () => {
			const plan = planRequests(api('getMonthly'), custom('2023-10-01', '2024-11-03'), LATE_NOW);
			expect(daysBetween('2023-10-01', '2024-11-03') + 1).toBe(400);
			expect(plan.periods).toHaveLength(14);
			expect(plan.windows).toHaveLength(13);
			expect(plan.windows.find((w) => w.begin === '2024-02-01')).toEqual({
				begin: '2024-02-01',
				end: '2024-03-01',
				labels: ['2024-02-01', '2024-03-01'],
			});
		});

		it.each(
			DATACUBE_APIS.filter((a) => a.resource === 'messageSummary' && (a.grain === 'week' || a.grain === 'month')).map(
				(a) => [a.operation],
			),
		)('%s: every label once, windows within span, count equals the DP minimum', (operation) => {
			for (const [begin, end] of [
				['2014-12-01', '2020-06-30'],
				['2019-02-14', '2019-03-02'],
				['2023-12-27', '2024-01-08'],
			]) {
				const plan = planRequests(api(operation), custom(begin, end), LATE_NOW);
				const labels = plan.periods.map((p) => p.label);
				const covered = plan.windows.flatMap((w) => w.labels ?? []);
				expect(covered).toEqual(labels);
				for (const w of plan.windows) expect(daysBetween(w.begin, w.end)).toBeLessThan(plan.api.span);
				expect(plan.windows).toHaveLength(minimumWindows(labels, plan.api.span));
				if (plan.api.grain === 'week') expect(labels.every((l) => mondayOf(l) === l)).toBe(true);
				else expect(labels.every((l) => l.endsWith('-01'))).toBe(true);
			}
		});

		it('no completed week in the range is an error on Date Range', () => {
			const tuesday = Date.parse('2026-11-24T09:00:00+08:00');
			expectPlanError(
				() => planRequests(api('getWeekly'), { dateRange: 'yesterday' }, tuesday),
				'Date Range',
				/No completed week/,
			);
		});
	});

	describe('clamping and errors', () => {
		it('clamps to 2014-12-01 .. the latest served day with notes, not errors', () => {
			const plan = planRequests(api('getDaily'), custom('2014-01-01', '2030-01-01'), NOW);
			expect(range(plan)).toEqual(['2014-12-01', '2024-02-28']);
			expect(plan.notes).toHaveLength(2);
		});

		it.each([
			[custom('2024-03-05', '2024-03-01'), 'Start Date', /after End Date/],
			[custom('2013-01-01', '2014-11-30'), 'End Date', /before 2014-12-01/],
			[custom('2024-02-29', '2024-03-09'), 'Start Date', /latest day WeChat serves now is 2024-02-28/],
			[custom('', '2024-01-01'), 'Start Date', /empty/],
			[custom('2024-01-01', undefined), 'End Date', /empty/],
			[{ dateRange: 'nextYear' }, 'Date Range', /not a known option/],
		])('%j fails on %s', (input, field, message) => {
			expectPlanError(() => planRequests(api('getDaily'), input, NOW), field as string, message as RegExp);
		});
	});

	it('no completed week or month in the range: the hint offers Last Week or Last Month', () => {
		// NOW is 2024-03-01 00:30 China time: the week of Monday 2024-02-26 and February have not ended
		const week = () => planRequests(api('getWeekly'), custom('2024-02-26', '2024-02-28'), NOW);
		const month = () => planRequests(api('getMonthly'), custom('2024-02-01', '2024-02-28'), NOW);
		for (const [run, offer] of [
			[week, 'Choose "Last Week", or a range that includes a week that ended by 2024-02-28 (China time)'],
			[month, 'Choose "Last Month", or a range that includes a month that ended by 2024-02-28 (China time)'],
		] as const) {
			expectPlanError(run, 'Date Range', /No completed/);
			expect(() => run()).toThrow(expect.objectContaining({ hint: offer }));
		}
	});

	it('a range ending on a Monday includes the week that starts that day', () => {
		const plan = planRequests(api('getWeekly'), custom('2024-01-01', '2024-01-08'), NOW);
		expect(plan.periods.map((period) => period.label)).toEqual(['2024-01-01', '2024-01-08']);
	});

	it('an unknown Date Range: the name clipped to 40 characters, the hint lists the presets', () => {
		const name = `x${'y'.repeat(60)}`;
		expect(() => planRequests(api('getDaily'), { dateRange: name }, NOW)).toThrow(
			expect.objectContaining({
				message: `Date Range "${name.slice(0, 40)}" is not a known option`,
				hint: expect.stringMatching(/^Choose one of: .*lastWeek/),
			}),
		);
	});

	it('a Start Date before the first day WeChat serves moves there, with a note', () => {
		const plan = planRequests(api('getDaily'), custom('2014-01-01', '2014-12-31'), NOW);
		expect(plan.notes).toEqual([
			expect.stringMatching(/^Start Date moved from 2014-01-01 to 2014-12-01: WeChat has no data before it/),
		]);
	});

	it('retile plans consecutive windows again at another span, by days or by labels', () => {
		const daily = planRequests(api('getDaily'), custom('2024-01-01', '2024-01-21'), NOW).windows;
		expect(daily).toHaveLength(3);
		expect(retile(daily.slice(1), 3)).toEqual([
			{ begin: '2024-01-08', end: '2024-01-10' },
			{ begin: '2024-01-11', end: '2024-01-13' },
			{ begin: '2024-01-14', end: '2024-01-16' },
			{ begin: '2024-01-17', end: '2024-01-19' },
			{ begin: '2024-01-20', end: '2024-01-21' },
		]);
		const weekly = planRequests(api('getWeekly'), custom('2024-01-01', '2024-02-25'), NOW).windows;
		expect(weekly.map((w) => w.labels?.length)).toEqual([5, 3]);
		// at 15 days, three Mondays (14 days apart) share a request; at 1 day, one Monday each
		expect(retile(weekly, 15).map((w) => [w.begin, w.end, w.labels?.length])).toEqual([
			['2024-01-01', '2024-01-15', 3],
			['2024-01-22', '2024-02-05', 3],
			['2024-02-12', '2024-02-19', 2],
		]);
		expect(retile(weekly, 1)).toHaveLength(8);
		expect(retile([], 3)).toEqual([]);
	});
});
