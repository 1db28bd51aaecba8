/**
 * The statistics: every datacube operation of the API table through one generic pipeline. Per item:
 * the date range (a preset, custom dates or "Since Last Run"), a plan of request windows, the
 * windows fetched within Parallel Requests, and one output item per row.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { findApi, RESOURCES } from '../apis';
import { planRequests } from '../dates/planRequests';
import { presetsFor } from '../description/dateRange';
import { lookbackDays, options } from '../description/options';
import { resourceDescription } from '../description/resourceDescription';
import { waitForConfirmation } from '../description/delivery';
import { describeWindow, fetchWindows } from '../fetchWindows';
import { LearnedSpans } from '../learnedSpan';
import { readOptions } from '../readOptions';
import { collectRows } from '../rows/collectRows';
import { SharedCursors } from '../sharedCursor';
import {
	afterDelivery,
	checkedLookbackDays,
	cursorKey,
	lastDeliveredDay,
	sinceLastRunRange,
	STATE_KEY,
	type Cursor,
	type CursorMap,
} from '../sinceLastRun';
import { DatacubeClient } from '../transport/DatacubeClient';
import { Hints } from './hints';
import { failedItem } from './itemError';
import type { OperationKind } from './kind';

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const client = new DatacubeClient(this);
	const now = Date.now();
	const signal = this.getExecutionCancelSignal?.();
	const hints = new Hints();
	const execution = this.getExecutionId();
	const state = this.getWorkflowStaticData('global');
	// Cursor moves are kept until the node returns its output: a node that throws moves none.
	const moved: CursorMap = {};
	const shared = new SharedCursors(this, hints);
	const cursorOf = (key: string) => moved[key] ?? ((state[STATE_KEY] as CursorMap | undefined) ?? {})[key];
	let sinceLastRunUsed = false;
	// What WeChat's answers taught about each endpoint's real span: later items start from it.
	const spans = new LearnedSpans();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const api = findApi(resource, operation);
			if (!api) {
				throw new NodeOperationError(
					this.getNode(),
					`Operation "${String(operation).slice(0, 40)}" of resource "${String(resource).slice(0, 40)}" is not supported`,
					{ itemIndex, description: 'Open the node and pick an operation from the list' },
				);
			}
			const dateRange = this.getNodeParameter('dateRange', itemIndex) as string;
			const offered = presetsFor(api.grain).values;
			if (!offered.includes(dateRange)) {
				// Left over from another operation: n8n keeps a value the new operation does not offer.
				throw new NodeOperationError(
					this.getNode(),
					`Date Range "${String(dateRange).slice(0, 40)}" is not offered for ${api.name}`,
					{
						itemIndex,
						description: `Pick one of the Date Range options this operation offers: ${offered.join(', ')}`,
					},
				);
			}
			const key = cursorKey(this.getNode().id, api);
			let resolved: { begin: string; end: string } | undefined;
			let cursor: Cursor | undefined;
			if (dateRange === 'sinceLastRun') {
				sinceLastRunUsed = true;
				const lookback = checkedLookbackDays(this.getNodeParameter('lookbackDays', itemIndex, 7));
				cursor = await shared.merged(key, cursorOf(key), api.firstDay, now);
				const range = sinceLastRunRange(api, cursor, execution, lookback, now);
				if (range.kind === 'upToDate') {
					hints.add(range.note);
					continue;
				}
				for (const note of range.notes) hints.add(note);
				resolved = { begin: range.begin, end: range.end };
			}
			const plan = planRequests(
				api,
				{
					dateRange,
					beginDate: dateRange === 'custom' ? this.getNodeParameter('beginDate', itemIndex, '') : undefined,
					endDate: dateRange === 'custom' ? this.getNodeParameter('endDate', itemIndex, '') : undefined,
					resolved,
				},
				now,
			);
			const itemOptions = readOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
			await client.session.credentials();
			for (const note of plan.notes) hints.add(note);
			const results = await fetchWindows(client, plan, {
				...itemOptions,
				signal,
				spans,
				onSplit: (window) =>
					this.logger.warn(
						`WeChat Official Account: WeChat rejected ${describeWindow(window)} for ${api.endpoint} although it is within the documented ${api.span}-day span; fetching it and the rest of the execution in smaller windows`,
					),
			});
			const delayed = results.filter((result) => result.isDelay).map((result) => result.window);
			let rows = collectRows(
				plan,
				results.map((result) => result.list),
				itemOptions,
			);
			if (resolved) {
				// Days WeChat has not finalised (is_delay) are held back: the next run delivers them.
				const heldFrom = delayed.length > 0 ? delayed.map((window) => window.end).sort()[0] : undefined;
				if (heldFrom !== undefined) {
					rows = rows.filter((row) => String(row.ref_date) < heldFrom);
					hints.add(
						`WeChat has not finalised ${heldFrom} and later (is_delay) for ${api.name}: those days are held back and delivered by a later run`,
					);
				}
				const through = lastDeliveredDay(plan, heldFrom);
				const confirmNow =
					rows.length === 0 || !(this.getNodeParameter('waitForConfirmation', itemIndex, true) as boolean);
				moved[key] = afterDelivery(cursor, plan.begin, through, execution, confirmNow, this.getNode().name);
			} else if (delayed.length > 0) {
				hints.add(
					`WeChat marks the newest figures of ${delayed.map(describeWindow).join(', ')} (${api.endpoint}) as not final yet (is_delay): they may still change. Fetch these days again later for final numbers.`,
				);
			}
			for (const row of rows) output.push({ json: row, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(failedItem(this, error, itemIndex, client.session.secrets(), signal));
		}
	}
	for (const note of spans.notes()) hints.add(note);
	if (Object.keys(moved).length > 0) {
		const before = (state[STATE_KEY] as CursorMap | undefined) ?? {};
		state[STATE_KEY] = { ...before, ...moved };
		await shared.recordDelivered(before, moved);
	}
	if (sinceLastRunUsed && this.getMode() === 'manual') {
		hints.add(
			'Manual runs from the editor do not save "Since Last Run" progress: only production executions do (schedule, webhook, CLI, workers)',
		);
	}
	hints.show(this);
	return output;
}

const resources = RESOURCES.map(({ name, value, description }) => ({ name, value, description }));

/** A shared parameter, shown only for the statistics resources (and its own conditions). */
const forStatistics = (property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { show: { ...property.displayOptions?.show, resource: resources.map((option) => option.value) } },
});

export const statistics: OperationKind = {
	resources,
	properties: [
		...RESOURCES.flatMap(({ value }) => resourceDescription(value)),
		...[lookbackDays, waitForConfirmation, options].map(forStatistics),
	],
	execute,
};
