/**
 * The description an AI model reads when the node runs as a tool (an AI Agent's tool, or a tool of
 * the MCP Server Trigger), one per statistics operation, generated from the API table and
 * modelText.ts.
 *
 * How n8n picks a tool's description (n8n-workflow NodeHelpers.getToolDescriptionForNode): the node's
 * `toolDescription` parameter when it is set, else "<the operation's action> in <node name>". n8n adds
 * its own `toolDescription` parameter to the tool variant only when the node has none, so the node
 * brings its own: one per operation, shown only in the tool variant (`@tool`), prefilled with the text
 * below. People see the usual action names in the node creator; the model gets this text. A user who
 * edits it keeps their text.
 */
import type { INodeProperties } from 'n8n-workflow';
import { DATACUBE_APIS, type DatacubeApi } from '../apis';
import { SERIES_MAX, SIMPLIFY_TOP } from '../simplify/summarize';
import { SUMMARY_SPECS } from '../simplify/summarySpecs';
import { MODEL_TEXT } from './modelText';
import { MAX_TOOL_REQUESTS, toolRangeChoices } from './toolLimits';

export const LATEST_DAY =
	'The newest day WeChat serves is yesterday (China time) from 08:00 China time, the day before yesterday until then; later days are left out.';

function dateRules(api: DatacubeApi): string {
	const parts = [`Dates are calendar days in China time (UTC+8). ${LATEST_DAY}`];
	if (api.firstDay) parts.push(`WeChat keeps this data from ${api.firstDay}; earlier days have none.`);
	if (api.rangeSelects === 'publish date')
		parts.push('The range selects publish dates: each article published on those days comes with its whole series.');
	if (api.grain === 'week') parts.push('Returns every completed Monday-to-Sunday week that overlaps the range.');
	if (api.grain === 'month') parts.push('Returns every completed calendar month that overlaps the range.');
	parts.push(
		`Date range: ${toolRangeChoices(api)
			.filter((value) => value !== 'custom')
			.join(
				', ',
			)} (lastWeek: the latest completed Monday-to-Sunday week; lastMonth: the latest completed calendar month), or custom with a start and an end date written YYYY-MM-DD (an ISO date-time also works; its time of day is ignored).`,
	);
	if (api.grain === 'day' || api.grain === 'hour') {
		const days = api.span * MAX_TOOL_REQUESTS;
		parts.push(
			`One call covers at most ${days} days (WeChat answers ${api.span === 1 ? 'one day' : `${api.span} days`} per request; a tool call makes at most ${MAX_TOOL_REQUESTS} requests).`,
		);
	}
	return parts.join(' ');
}

/** What a list of the summary ranks, by the key field it groups on. */
const LIST_WORDS: Record<string, string> = {
	msg_type: 'message type',
	count_interval: 'message count group',
	user_source: 'channel',
	share_scene: 'share scene',
	ref_hour: 'hour of the day',
	msgid: 'article',
};

/** What the option Simplify returns for this operation. */
function simplifyNote(api: DatacubeApi): string {
	const spec = SUMMARY_SPECS[api.endpoint];
	const cumulative = api.key.slice(1).some((key) => key.kind === 'date');
	const parts = ['the range served, the number of rows, totals'];
	if (spec.level) parts.push(`the first and last ${spec.level} and the change`);
	const unit = api.grain === 'hour' ? 'day' : api.grain;
	if (!cumulative)
		parts.push(
			`a series per ${unit}${unit === 'month' ? '' : ` (per month when there are more than ${SERIES_MAX} ${unit}s)`}`,
		);
	const lists = api.key
		.slice(1)
		.filter((key) => LIST_WORDS[key.field] && !(cumulative && key.kind === 'date'))
		.map((key) => LIST_WORDS[key.field]);
	if (lists.length) parts.push(`the top ${SIMPLIFY_TOP} per ${lists.join(' and per ')} by ${spec.rank}`);
	const each = cumulative ? ' (each article once, with its latest totals)' : '';
	return `With the node's Simplify option on, one summary object instead: ${parts.join(', ')}${each}.`;
}

/** The text the model reads for one operation. */
export function toolDescriptionFor(api: DatacubeApi): string {
	const text = MODEL_TEXT[`${api.resource}/${api.operation}`];
	if (!text) throw new Error(`No model text for ${api.resource}/${api.operation}`);
	const parts = [`${api.name} (WeChat Official Account statistics): ${text.answers}`];
	if (text.retiredFor) {
		parts.push(
			`RETIRED: WeChat has switched this API (${api.endpoint}) off and answers errcode 47009 ("this api is offline"). Do not call it; use the Published Content operation ${text.retiredFor} instead (data from 2025-11-01).`,
		);
	}
	parts.push(text.useWhen, dateRules(api));
	parts.push(`Returns a JSON list with one object per ${api.itemPer}: ${text.fields}. ${simplifyNote(api)}`);
	return parts.join('\n');
}

/** The `toolDescription` parameter of one operation, shown only in the tool variant and prefilled with `text`. */
export function toolDescriptionProperty(resource: string, operation: string, text: string): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 6 },
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
		default: text,
		description:
			'What the AI model reads to decide when to call this tool and how to fill in its dates. Prefilled for the chosen operation; you can add facts about your account.',
	};
}

/** The `toolDescription` parameter of every statistics operation, shown only in the tool variant. */
export function toolDescriptionProperties(): INodeProperties[] {
	return DATACUBE_APIS.map((api) => toolDescriptionProperty(api.resource, api.operation, toolDescriptionFor(api)));
}
