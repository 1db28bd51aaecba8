/** What a tool call may ask for: the Date Range values a model may send, and the number of requests per call. */
import { DATACUBE_APIS, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { addDays } from '../../nodes/WeChatOfficialAccount/dates/calendar';
import { planRequests } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import {
	checkToolPlan,
	checkToolRange,
	MAX_TOOL_REQUESTS,
	toolRangeChoices,
} from '../../nodes/WeChatOfficialAccount/tool/toolLimits';
import { planErrorOf } from './support/toolVariant';

const byEndpoint = (endpoint: string) => DATACUBE_APIS.find((api) => api.endpoint === endpoint) as DatacubeApi;
const NOW = Date.parse('2026-11-25T12:00:00+08:00');
const LATEST = '2026-11-24';
const NO_DATES = { begin: '', end: '' };

describe('tool calls: Date Range', () => {
	it('offers the presets of the grain, shortest first, then custom; never Since Last Run', () => {
		expect(toolRangeChoices(byEndpoint('getusersummary'))).toEqual([
			'yesterday',
			'last7Days',
			'last30Days',
			'lastWeek',
			'lastMonth',
			'custom',
		]);
		expect(toolRangeChoices(byEndpoint('getupstreammsgweek'))).toEqual(['lastWeek', 'lastMonth', 'custom']);
		expect(toolRangeChoices(byEndpoint('getupstreammsgmonth'))).toEqual(['lastMonth', 'custom']);
	});

	it('accepts every offered preset without dates, and custom with dates', () => {
		for (const api of DATACUBE_APIS) {
			for (const value of toolRangeChoices(api).filter((v) => v !== 'custom'))
				expect(() => checkToolRange(api, value, NO_DATES)).not.toThrow();
		}
		const api = byEndpoint('getusersummary');
		expect(() => checkToolRange(api, 'custom', { begin: '2026-11-01', end: '2026-11-07' })).not.toThrow();
		expect(() => checkToolRange(api, 'last7Days', { begin: undefined, end: null })).not.toThrow();
		expect(() => checkToolRange(api, 'last7Days', { begin: '  ', end: '' })).not.toThrow();
	});

	it('refuses Since Last Run with the values to send instead, in the message itself', () => {
		const error = planErrorOf(() => checkToolRange(byEndpoint('getusersummary'), 'sinceLastRun', NO_DATES));
		expect(error.message).toContain('does not work when the node runs as an AI tool');
		expect(error.message).toContain('yesterday, last7Days, last30Days, lastWeek, lastMonth, custom');
		expect(error.message).toContain('YYYY-MM-DD');
	});

	it('refuses a value the operation does not offer (lastWeek is not a monthly range)', () => {
		const error = planErrorOf(() => checkToolRange(byEndpoint('getupstreammsgmonth'), 'lastWeek', NO_DATES));
		expect(error.message).toContain('Date Range "lastWeek" is not one of lastMonth, custom');
		expect(planErrorOf(() => checkToolRange(byEndpoint('getusersummary'), 42, NO_DATES)).message).toContain(
			'Date Range "42" is not one of',
		);
	});

	it('refuses a start or end date sent with a preset (it would be ignored)', () => {
		const api = byEndpoint('getusersummary');
		for (const dates of [
			{ begin: '2026-11-01', end: '' },
			{ begin: '', end: '2026-11-07' },
		]) {
			const error = planErrorOf(() => checkToolRange(api, 'last7Days', dates));
			expect(error.message).toContain('Date Range is "last7Days", which ignores them: send Date Range custom');
		}
	});
	it('custom: dates as models write them pass; anything else is refused with the forms to send', () => {
		const api = byEndpoint('getusersummary');
		for (const [begin, end] of [
			['2026-11-24', '2026-11-30'],
			['2026-11-24T00:00:00+08:00', '2026-11-30T23:59:59Z'],
			['2026-11-24T00:00:00.000Z', '2026-11-30 10:00'],
		])
			expect(() => checkToolRange(api, 'custom', { begin, end })).not.toThrow();
		const forms =
			'send it as YYYY-MM-DD (for example 2026-11-24) or an ISO date-time such as 2026-11-24T00:00:00+08:00';
		expect(planErrorOf(() => checkToolRange(api, 'custom', { begin: '24.11.2026', end: '2026-11-30' })).message).toBe(
			`Start Date "24.11.2026" is not a date: ${forms}`,
		);
		expect(planErrorOf(() => checkToolRange(api, 'custom', { begin: '2026-11-24', end: '' })).message).toBe(
			`End Date is empty: ${forms}`,
		);
		expect(
			planErrorOf(() => checkToolRange(api, 'custom', { begin: '2026-02-30', end: '2026-03-01' })).message,
		).toContain('is not a real calendar date');
	});
});

describe('tool calls: requests per call', () => {
	const custom = (api: DatacubeApi, days: number) =>
		planRequests(api, { dateRange: 'custom', beginDate: addDays(LATEST, 1 - days), endDate: LATEST }, NOW);

	it.each([
		['getarticletotaldetail', 1],
		['getusersummary', 7],
		['getinterfacesummary', 30],
	])(
		'%s (%i days per request): the days that fit pass, one more day is refused with the days that fit',
		(endpoint, span) => {
			const api = byEndpoint(endpoint);
			const fits = span * MAX_TOOL_REQUESTS;
			expect(custom(api, fits).windows).toHaveLength(MAX_TOOL_REQUESTS);
			expect(() => checkToolPlan(custom(api, fits))).not.toThrow();
			const error = planErrorOf(() => checkToolPlan(custom(api, fits + 1)));
			expect(error.message).toContain(`needs ${MAX_TOOL_REQUESTS + 1} requests to WeChat`);
			expect(error.message).toContain(`Ask for at most ${fits} days`);
		},
	);

	it('weekly: a plan over the limit asks for a shorter range', () => {
		const api = byEndpoint('getupstreammsgweek');
		const plan = custom(api, 5000);
		expect(plan.windows.length).toBeGreaterThan(MAX_TOOL_REQUESTS);
		expect(planErrorOf(() => checkToolPlan(plan)).message).toContain('Ask for a shorter range');
	});
});
