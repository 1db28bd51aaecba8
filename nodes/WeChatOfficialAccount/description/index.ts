/** All the node's parameters: the resource picker, each resource's generated parameters, Lookback Days and the options. */
import type { INodeProperties } from 'n8n-workflow';
import { RESOURCES } from '../apis';
import { deliveryProperties, deliveryResourceOption, waitForConfirmation } from './delivery';
import { lookbackDays, options } from './options';
import { resourceDescription } from './resourceDescription';

export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			...RESOURCES.map(({ name, value, description }) => ({ name, value, description })),
			deliveryResourceOption,
		],
		default: 'messageSummary',
	},
	...RESOURCES.flatMap(({ value }) => resourceDescription(value)),
	...deliveryProperties,
	{
		...lookbackDays,
		displayOptions: { ...lookbackDays.displayOptions, hide: { resource: [deliveryResourceOption.value] } },
	},
	waitForConfirmation,
	{ ...options, displayOptions: { hide: { resource: [deliveryResourceOption.value] } } },
];
