/**
 * The node called as a tool, run whole as n8n runs it (support/nodeRun.ts), with the tool nodes of
 * examples/mcp-server.json: what the model reads when it sends a Date Range or dates the node cannot
 * use, a range longer than one call may fetch, or calls Confirm Delivery; that no request reaches
 * WeChat then; and that none of these limits applies when the node runs in a workflow.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import { toolErrorForModel, toolRun, workflowRun } from './support/nodeRun';

const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples/mcp-server.json'), 'utf8')) as {
	nodes: Array<{ name: string; parameters: INodeParameters }>;
};
const saved = (name: string) => example.nodes.find((node) => node.name === name)!.parameters;
const FOLLOWERS = saved('WeChat follower growth');
const REPORT = saved('WeChat account report');
/** The follower tool's dates, on another operation. */
const operation = (op: string, resource: string) => ({ ...FOLLOWERS, resource, operation: op });

const FORMS = 'YYYY-MM-DD (for example 2026-11-24) or an ISO date-time such as 2026-11-24T00:00:00+08:00';
const STATISTICS_VALUES = 'yesterday, last7Days, last30Days, lastWeek, lastMonth, custom';
const REPORT_VALUES = 'yesterday, last7Days, last30Days, lastWeek, lastMonth, custom';

/** The error text the model reads, after checking that nothing was sent to WeChat. */
async function modelReads(run: ReturnType<typeof toolRun>): Promise<string> {
	const { modelReads } = await toolErrorForModel(run);
	expect(run.scripted.server.calls).toHaveLength(0);
	expect(run.scripted.getCredentialsCount).toBe(0);
	return modelReads;
}

describe('a statistics tool: Date Range values a call cannot use', () => {
	it('Since Last Run: refused with the values to send and how to set them', async () => {
		expect(await modelReads(toolRun(FOLLOWERS, { date_range: 'sinceLastRun' }))).toBe(
			`Date Range "Since Last Run" does not work when the node runs as an AI tool: send one of ${STATISTICS_VALUES} (custom with a start and an end date written ${FORMS}). Set Date Range to a preset or to custom, for example with $fromAI()`,
		);
	});

	it('a value the operation does not offer: quoted (at most its first 40 characters) and the operation named', async () => {
		const sent = 'the last three months, please, in China time';
		expect(await modelReads(toolRun(FOLLOWERS, { date_range: sent }))).toBe(
			`Date Range "the last three months, please, in China " is not one of ${STATISTICS_VALUES}: send one of these (custom with a start and an end date written ${FORMS}). Get Follower Growth offers these Date Range values`,
		);
	});

	it('a start date with a preset: refused, since the preset would ignore it', async () => {
		expect(await modelReads(toolRun(FOLLOWERS, { date_range: 'last7Days', start_date: '2026-11-01' }))).toBe(
			'A start or end date was given, but Date Range is "last7Days", which ignores them: send Date Range custom to use the dates, or leave the dates empty to use last7Days. Send Date Range custom together with a start and an end date',
		);
	});

	it('an end date with a preset: refused the same way', async () => {
		expect(await modelReads(toolRun(FOLLOWERS, { date_range: 'yesterday', end_date: '2026-11-07' }))).toBe(
			'A start or end date was given, but Date Range is "yesterday", which ignores them: send Date Range custom to use the dates, or leave the dates empty to use yesterday. Send Date Range custom together with a start and an end date',
		);
	});

	it('custom with a date the node cannot read: the forms to send, and that dates are China time days', async () => {
		expect(
			await modelReads(toolRun(FOLLOWERS, { date_range: 'custom', start_date: '24.11.2026', end_date: '2026-11-30' })),
		).toBe(`Start Date "24.11.2026" is not a date: send it as ${FORMS}. Dates are calendar days in China time`);
	});
});

describe('a statistics tool: at most 100 requests to WeChat per call', () => {
	it('7 days per request: a range of 101 requests is refused, naming the 700 days that fit', async () => {
		const run = toolRun(FOLLOWERS, { date_range: 'custom', start_date: '2024-01-01', end_date: '2025-12-01' });
		expect(await modelReads(run)).toBe(
			'The range 2024-01-01 to 2025-12-01 needs 101 requests to WeChat; as an AI tool this node makes at most 100 per call so that the answer arrives in time. Ask for at most 700 days (WeChat answers 7 days per request), or split the range into several calls. Narrow the range',
		);
	});

	it('hourly figures, one day per request: 101 days are refused, naming the 100 days that fit', async () => {
		const run = toolRun(operation('getHourly', 'messageSummary'), {
			date_range: 'custom',
			start_date: '2025-01-01',
			end_date: '2025-04-11',
		});
		expect(await modelReads(run)).toBe(
			'The range 2025-01-01 to 2025-04-11 needs 101 requests to WeChat; as an AI tool this node makes at most 100 per call so that the answer arrives in time. Ask for at most 100 days (WeChat answers one day per request), or split the range into several calls. Narrow the range',
		);
	});
});

