/**
 * Get Account Report and Check Account as AI tools, through n8n-workflow's own code (as in
 * toolDescription.test.ts): the description n8n gives the model for a tool node with these operations,
 * the regular node unchanged, and the report's date checks before any request.
 */
import { NodeHelpers } from 'n8n-workflow';
import { CHECK_REQUESTS } from '../../nodes/WeChatOfficialAccount/account/families';
import { reportPeriods } from '../../nodes/WeChatOfficialAccount/report/period';
import { KIND_TOOL_TEXT, kindToolDescription } from '../../nodes/WeChatOfficialAccount/tool/kindToolText';
import {
	checkToolDates,
	checkToolReportPeriod,
	MAX_TOOL_REPORT_DAYS,
	reportToolRangeChoices,
} from '../../nodes/WeChatOfficialAccount/tool/toolLimits';
import { base, modelReads, planErrorOf, resolved, tool } from './support/toolVariant';

const REPORT = { resource: 'report', operation: 'getAccountReport' };
const CHECK = { resource: 'account', operation: 'check' };
const NOW = Date.parse('2026-11-25T12:00:00+08:00');

const reportDates = (dateRange: unknown, begin: unknown = '', end: unknown = '') =>
	checkToolDates(reportToolRangeChoices(), 'Get Account Report', dateRange, { begin, end });

describe('Get Account Report and Check Account as AI tools', () => {
	it('has model text for exactly these two operations', () => {
		expect(Object.keys(KIND_TOOL_TEXT).sort()).toEqual(['account/check', 'report/getAccountReport']);
	});

	it('Get Account Report: the model reads what it answers, when to use it, the date rules and what it returns', () => {
		const text = modelReads(REPORT);
		expect(text).toBe(kindToolDescription('report', 'getAccountReport'));
		expect(text).not.toContain(' in WeChat Official Account');
		expect(text).toMatch(/^Get Account Report/);
		expect(text).toContain('compared with the period before');
		expect(text).toContain('Get Follower Growth, Get Overview, Get Article Details');
		expect(text).toContain('China time (UTC+8)');
		expect(text).toContain('from 08:00 China time');
		expect(text).toContain('only from 2025-11-01');
		expect(text).toContain('yesterday, last7Days, last30Days, lastWeek, lastMonth (');
		expect(text).not.toContain('sinceLastRun');
		expect(text).toContain('custom with a start and an end date written YYYY-MM-DD');
		expect(text).toContain(`at most ${MAX_TOOL_REPORT_DAYS} days`);
		expect(text).toContain('Returns one JSON object');
		expect(text).toContain('topArticles');
		expect(text.length).toBeLessThan(2600);
	});

	it('Check Account: the model reads when to call it, that it takes no dates and what it costs', () => {
		const text = modelReads(CHECK);
		expect(text).toBe(kindToolDescription('account', 'check'));
		expect(text).toMatch(/^Check Account/);
		expect(text).toContain('fails with an error about the token, the IP whitelist');
		expect(text).toContain('no audience or content figures');
		expect(text).toContain('no input and no dates');
		expect(text).toContain(`${CHECK_REQUESTS} small requests`);
		expect(text).toContain('status (ok, warning or error)');
		expect(text).toContain('remedy');
	});

	it('the regular node shows and saves no Tool Description for them', () => {
		expect(resolved(base, REPORT)).not.toHaveProperty('toolDescription');
		expect(resolved(base, CHECK)).not.toHaveProperty('toolDescription');
	});

	it('the UI texts stay as they are: the action strings n8n names tool nodes after', () => {
		expect(NodeHelpers.makeNodeName(REPORT, tool)).toBe('Get an account report in WeChat Official Account');
		expect(NodeHelpers.makeNodeName(CHECK, tool)).toBe('Check what the account can do in WeChat Official Account');
	});
});

describe('Get Account Report as a tool: dates', () => {
	it('offers the report presets, shortest first, then custom; never Since Last Run', () => {
		expect(reportToolRangeChoices()).toEqual([
			'yesterday',
			'last7Days',
			'last30Days',
			'lastWeek',
			'lastMonth',
			'custom',
		]);
	});

	it('accepts presets without dates and custom with dates as models write them', () => {
		for (const value of ['yesterday', 'last7Days', 'last30Days', 'lastWeek', 'lastMonth'])
			expect(() => reportDates(value)).not.toThrow();
		expect(() => reportDates('custom', '2026-11-01', '2026-11-07')).not.toThrow();
		expect(() => reportDates('custom', '2026-11-01T00:00:00+08:00', '2026-11-07T23:30:00Z')).not.toThrow();
	});

	it('a bad date names the field and the accepted forms', () => {
		const error = planErrorOf(() => reportDates('custom', '24.11.2026', '2026-11-24'));
		expect(error.message).toContain('Start Date "24.11.2026" is not a date');
		expect(error.message).toContain('YYYY-MM-DD (for example 2026-11-24) or an ISO date-time');
		expect(planErrorOf(() => reportDates('custom', '2026-11-01', '')).message).toContain('End Date');
	});

	it('refuses Since Last Run, an unknown value and dates with a preset, saying what to send', () => {
		expect(planErrorOf(() => reportDates('sinceLastRun')).message).toContain(
			'does not work when the node runs as an AI tool: send one of yesterday, last7Days',
		);
		expect(planErrorOf(() => reportDates('past week')).message).toContain(
			'is not one of yesterday, last7Days, last30Days, lastWeek, lastMonth, custom',
		);
		expect(planErrorOf(() => reportDates('lastWeek', '2026-11-01', '2026-11-07')).message).toContain(
			'send Date Range custom',
		);
	});

	it(`a period of more than ${MAX_TOOL_REPORT_DAYS} days is refused with what fits; lastMonth and last30Days fit`, () => {
		for (const dateRange of ['lastMonth', 'last30Days'])
			expect(() => checkToolReportPeriod(reportPeriods({ dateRange }, NOW))).not.toThrow();
		const fits = { dateRange: 'custom', beginDate: '2026-10-06', endDate: '2026-11-24' };
		expect(() => checkToolReportPeriod(reportPeriods(fits, NOW))).not.toThrow();
		const error = planErrorOf(() => checkToolReportPeriod(reportPeriods({ ...fits, beginDate: '2026-10-05' }, NOW)));
		expect(error.message).toContain(`2026-10-05 to 2026-11-24 has ${MAX_TOOL_REPORT_DAYS + 1} days`);
		expect(error.message).toContain('split the period into several calls');
	});
});
