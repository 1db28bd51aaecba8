/** All the node's parameters: the resource picker, each resource's operations, the date range and the options. */
import type { INodeProperties } from 'n8n-workflow';
import { messageSummaryFields, messageSummaryOperations } from './messageSummary';

export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Message Summary',
				value: 'messageSummary',
			},
		],
		default: 'messageSummary',
	},
	messageSummaryOperations,
	...messageSummaryFields,
];
