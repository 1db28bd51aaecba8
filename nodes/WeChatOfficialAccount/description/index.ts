/** All the node's parameters: the resource picker, each resource's generated parameters, Lookback Days and the options. */
import type { INodeProperties } from 'n8n-workflow';
import { RESOURCES } from '../apis';
import { lookbackDays, options } from './options';
import { resourceDescription } from './resourceDescription';

export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map(({ name, value, description }) => ({ name, value, description })),
		default: 'messageSummary',
	},
	...RESOURCES.flatMap(({ value }) => resourceDescription(value)),
	lookbackDays,
	options,
];
