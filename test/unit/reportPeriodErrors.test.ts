/**
 * The error for a Date Range the report does not offer (Since Last Run, or a value sent by an
 * expression): it names the field, quotes at most the first 40 characters of the value, and the hint
 * lists the values that are offered.
 */
import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import { reportPeriods } from '../../nodes/WeChatOfficialAccount/report/period';
import { planErrorOf } from './support/toolVariant';

const NOW = Date.parse('2026-03-10T10:00:00+08:00');

const errorOf = (dateRange: string) => planErrorOf(() => reportPeriods({ dateRange }, NOW));

describe('a Date Range the report does not offer', () => {
	it('Since Last Run: names the field and lists the values the report offers', () => {
		const error = errorOf('sinceLastRun');
		expect(error).toBeInstanceOf(PlanError);
		expect(error.field).toBe('Date Range');
		expect(error.message).toBe('Date Range "sinceLastRun" is not offered for Get Account Report');
		expect(error.hint).toBe('Pick one of: custom, last30Days, last7Days, lastMonth, lastWeek, yesterday');
	});

	it('a long value is quoted with its first 40 characters only', () => {
		const error = errorOf(`${'x'.repeat(40)}TAIL`);
		expect(error.message).toBe(`Date Range "${'x'.repeat(40)}" is not offered for Get Account Report`);
	});
});
