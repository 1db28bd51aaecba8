/** The option Simplify in the node's Options collection. */
import type { INodeProperties } from 'n8n-workflow';
import { SERIES_MAX, SIMPLIFY_TOP } from './summarize';

export const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: `Whether to return one summary item instead of one item per row: the range, the number of rows, totals, a series per day (per month beyond ${SERIES_MAX} days) and the top ${SIMPLIFY_TOP} per channel, message type, hour or article. A few kilobytes whatever the range: for AI agents and chat messages.`,
};
