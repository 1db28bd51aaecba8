/**
 * One resource's parameters, generated from the API table: the operation picker, a notice when
 * WeChat has retired the resource's APIs, and per group of operations with the same date rules
 * (grain, what the range selects, first day) a Date Range with that grain's presets and the custom
 * Start/End Date. Shown with n8n's updateDisplayOptions.
 */
import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';
import { DATACUBE_APIS, PUBLISHED_CONTENT_FIRST_DAY, type DatacubeApi } from '../apis';
import { differences, replacementAdvice, replacementTitles } from '../apis/retired';
import { FIRST_DATA_DAY } from '../dates/calendar';
import { PRESETS, presetsFor } from './dateRange';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The default operation of each resource: the one most workflows start from. */
const DEFAULT_OPERATION: Record<string, string> = {
	messageSummary: 'getDaily',
	userAnalysis: 'getUserSummary',
	publishedContent: 'getArticleDetails',
	articleAnalysis: 'getArticleSummary',
	interfaceAnalysis: 'getInterfaceSummary',
};

function operationPicker(resource: string, apis: DatacubeApi[]): INodeProperties {
	const defaultOperation = DEFAULT_OPERATION[resource] ?? apis[0].operation;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [...apis].sort(byName).map((api) => ({
			name: api.name,
			value: api.operation,
			description: api.retired
				? `Retired by WeChat (errcode 47009): ${replacementAdvice({ retired: api.retired })}. ${differences({ retired: api.retired })} Was: ${api.description}. WeChat API: ${api.endpoint}.`
				: `${api.description}. One item per ${api.itemPer}. WeChat API: ${api.endpoint}.`,
			action: api.action,
		})),
		default: defaultOperation,
	};
}

/** For a resource whose APIs WeChat has retired: what each operation's replacement is. */
function retiredNotice(resource: string, apis: DatacubeApi[]): INodeProperties[] {
	const retired = apis.filter((api) => api.retired);
	if (retired.length === 0) return [];
	const lines = retired.map((api) => `${api.name}: use ${replacementTitles(api.retired?.replacements ?? [])}.`);
	return [
		{
			displayName: `WeChat has retired these APIs: they answer errcode 47009 ("this api is offline") and return no data. Kept so that saved workflows still open. ${lines.join(' ')} The replacements have data from ${PUBLISHED_CONTENT_FIRST_DAY} on and no hourly split.`,
			name: 'retiredNotice',
			type: 'notice',
			displayOptions: { show: { resource: [resource] } },
			default: '',
		},
	];
}

/** Operations share Date Range parameters when their presets, range meaning and first day agree. */
function groupKey(api: DatacubeApi): string {
	const grain = api.grain === 'hour' ? 'day' : api.grain;
	return `${grain}|${api.rangeSelects}|${api.firstDay ?? FIRST_DATA_DAY}`;
}

function dateRangeDescription(api: DatacubeApi): string {
	const parts = [
		'Days are calendar days in China time (UTC+8). Any length works: the node splits it into as many requests as WeChat needs.',
	];
	if (api.grain === 'week') parts.push('Returns every completed week (Monday to Sunday) that overlaps the range.');
	if (api.grain === 'month') parts.push('Returns every completed month that overlaps the range.');
	if (api.rangeSelects === 'publish date') {
		parts.push(
			'The range selects publish dates: every article published on those days comes with its whole daily series.',
		);
	}
	if (api.firstDay) parts.push(`WeChat keeps this data from ${api.firstDay}.`);
	return parts.join(' ');
}

function dateProperties(api: DatacubeApi): INodeProperties[] {
	const { values, default: defaultPreset } = presetsFor(api.grain);
	const firstDay = api.firstDay ?? FIRST_DATA_DAY;
	const what = api.rangeSelects === 'publish date' ? 'publish date' : 'day';
	return [
		{
			displayName: 'Date Range',
			name: 'dateRange',
			type: 'options',
			options: values.map((value) => PRESETS[value]),
			default: defaultPreset,
			description: dateRangeDescription(api),
		},
		{
			displayName: 'Start Date',
			name: 'beginDate',
			type: 'dateTime',
			required: true,
			displayOptions: { show: { dateRange: ['custom'] } },
			default: '',
			description: `First ${what} of the range: a date (YYYY-MM-DD; a time of day is ignored). WeChat keeps data from ${firstDay}.`,
		},
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			required: true,
			displayOptions: { show: { dateRange: ['custom'] } },
			default: '',
			description: `Last ${what} of the range: a date (YYYY-MM-DD; a time of day is ignored). Days after the latest day WeChat serves (yesterday from 08:00 China time, the day before until then) are left out.`,
		},
		...(api.seriesDays ? [seriesNotice(api.seriesDays)] : []),
	];
}

/** Since Last Run on an article series: what a run delivers, and what it costs. */
function seriesNotice(days: number): INodeProperties {
	return {
		displayName: `Since Last Run delivers each article's series one statistics day at a time: every run outputs the rows of the statistics days (stat_date) WeChat has served since the last run, for every article still within its ${days} days. Cost: one request per publish day whose series can have grown: ${days} requests for a daily run, one more per day since the last run beyond that (the first run: Lookback Days + ${days - 1}).`,
		name: 'sinceLastRunSeriesNotice',
		type: 'notice',
		displayOptions: { show: { dateRange: ['sinceLastRun'] } },
		default: '',
	};
}

/** All parameters of one resource, each shown only for that resource (and its operations). */
export function resourceDescription(resource: string): INodeProperties[] {
	const apis = DATACUBE_APIS.filter((api) => api.resource === resource);
	const groups = new Map<string, DatacubeApi[]>();
	for (const api of apis) groups.set(groupKey(api), [...(groups.get(groupKey(api)) ?? []), api]);
	const properties = [operationPicker(resource, apis), ...retiredNotice(resource, apis)];
	for (const group of groups.values()) {
		properties.push(
			...updateDisplayOptions(
				{ show: { resource: [resource], operation: group.map((api) => api.operation) } },
				dateProperties(group[0]),
			),
		);
	}
	return properties;
}
