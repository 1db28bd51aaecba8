/**
 * "Since Last Run" delivery: whether a fetch waits for confirmation, and the Confirm Delivery
 * operation that gives it (an operation of this node, placed after the step that stores the rows).
 */
import type { INodeProperties } from 'n8n-workflow';

export const DELIVERY_RESOURCE = 'delivery';
export const CONFIRM_OPERATION = 'confirm';

export const deliveryResourceOption = {
	name: 'Delivery (Since Last Run)',
	value: DELIVERY_RESOURCE,
	description: 'Confirm that the days fetched with "Since Last Run" reached their destination',
};

export const deliveryProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [DELIVERY_RESOURCE] } },
		options: [
			{
				name: 'Confirm Delivery',
				value: CONFIRM_OPERATION,
				description:
					'Put this after the step that stores the rows: the days this execution fetched with "Since Last Run" count as delivered. Passes its input items through.',
				action: 'Confirm delivery of fetched days',
			},
		],
		default: CONFIRM_OPERATION,
	},
	{
		displayName:
			'Place this step after the node that stores the rows (Google Sheets, Postgres, …). If that node fails, this step does not run, and the next run fetches the same days again.',
		name: 'confirmNotice',
		type: 'notice',
		displayOptions: { show: { resource: [DELIVERY_RESOURCE] } },
		default: '',
	},
];

export const waitForConfirmation: INodeProperties = {
	displayName: 'Wait for Confirm Delivery',
	name: 'waitForConfirmation',
	type: 'boolean',
	displayOptions: { show: { dateRange: ['sinceLastRun'] }, hide: { resource: [DELIVERY_RESOURCE] } },
	default: true,
	description:
		'Whether the fetched days count as delivered only when a "Confirm Delivery" step of this node, placed after this one, runs in the same execution: if a step before it fails, they are fetched again next time (at least once: let the destination upsert). Applies only when the workflow has such a step after this node; without one, and when off, the days count as delivered as soon as this node outputs them, so no day is delivered twice.',
};
