/**
 * Request counts of the fourteen APIs of issue 10: the planner's windows cover every servable day of
 * the range exactly once, each within the API's span, and there are as few as possible. The minimum
 * comes from an independent oracle: a dynamic program over the range's days, written here from the
 * span rule alone ("end - begin < span"), with its own day arithmetic.
 */
import { DATACUBE_APIS, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { planRequests } from '../../nodes/WeChatOfficialAccount/dates/planRequests';

/** 2026-03-10 10:00 China time: after 08:00, so the latest day WeChat serves is 2026-03-09. */
const NOW = Date.parse('2026-03-10T10:00:00+08:00');
const LATEST = '2026-03-09';
const NEW_APIS = DATACUBE_APIS.filter((api) => api.resource !== 'messageSummary');

const day = (text: string) => Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)) / 86_400_000;
const text = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** Fewest windows of at most `span` consecutive days that cover days first..last (dynamic program). */
function minimumRequests(first: number, last: number, span: number): number {
	const count = last - first + 1;
	const best = [0];
	for (let covered = 1; covered <= count; covered++) {
		best[covered] = Infinity;
		for (let size = 1; size <= Math.min(span, covered); size++)
			best[covered] = Math.min(best[covered], best[covered - size] + 1);
	}
	return best[count];
}

function planFor(api: DatacubeApi, begin: string, end: string) {
	return planRequests(api, { dateRange: 'custom', beginDate: begin, endDate: end }, NOW);
}

/** Checks one plan: consecutive windows from the first to the last servable day, each within the span, as few as the oracle's; returns the count. */
function checkPlan(api: DatacubeApi, begin: string, end: string): number {
	const first = Math.max(day(begin), day(api.firstDay ?? '2014-12-01'));
	const last = Math.min(day(end), day(LATEST));
	const plan = planFor(api, begin, end);
	let expected = first;
	const problems: string[] = [];
	for (const window of plan.windows) {
		const [b, e] = [day(window.begin), day(window.end)];
		if (b !== expected || e < b || e - b >= api.span) problems.push(`${window.begin}..${window.end}`);
		expected = e + 1;
	}
	if (expected !== last + 1) problems.push(`covers up to ${text(expected - 1)}, not ${text(last)}`);
	expect([begin, end, problems]).toEqual([begin, end, []]);
	expect([begin, end, plan.windows.length]).toEqual([begin, end, minimumRequests(first, last, api.span)]);
	return plan.windows.length;
}

describe('request counts of the fourteen new APIs equal the minimum', () => {
	it('the oracle itself: ceil(days / span) for consecutive days', () => {
		expect(minimumRequests(0, 89, 7)).toBe(13);
		expect(minimumRequests(0, 89, 30)).toBe(3);
		expect(minimumRequests(0, 0, 30)).toBe(1);
		expect(minimumRequests(0, 1, 1)).toBe(2);
	});

	it('covers all fourteen', () => {
		expect(NEW_APIS).toHaveLength(14);
	});

	/** The representative range of the report: 90 days (2025-11-01 .. 2026-01-29). */
	const NINETY: Record<string, number> = {
		getusersummary: 13,
		getusercumulate: 13,
		getbizsummary: 3,
		getarticleread: 90,
		getarticleshare: 90,
		getarticletotaldetail: 90,
		getarticlesummary: 90,
		getarticletotal: 90,
		getuserread: 30,
		getuserreadhour: 90,
		getusershare: 13,
		getusersharehour: 90,
		getinterfacesummary: 3,
		getinterfacesummaryhour: 90,
	};

	it.each(NEW_APIS.map((api) => [api.endpoint, api]))('%s: 90 days', (endpoint, api) => {
		expect(checkPlan(api as DatacubeApi, '2025-11-01', '2026-01-29')).toBe(NINETY[endpoint as string]);
	});

	it.each(NEW_APIS.map((api) => [api.endpoint, api]))(
		'%s: ranges of 1 to 70 days at every offset, three years, clamped ranges',
		(_, api) => {
			const a = api as DatacubeApi;
			const start = day(a.firstDay ?? '2023-01-01');
			for (let length = 1; length <= 70; length++) {
				for (const offset of [0, 5]) checkPlan(a, text(start + offset), text(start + offset + length - 1));
			}
			checkPlan(a, text(day(LATEST) - 3 * 365 + 1), LATEST);
			checkPlan(a, '2014-01-01', '2031-01-01'); // clamped to the first day WeChat keeps and to the latest day it serves
		},
	);
});
