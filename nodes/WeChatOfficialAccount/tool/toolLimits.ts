/**
 * What changes when the node runs as a tool of an AI Agent or of the MCP Server Trigger (n8n runs it
 * with an ai_tool connection: `isToolExecution()`), checked before any request is sent:
 * - "Since Last Run" has no meaning for a model (no run before, no Confirm Delivery after): refused.
 * - A start or end date given with a preset would be ignored: refused, so the model sets custom.
 * - Custom dates the node cannot read: refused with the forms a model should send.
 * - The same for Get Account Report, with its own Date Range values (it has no Since Last Run).
 * - A call makes at most MAX_TOOL_REQUESTS requests to WeChat, so the answer arrives in time (n8n in
 *   queue mode waits 120 s for a tool's answer); a longer range is refused with the days that fit.
 *   A report covers at most MAX_TOOL_REPORT_DAYS days (two requests per day of the period).
 * Every message says what to send instead: n8n in queue mode passes only an error's message to the
 * model, so the remedy is part of it.
 */
import type { DatacubeApi } from '../apis/types';
import type { Plan } from '../dates/planRequests';
import { PlanError } from '../dates/PlanError';
import { parseDateInput } from '../dates/parseDateInput';
import { DATE_RANGE_PRESETS, END_DATE, START_DATE } from '../dates/resolveRange';
import { presetsFor } from '../description/dateRange';
import { dayCount, REPORT_PRESETS, type ReportPeriods } from '../report/period';

/** Requests to WeChat one tool call may make. */
export const MAX_TOOL_REQUESTS = 100;

/** The Date Range values a model may send for this operation: its presets, shortest first, then custom. */
export function toolRangeChoices(api: DatacubeApi): string[] {
	const offered = presetsFor(api.grain).values;
	return DATE_RANGE_PRESETS.filter((value) => value !== 'sinceLastRun' && offered.includes(value));
}

const DATE_FORMS = 'YYYY-MM-DD (for example 2026-11-24) or an ISO date-time such as 2026-11-24T00:00:00+08:00';

/** What is wrong with a date parameter's value (the node's own parser), or undefined. */
function dateProblem(value: unknown, label: string): string | undefined {
	try {
		parseDateInput(value, label);
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

/** The Date Range values a model may send for Get Account Report, shortest first, then custom. */
export function reportToolRangeChoices(): string[] {
	return DATE_RANGE_PRESETS.filter((value) => (REPORT_PRESETS as readonly string[]).includes(value));
}

/** Days one report may cover as a tool: it asks for each day's article reads and shares separately. */
export const MAX_TOOL_REPORT_DAYS = MAX_TOOL_REQUESTS / 2;

/** Checks the Date Range of a tool call and, for custom, its start and end date. */
export function checkToolRange(api: DatacubeApi, dateRange: unknown, dates: { begin: unknown; end: unknown }): void {
	checkToolDates(toolRangeChoices(api), api.name, dateRange, dates);
}

/** The checks of checkToolRange for the operation `name` that offers the Date Range values `choices`. */
export function checkToolDates(
	choices: string[],
	name: string,
	dateRange: unknown,
	dates: { begin: unknown; end: unknown },
): void {
	if (dateRange === 'sinceLastRun') {
		throw new PlanError(
			'Date Range',
			`Date Range "Since Last Run" does not work when the node runs as an AI tool: send one of ${choices.join(', ')} (custom with a start and an end date written ${DATE_FORMS})`,
			'Set Date Range to a preset or to custom, for example with $fromAI()',
		);
	}
	if (typeof dateRange !== 'string' || !choices.includes(dateRange)) {
		throw new PlanError(
			'Date Range',
			`Date Range "${String(dateRange).slice(0, 40)}" is not one of ${choices.join(', ')}: send one of these (custom with a start and an end date written ${DATE_FORMS})`,
			`${name} offers these Date Range values`,
		);
	}
	const given = (value: unknown) => value !== undefined && value !== null && String(value).trim() !== '';
	if (dateRange !== 'custom' && (given(dates.begin) || given(dates.end))) {
		throw new PlanError(
			'Date Range',
			`A start or end date was given, but Date Range is "${dateRange}", which ignores them: send Date Range custom to use the dates, or leave the dates empty to use ${dateRange}`,
			'Send Date Range custom together with a start and an end date',
		);
	}
	if (dateRange === 'custom') {
		for (const [value, label] of [
			[dates.begin, START_DATE],
			[dates.end, END_DATE],
		] as const) {
			const problem = dateProblem(value, label);
			if (problem)
				throw new PlanError(label, `${problem}: send it as ${DATE_FORMS}`, 'Dates are calendar days in China time');
		}
	}
}

/** Refuses a plan that needs more requests than a tool call may make, naming the range that fits. */
export function checkToolPlan(plan: Plan): void {
	const { api, windows } = plan;
	if (windows.length <= MAX_TOOL_REQUESTS) return;
	const fits =
		api.grain === 'day' || api.grain === 'hour'
			? `at most ${api.span * MAX_TOOL_REQUESTS} days (WeChat answers ${api.span === 1 ? 'one day' : `${api.span} days`} per request)`
			: 'a shorter range';
	throw new PlanError(
		'Date Range',
		`The range ${plan.begin} to ${plan.end} needs ${windows.length} requests to WeChat; as an AI tool this node makes at most ${MAX_TOOL_REQUESTS} per call so that the answer arrives in time. Ask for ${fits}, or split the range into several calls`,
		'Narrow the range',
	);
}

/** Refuses a report period longer than a tool call may fetch in time, naming what fits. */
export function checkToolReportPeriod(periods: ReportPeriods): void {
	const { begin, end } = periods.period;
	const days = dayCount(periods.period);
	if (days <= MAX_TOOL_REPORT_DAYS) return;
	throw new PlanError(
		'Date Range',
		`The report period ${begin} to ${end} has ${days} days; as an AI tool a report covers at most ${MAX_TOOL_REPORT_DAYS} days per call so that the answer arrives in time (WeChat answers each day's article reads and shares separately). Ask for at most ${MAX_TOOL_REPORT_DAYS} days, or split the period into several calls`,
		'Narrow the range',
	);
}