describe('the account report tool', () => {
	it('a value it does not offer: refused, naming Get Account Report', async () => {
		expect(await modelReads(toolRun(REPORT, { date_range: 'sinceLastRun' }))).toBe(
			`Date Range "Since Last Run" does not work when the node runs as an AI tool: send one of ${REPORT_VALUES} (custom with a start and an end date written ${FORMS}). Set Date Range to a preset or to custom, for example with $fromAI()`,
		);
		expect(await modelReads(toolRun(REPORT, { date_range: 'thisYear' }))).toBe(
			`Date Range "thisYear" is not one of ${REPORT_VALUES}: send one of these (custom with a start and an end date written ${FORMS}). Get Account Report offers these Date Range values`,
		);
	});

	it('a start or an end date with a preset: refused', async () => {
		for (const dates of [{ start_date: '2026-11-01' }, { end_date: '2026-11-07' }]) {
			expect(await modelReads(toolRun(REPORT, { date_range: 'lastWeek', ...dates }))).toBe(
				'A start or end date was given, but Date Range is "lastWeek", which ignores them: send Date Range custom to use the dates, or leave the dates empty to use lastWeek. Send Date Range custom together with a start and an end date',
			);
		}
	});

	it('custom with an end date the node cannot read: the forms to send', async () => {
		expect(
			await modelReads(toolRun(REPORT, { date_range: 'custom', start_date: '2026-11-01', end_date: '30/11/2026' })),
		).toBe(`End Date "30/11/2026" is not a date: send it as ${FORMS}. Dates are calendar days in China time`);
	});

	it('a period of 51 days is refused, naming the 50 days that fit', async () => {
		const run = toolRun(REPORT, { date_range: 'custom', start_date: '2025-01-01', end_date: '2025-02-20' });
		expect(await modelReads(run)).toBe(
			"The report period 2025-01-01 to 2025-02-20 has 51 days; as an AI tool a report covers at most 50 days per call so that the answer arrives in time (WeChat answers each day's article reads and shares separately). Ask for at most 50 days, or split the period into several calls. Narrow the range",
		);
	});
});

describe('Confirm Delivery', () => {
	const CONFIRM = { resource: 'delivery', operation: 'confirm' };

	it('as a tool: refused, telling the model what to call instead', async () => {
		const { error, modelReads } = await toolErrorForModel(toolRun(CONFIRM, {}));
		expect(error.message).toBe(
			'Confirm Delivery does nothing for an AI agent: it only confirms days that a "Since Last Run" step fetched earlier in the same workflow. Call a statistics operation of this node instead',
		);
		expect(modelReads).toBe(
			`${error.message}\n\nDetails: Remove this tool, or pick a statistics resource and operation`,
		);
	});

	it('in a workflow: passes its items on and says what it confirmed', async () => {
		const run = workflowRun(CONFIRM, [{ json: { day: '2026-11-24' } }]);
		expect(await run.run()).toEqual([[{ json: { day: '2026-11-24' }, pairedItem: { item: 0 } }]]);
		expect(run.hints.map((hint) => hint.message)).toEqual([
			expect.stringMatching(/^Nothing to confirm: no "Since Last Run" step before this one/),
		]);
	});
});

describe('in a workflow, the tool limits do not apply', () => {
	it('a range of 101 requests is fetched in full', async () => {
		const run = workflowRun({
			resource: 'userAnalysis',
			operation: 'getUserSummary',
			dateRange: 'custom',
			beginDate: '2024-01-01',
			endDate: '2025-12-01',
		});
		await run.run();
		expect(run.scripted.server.of('datacube')).toHaveLength(101);
	});
});

describe('a tool whose Date Range is fixed in the node (no dates)', () => {
	it('a statistics tool runs the preset: WeChat is asked', async () => {
		const run = toolRun({ ...FOLLOWERS, dateRange: 'yesterday' }, {});
		await run.run();
		expect(run.scripted.server.of('datacube')).toHaveLength(1);
	});

	it('the report tool runs the preset and returns the report', async () => {
		const run = toolRun({ ...REPORT, dateRange: 'last7Days' }, {});
		const [[item]] = await run.run();
		expect(item.json).toMatchObject({ period: { days: 7 }, previousPeriod: { days: 7 } });
		expect(run.scripted.server.of('datacube').length).toBeGreaterThan(0);
	});
});
