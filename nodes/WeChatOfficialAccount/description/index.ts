/** All the node's parameters: the Resource picker over every operation kind, then each kind's own parameters. */
import type { INodeProperties } from 'n8n-workflow';
import { KINDS } from '../actions/router';

export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: KINDS.flatMap((kind) => kind.resources),
		default: 'messageSummary',
	},
	...KINDS.flatMap((kind) => kind.properties),
];
