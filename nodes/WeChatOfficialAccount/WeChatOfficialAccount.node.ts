import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { findApi } from './apis';
import { presetsFor } from './description/dateRange';
import { CONFIRM_OPERATION, DELIVERY_RESOURCE } from './description/delivery';
import { planRequests } from './dates/planRequests';
import { nodeProperties } from './description';
import { describeWindow, fetchWindows } from './fetchWindows';
import { readOptions } from './readOptions';
import { collectRows } from './rows/collectRows';
import { toNodeError } from './toNodeError';
import {
	afterDelivery,
	checkedLookbackDays,
	confirmPending,
	cursorKey,
	lastDeliveredDay,
	sinceLastRunRange,
	STATE_KEY,
	type Cursor,
	type CursorMap,
} from './sinceLastRun';
import { SharedCursors } from './sharedCursor';
import { DatacubeClient } from './transport/DatacubeClient';

export class WeChatOfficialAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Official Account',
		name: 'weChatOfficialAccount',
		icon: { light: 'file:../../icons/wechat.svg', dark: 'file:../../icons/wechat.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Get the statistics of a WeChat Official Account (公众号): messages, followers, published content, articles and interface calls',
		defaults: {
			name: 'WeChat Official Account',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'weChatOfficialAccountApi',
				required: true,
				displayOptions: { hide: { resource: [DELIVERY_RESOURCE] } },
			},
		],
		properties: nodeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		const client = new DatacubeClient(this);
		const now = Date.now();
		const signal = this.getExecutionCancelSignal?.();
		const hints = new Set<string>();
		const execution = this.getExecutionId();
		const state = this.getWorkflowStaticData('global');
		// Cursor moves are kept until the node returns its output: a node that throws moves none.
		const moved: CursorMap = {};
		const shared = new SharedCursors(this, hints);
		const cursorOf = (key: string) => moved[key] ?? ((state[STATE_KEY] as CursorMap | undefined) ?? {})[key];
		let sinceLastRunUsed = false;

		if (this.getNodeParameter('resource', 0) === DELIVERY_RESOURCE) {
			return [await confirmDelivery(this, items, state, execution, shared)];
		}

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
				const options = readOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
				await client.session.credentials();
				for (const note of plan.notes) hints.add(note);
				const results = await fetchWindows(client, plan, {
					...options,
					signal,
					onSplit: (window) =>
						this.logger.warn(
							`WeChat Official Account: WeChat rejected ${describeWindow(window)} for ${api.endpoint} although it is within the documented ${api.span}-day span; fetching it in smaller windows`,
						),
				});
				const delayed = results.filter((result) => result.isDelay).map((result) => result.window);
				let rows = collectRows(
					plan,
					results.map((result) => result.list),
					options,
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
				const nodeError = toNodeError(this.getNode(), error, itemIndex, client.session.secrets());
				if (signal?.aborted || !this.continueOnFail()) throw nodeError;
				// Only error/details in json: n8n routes such items to the error output when the node
				// is set to "Continue (using error output)", and keeps them in the main output otherwise.
				output.push({
					json: { error: nodeError.message, details: nodeError.description ?? undefined },
					pairedItem: { item: itemIndex },
				});
			}
		}
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
		for (const note of hints) this.logger.info(`WeChat Official Account: ${note}`);
		if (hints.size > 0) {
			this.addExecutionHints(
				...[...hints].map((message) => ({ message, type: 'info' as const, location: 'outputPane' as const })),
			);
		}
		return [output];
	}
}

/** Confirm Delivery: what this execution fetched with "Since Last Run" now counts as delivered. */
async function confirmDelivery(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	state: IDataObject,
	execution: string,
	shared: SharedCursors,
) {
	const operation = ctx.getNodeParameter('operation', 0) as string;
	if (operation !== CONFIRM_OPERATION) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Operation "${String(operation).slice(0, 40)}" of resource "delivery" is not supported`,
			{
				description: 'Open the node and pick an operation from the list',
			},
		);
	}
	const upstream = new Set(ctx.getParentNodes(ctx.getNode().name).map((parent) => parent.name));
	const before = (state[STATE_KEY] as CursorMap | undefined) ?? {};
	const { cursors, confirmed } = confirmPending(before, execution, upstream);
	state[STATE_KEY] = cursors;
	await shared.recordDelivered(before, cursors);
	const manual = ctx.getMode() === 'manual';
	ctx.addExecutionHints({
		message: confirmed.length
			? manual
				? `In a production execution these days would now count as delivered: ${confirmed.join('; ')}. Manual runs from the editor save nothing.`
				: `Confirmed as delivered: ${confirmed.join('; ')}`
			: 'Nothing to confirm: no "Since Last Run" step before this one is waiting for confirmation in this execution',
		type: 'info',
		location: 'outputPane',
	});
	for (const message of shared.notes) ctx.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	return items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }));
}
