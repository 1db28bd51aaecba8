/**
 * The node's entry points for tool calls: n8n runs a node as a tool of an AI Agent or of the MCP
 * Server Trigger with an ai_tool connection, which `isToolExecution()` reports (n8n-core's
 * SupplyDataContext; false in a normal run). Checks before any request (toolLimits.ts), Confirm
 * Delivery refused, and errors whose message carries the remedy.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import type { DatacubeApi } from '../apis/types';
import type { Plan } from '../dates/planRequests';
import type { ReportPeriods } from '../report/period';
import {
	checkToolDates,
	checkToolPlan,
	checkToolRange,
	checkToolReportPeriod,
	reportToolRangeChoices,
} from './toolLimits';

export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return ctx.isToolExecution?.() === true;
}

/** The checks of a tool call for one item, or undefined when the node does not run as a tool. */
export function toolCall(ctx: IExecuteFunctions) {
	if (!runsAsTool(ctx)) return undefined;
	return {
		checkRange(api: DatacubeApi, dateRange: unknown, itemIndex: number): void {
			checkToolRange(api, dateRange, {
				begin: ctx.getNodeParameter('beginDate', itemIndex, ''),
				end: ctx.getNodeParameter('endDate', itemIndex, ''),
			});
		},
		checkPlan: (plan: Plan): void => checkToolPlan(plan),
		/** Get Account Report: its Date Range values, the dates with a preset, custom dates. */
		checkReportRange(dateRange: unknown, itemIndex: number): void {
			checkToolDates(reportToolRangeChoices(), 'Get Account Report', dateRange, {
				begin: ctx.getNodeParameter('beginDate', itemIndex, ''),
				end: ctx.getNodeParameter('endDate', itemIndex, ''),
			});
		},
		checkReportPeriod: (periods: ReportPeriods): void => checkToolReportPeriod(periods),
	};
}

/** Confirm Delivery belongs after a "Since Last Run" step of a workflow; a model has neither. */
export function refuseConfirmDeliveryAsTool(ctx: IExecuteFunctions): void {
	if (!runsAsTool(ctx)) return;
	throw new NodeOperationError(
		ctx.getNode(),
		'Confirm Delivery does nothing for an AI agent: it only confirms days that a "Since Last Run" step fetched earlier in the same workflow. Call a statistics operation of this node instead',
		{ description: 'Remove this tool, or pick a statistics resource and operation' },
	);
}

/**
 * A tool's error as the model reads it: the message with the remedy (n8n in queue mode passes only
 * the message; in regular mode it adds the description itself, unless the message already holds it).
 */
export function withRemedyForModel<E extends Error & { description?: string | null }>(
	ctx: IExecuteFunctions,
	error: E,
): E {
	if (runsAsTool(ctx) && error.description && !error.message.includes(error.description)) {
		error.message = `${error.message}. ${error.description}`;
	}
	return error;
}
