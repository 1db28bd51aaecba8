import type { INodeProperties } from 'n8n-workflow';
import { DATACUBE_APIS } from '../apis';

const showFor = { show: { resource: ['messageSummary'] } };
const showForCustom = { show: { resource: ['messageSummary'], dateRange: ['custom'] } };

export const messageSummaryOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: showFor,
	options: [...DATACUBE_APIS]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((api) => ({
			name: api.name,
			value: api.operation,
			description: `${api.description}. WeChat API: ${api.endpoint}.`,
			action: api.action,
		})),
	default: 'getDaily',
};

export const messageSummaryFields: INodeProperties[] = [
	{
		displayName: 'Date Range',
		name: 'dateRange',
		type: 'options',
		displayOptions: showFor,
		options: [
			{ name: 'Custom', value: 'custom', description: 'Choose the begin and end dates' },
			{ name: 'Last 30 Days', value: 'last30Days', description: 'The 30 days up to yesterday (China time)' },
			{ name: 'Last 7 Days', value: 'last7Days', description: 'The 7 days up to yesterday (China time)' },
			{ name: 'Last Month', value: 'lastMonth', description: 'The previous calendar month' },
			{ name: 'Last Week', value: 'lastWeek', description: 'The previous Monday to Sunday' },
			{ name: 'Yesterday', value: 'yesterday', description: 'Yesterday in China time (complete after 08:00 China time)' },
		],
		default: 'yesterday',
		description:
			'Days are calendar days in China time (UTC+8). Any length works: the node splits it into as many requests as WeChat needs. Weekly and monthly operations return every completed week or month that overlaps the range.',
	},
	{
		displayName: 'Begin Date',
		name: 'beginDate',
		type: 'dateTime',
		required: true,
		displayOptions: showForCustom,
		default: '',
		description: 'First day of the range (YYYY-MM-DD). Data exists from 2014-12-01.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		displayOptions: showForCustom,
		default: '',
		description: 'Last day of the range (YYYY-MM-DD). Days after yesterday (China time) are left out.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: showFor,
		default: {},
		options: [
			{
				displayName: 'Add Readable Fields',
				name: 'addReadableFields',
				type: 'boolean',
				default: true,
				description:
					'Whether to add msg_type_name, count_interval_label, hour, start_time and period_end next to WeChat\'s own fields',
			},
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 5,
				description: 'How many times to try a request when WeChat is busy, rate-limited or unreachable',
			},
			{
				displayName: 'Parallel Requests',
				name: 'parallelRequests',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 4,
				description: 'How many date windows to fetch at the same time',
			},
			{
				displayName: 'Quota Wait (Ms)',
				name: 'quotaWaitMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60000,
				description: 'How long to wait when WeChat\'s per-minute quota is reached (errcode 45011)',
			},
			{
				displayName: 'Retry Delay (Ms)',
				name: 'retryDelayMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1000,
				description: 'First wait before retrying a failed request; it doubles with each attempt, with jitter',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 100 },
				default: 30000,
				description: 'How long to wait for one answer from WeChat before counting it as a failed attempt',
			},
		],
	},
];
