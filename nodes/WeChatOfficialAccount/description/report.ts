/**
 * The parameters of Report → Get Account Report: the statistics' Date Range presets without Since
 * Last Run, and Options with the report's Language and Top Articles besides the request settings.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { PRESETS } from './dateRange';
import { options as statisticsOptions } from './options';
import { REPORT_PRESETS } from '../report/period';
import { DEFAULT_TOP_N, MAX_TOP_N } from '../report/options';

export const REPORT_RESOURCE = 'report';
export const ACCOUNT_REPORT = 'getAccountReport';

export const reportResourceOption: INodePropertyOptions = {
	name: 'Report',
	value: REPORT_RESOURCE,
	description:
		'One item per period with followers, reads, shares, rates, top articles, chart series and Markdown text for a group bot',
};

const show = { show: { resource: [REPORT_RESOURCE] } };
const showCustom = { show: { resource: [REPORT_RESOURCE], dateRange: ['custom'] } };

/** The request settings of the statistics' Options (not their row options). */
const requestSettings = (statisticsOptions.options ?? []).filter(
	(option) => !['addReadableFields', 'addTitles'].includes(option.name),
) as INodeProperties[];

export const reportProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show,
		options: [
			{
				name: 'Get Account Report',
				value: ACCOUNT_REPORT,
				description:
					'Followers gained and lost (by channel), reads and shares, rates and the top articles of a period, compared with the period before; with chart series and Markdown',
				action: 'Get an account report',
			},
		],
		default: ACCOUNT_REPORT,
	},
	{
		displayName: 'Date Range',
		name: 'dateRange',
		type: 'options',
		displayOptions: show,
		options: REPORT_PRESETS.map((value) => PRESETS[value]),
		default: 'lastWeek',
		description:
			'The days to report, in China time (UTC+8). It is compared with the week before (Last Week), the month before (Last Month), or otherwise the same number of days just before.',
	},
	{
		displayName: 'Start Date',
		name: 'beginDate',
		type: 'dateTime',
		required: true,
		displayOptions: showCustom,
		default: '',
		description: 'First day of the report (YYYY-MM-DD; a time of day is ignored)',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		displayOptions: showCustom,
		default: '',
		description:
			'Last day of the report (YYYY-MM-DD). Days after the latest day WeChat serves (yesterday from 08:00 China time, the day before until then) are left out.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: show,
		default: {},
		options: [
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				options: [
					{ name: 'Chinese', value: 'zh' },
					{ name: 'English', value: 'en' },
				],
				default: 'zh',
				description: 'Language of the Markdown text and the chart labels',
			},
			{
				displayName: 'Top Articles',
				name: 'topN',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_TOP_N, numberPrecision: 0 },
				default: DEFAULT_TOP_N,
				description: `How many articles to list, by readers over the period (0 to ${MAX_TOP_N}; 0 skips the per-article requests)`,
			},
			...requestSettings,
		],
	},
];
