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
import { retiredHint } from '../apis/retired';
import { planRequests } from '../dates/planRequests';
import { presetsFor } from '../description/dateRange';
import { lookbackDays, options } from '../description/options';
import { resourceDescription } from '../description/resourceDescription';
import { waitForConfirmation } from '../description/delivery';
import { describeWindow, fetchWindows } from '../fetchWindows';
import { LearnedSpans } from '../learnedSpan';
import { readOptions } from '../readOptions';
import { collectRows } from '../rows/collectRows';
import { addTitles, TITLED_ENDPOINTS } from '../rows/titles';
import { ArticleIndex } from '../articleIndex';
import { WindowCache } from '../windowCache';
import { SinceLastRun, type PlannedRun } from '../cursor';
import { summarize } from '../simplify/summarize';
import { toolCall } from '../tool/asTool';
import { toolDescriptionProperties } from '../tool/toolDescription';
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
	// Its progress is stored when the node returns its output: a node that throws moves no cursor.
	const sinceLastRun = new SinceLastRun(this, hints);
	const articles = new ArticleIndex(new WindowCache(client), now);
	const tool = toolCall(this);
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
			tool?.checkRange(api, dateRange, itemIndex);
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
			let resolved: { begin: string; end: string } | undefined;
			let sinceLast: PlannedRun | undefined;
			if (dateRange === 'sinceLastRun') {
				sinceLast = await sinceLastRun.plan(api, itemIndex, now);
				if (!sinceLast) continue;
				resolved = { begin: sinceLast.range.begin, end: sinceLast.range.end };
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
			tool?.checkPlan(plan);
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
			const retired = retiredHint(api);
			if (retired) hints.add(retired, 'warning');
			const delayed = results.filter((result) => result.isDelay).map((result) => result.window);
			let rows = collectRows(
				plan,
				results.map((result) => result.list),
				itemOptions,
			);
			// Before any cursor moves: a failed lookup fails the item.
			if (itemOptions.addTitles && TITLED_ENDPOINTS.includes(api.endpoint)) {
				const note = await addTitles(rows, articles, { ...itemOptions, signal });
				if (note) hints.add(note);
			}
			if (sinceLast) {
				// Only finalised days (not is_delay), for article series only the new statistics days.
				rows = sinceLastRun.deliver(sinceLast, plan, rows, delayed);
			} else if (delayed.length > 0) {
				hints.add(
					`WeChat marks the newest figures of ${delayed.map(describeWindow).join(', ')} (${api.endpoint}) as not final yet (is_delay): they may still change. Fetch these days again later for final numbers.`,
				);
			}
			if (itemOptions.simplify) rows = [summarize(plan, rows)];
			for (const row of rows) output.push({ json: row, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(failedItem(this, error, itemIndex, client.session.secrets(), signal));
		}
	}
	for (const note of spans.notes()) hints.add(note);
	await sinceLastRun.save();
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
		...toolDescriptionProperties(),
		...[lookbackDays, waitForConfirmation, options].map(forStatistics),
	],
	execute,
};
