/**
 * WeChat's datacube APIs, as data: what to ask for (endpoint, span, grain, first day), how a row
 * is keyed, how a nested answer becomes flat rows, and which readable fields it gets. Planning,
 * fetching, flattening, de-duplication, sorting and labels are generic code driven by this table.
 */
import {
	COUNT_INTERVAL_LABELS,
	FOLLOW_SOURCE_NAMES,
	MSG_TYPE_NAMES,
	PUBLISH_TYPE_NAMES,
	READ_SCENE_FIELDS,
	READ_SOURCE_NAMES,
	SHARE_SCENE_NAMES,
} from './labels';
import type { DatacubeApi, EnumField, KeyField, OperationRef, SceneFields, Difference } from './types';

export type * from './types';

const REF_DATE: KeyField = { field: 'ref_date', kind: 'date' };
const REF_HOUR: KeyField = { field: 'ref_hour', kind: 'hour' };
const MSGID: KeyField = { field: 'msgid', kind: 'id' };
const STAT_DATE: KeyField = { field: 'stat_date', kind: 'date' };
const code = (field: string, limit?: number): KeyField =>
	limit ? { field, kind: 'code', limit } : { field, kind: 'code' };

const MSG_TYPE: EnumField = {
	field: 'msg_type',
	labelField: 'msg_type_name',
	labels: MSG_TYPE_NAMES,
	unknown: (value) => `type ${value}`,
};
const COUNT_INTERVAL: EnumField = {
	field: 'count_interval',
	labelField: 'count_interval_label',
	labels: COUNT_INTERVAL_LABELS,
	unknown: (value) => `interval ${value}`,
};
const FOLLOW_SOURCE: EnumField = { field: 'user_source', labelField: 'user_source_name', labels: FOLLOW_SOURCE_NAMES };
const READ_SOURCE: EnumField = { field: 'user_source', labelField: 'user_source_name', labels: READ_SOURCE_NAMES };
const SHARE_SCENE: EnumField = { field: 'share_scene', labelField: 'share_scene_name', labels: SHARE_SCENE_NAMES };
const PUBLISH_TYPE: EnumField = { field: 'publish_type', labelField: 'publish_type_name', labels: PUBLISH_TYPE_NAMES };
const NET_USER: Difference = { field: 'net_user', minuend: 'new_user', subtrahend: 'cancel_user' };

const READ_SCENES: SceneFields = {
	list: 'read_user_source',
	count: 'user_count',
	scene: 'scene_desc',
	fields: READ_SCENE_FIELDS,
};

/** The 2025 "published content" APIs keep data from this day. */
export const PUBLISHED_CONTENT_FIRST_DAY = '2025-11-01';

const published = (operation: string): OperationRef => ({ resource: 'publishedContent', operation });
const READS = published('getArticleReads');
const SHARES = published('getArticleShares');
const OVERVIEW = published('getOverview');
const DETAILS = published('getArticleDetails');
/** Every replacement of a classic article API keeps data from this day only. */
const FROM = `data only from ${PUBLISHED_CONTENT_FIRST_DAY}`;

type ApiRow = Omit<DatacubeApi, 'rangeSelects' | 'enums' | 'differences'> &
	Partial<Pick<DatacubeApi, 'rangeSelects' | 'enums' | 'differences'>>;

/** A table row with the usual defaults: the range selects data dates, no labels, no differences. */
const define = (api: ApiRow): DatacubeApi => ({ rangeSelects: 'data date', enums: [], differences: [], ...api });

const messageSummary = (
	api: Pick<DatacubeApi, 'operation' | 'endpoint' | 'span' | 'grain' | 'itemPer' | 'name' | 'action' | 'description'>,
	measure: EnumField,
): DatacubeApi =>
	define({
		resource: 'messageSummary',
		key: api.grain === 'hour' ? [REF_DATE, REF_HOUR, code(measure.field, 1000)] : [REF_DATE, code(measure.field, 1000)],
		enums: [measure],
		...api,
	});

export const DATACUBE_APIS: readonly DatacubeApi[] = [
	messageSummary(
		{
			operation: 'getDaily',
			endpoint: 'getupstreammsg',
			span: 7,
			grain: 'day',
			itemPer: 'day × message type',
			name: 'Get Daily',
			action: 'Get daily message summary',
			description: 'Users and messages received per day and message type (up to 7 days per request)',
		},
		MSG_TYPE,
	),
	messageSummary(
		{
			operation: 'getHourly',
			endpoint: 'getupstreammsghour',
			span: 1,
			grain: 'hour',
			itemPer: 'day × hour × message type',
			name: 'Get Hourly',
			action: 'Get hourly message summary',
			description: 'Users and messages received per hour and message type (one day per request)',
		},
		MSG_TYPE,
	),
	messageSummary(
		{
			operation: 'getWeekly',
			endpoint: 'getupstreammsgweek',
			span: 30,
			grain: 'week',
			itemPer: 'completed week (labelled by its Monday) × message type',
			name: 'Get Weekly',
			action: 'Get weekly message summary',
			description: 'Users and messages received per completed week (Monday to Sunday) and message type',
		},
		MSG_TYPE,
	),
	messageSummary(
		{
			operation: 'getMonthly',
			endpoint: 'getupstreammsgmonth',
			span: 30,
			grain: 'month',
			itemPer: 'completed month (labelled by its 1st) × message type',
			name: 'Get Monthly',
			action: 'Get monthly message summary',
			description: 'Users and messages received per completed month and message type',
		},
		MSG_TYPE,
	),
	messageSummary(
		{
			operation: 'getDailyDistribution',
			endpoint: 'getupstreammsgdist',
			span: 15,
			grain: 'day',
			itemPer: 'day × count interval',
			name: 'Get Daily Distribution',
			action: 'Get daily message distribution',
			description: 'Users per day grouped by how many messages they sent (0, 1-5, 6-10, more than 10)',
		},
		COUNT_INTERVAL,
	),
	messageSummary(
		{
			operation: 'getWeeklyDistribution',
			endpoint: 'getupstreammsgdistweek',
			span: 30,
			grain: 'week',
			itemPer: 'completed week × count interval',
			name: 'Get Weekly Distribution',
			action: 'Get weekly message distribution',
			description: 'Users per completed week grouped by how many messages they sent',
		},
		COUNT_INTERVAL,
	),
	messageSummary(
		{
			operation: 'getMonthlyDistribution',
			endpoint: 'getupstreammsgdistmonth',
			span: 30,
			grain: 'month',
			itemPer: 'completed month × count interval',
			name: 'Get Monthly Distribution',
			action: 'Get monthly message distribution',
			description: 'Users per completed month grouped by how many messages they sent',
		},
		COUNT_INTERVAL,
	),

	// User analysis
	define({
		resource: 'userAnalysis',
		operation: 'getUserSummary',
		endpoint: 'getusersummary',
		span: 7,
		grain: 'day',
		key: [REF_DATE, code('user_source')],
		enums: [FOLLOW_SOURCE],
		differences: [NET_USER],
		itemPer: 'day × follow channel',
		name: 'Get Follower Growth',
		action: 'Get follower growth by channel',
		description: 'New and lost followers per day and follow channel (up to 7 days per request)',
	}),
	define({
		resource: 'userAnalysis',
		operation: 'getUserCumulate',
		endpoint: 'getusercumulate',
		span: 7,
		grain: 'day',
		key: [REF_DATE],
		itemPer: 'day',
		name: 'Get Total Followers',
		action: 'Get total followers per day',
		description: 'Total followers at the end of each day (up to 7 days per request)',
	}),

	// Published content (2025 APIs)
	define({
		resource: 'publishedContent',
		operation: 'getOverview',
		endpoint: 'getbizsummary',
		span: 30,
		grain: 'day',
		firstDay: PUBLISHED_CONTENT_FIRST_DAY,
		key: [REF_DATE],
		shape: { lift: 'detail', scenes: READ_SCENES },
		itemPer: 'day',
		name: 'Get Overview',
		action: 'Get published content overview',
		description:
			'Readers by scene, sharers, likes, comments, favourites and items published per day for the whole account (up to 30 days per request)',
	}),
	define({
		resource: 'publishedContent',
		operation: 'getArticleReads',
		endpoint: 'getarticleread',
		span: 1,
		grain: 'day',
		firstDay: PUBLISHED_CONTENT_FIRST_DAY,
		key: [REF_DATE, MSGID],
		shape: { lift: 'detail', scenes: READ_SCENES },
		itemPer: 'day × article',
		name: 'Get Article Reads',
		action: 'Get readers per published article',
		description: 'Readers per day of every published article read that day, by scene (one day per request)',
	}),
	define({
		resource: 'publishedContent',
		operation: 'getArticleShares',
		endpoint: 'getarticleshare',
		span: 1,
		grain: 'day',
		firstDay: PUBLISHED_CONTENT_FIRST_DAY,
		key: [REF_DATE, MSGID],
		shape: { lift: 'detail' },
		itemPer: 'day × article',
		name: 'Get Article Shares',
		action: 'Get sharers per published article',
		description: 'Sharers per day of every published article shared that day (one day per request)',
	}),
	define({
		resource: 'publishedContent',
		operation: 'getArticleDetails',
		endpoint: 'getarticletotaldetail',
		span: 1,
		grain: 'day',
		firstDay: PUBLISHED_CONTENT_FIRST_DAY,
		rangeSelects: 'publish date',
		seriesDays: 30,
		key: [REF_DATE, MSGID, STAT_DATE],
		shape: { explode: 'detail_list', scenes: READ_SCENES },
		enums: [PUBLISH_TYPE],
		itemPer: 'article × statistics day (totals since publishing, up to 30 days)',
		name: 'Get Article Details',
		action: 'Get details of published articles',
		description:
			'For every article published in the range: its totals since publishing at each statistics day, up to 30 days (one publish day per request)',
	}),

	// Article analysis (classic)
	define({
		resource: 'articleAnalysis',
		operation: 'getArticleSummary',
		endpoint: 'getarticlesummary',
		span: 1,
		grain: 'day',
		key: [REF_DATE, MSGID],
		itemPer: 'day × article',
		name: 'Get Article Summary',
		action: 'Get mass-sent article reads (retired)',
		description: 'Reads, shares and favourites per day of every mass-sent article read that day (one day per request)',
		retired: {
			replacements: [READS, SHARES],
			differences: `${FROM}; readers and sharers per article and day, for everything published rather than only mass-sent articles; no read or share counts, no favourites per day`,
		},
	}),
	define({
		resource: 'articleAnalysis',
		operation: 'getArticleTotal',
		endpoint: 'getarticletotal',
		span: 1,
		grain: 'day',
		rangeSelects: 'publish date',
		seriesDays: 7,
		key: [REF_DATE, MSGID, STAT_DATE],
		shape: { explode: 'details' },
		itemPer: 'article × statistics day (totals since sending, up to 7 days)',
		name: 'Get Article Total',
		action: 'Get mass-sent totals (retired)',
		description:
			'For every article mass-sent in the range: its totals since sending at each statistics day, up to 7 days (one send day per request)',
		retired: {
			replacements: [DETAILS],
			differences: `${FROM}; each article's totals run up to 30 days after publishing instead of 7, under WeChat's new field names such as read_user, share_user and collection_user`,
		},
	}),
	define({
		resource: 'articleAnalysis',
		operation: 'getUserRead',
		endpoint: 'getuserread',
		span: 3,
		grain: 'day',
		key: [REF_DATE, code('user_source')],
		enums: [READ_SOURCE],
		itemPer: 'day × read source',
		name: 'Get Reads by Source',
		action: 'Get daily reads by source (retired)',
		description: 'Article reads per day and source, with a total row (source 99999999) (up to 3 days per request)',
		retired: {
			replacements: [OVERVIEW],
			differences: `${FROM}; readers per day for the whole account, by scene name instead of source code; no read counts`,
		},
	}),
	define({
		resource: 'articleAnalysis',
		operation: 'getUserReadHourly',
		endpoint: 'getuserreadhour',
		span: 1,
		grain: 'hour',
		key: [REF_DATE, REF_HOUR, code('user_source')],
		enums: [READ_SOURCE],
		itemPer: 'day × hour × read source',
		name: 'Get Hourly Reads by Source',
		action: 'Get hourly reads by source (retired)',
		description: 'Article reads per hour and source, with a total row (source 99999999) (one day per request)',
		retired: {
			replacements: [OVERVIEW, READS],
			differences: `${FROM}; no hourly split: readers per day, for the whole account or per article`,
		},
	}),
	define({
		resource: 'articleAnalysis',
		operation: 'getUserShare',
		endpoint: 'getusershare',
		span: 7,
		grain: 'day',
		key: [REF_DATE, code('share_scene')],
		enums: [SHARE_SCENE],
		itemPer: 'day × share scene',
		name: 'Get Shares by Scene',
		action: 'Get daily shares by scene (retired)',
		description: 'Article shares per day and scene (friends, Moments, other) (up to 7 days per request)',
		retired: {
			replacements: [OVERVIEW, SHARES],
			differences: `${FROM}; sharers per day, for the whole account or per article; no share counts, no split by share scene`,
		},
	}),
	define({
		resource: 'articleAnalysis',
		operation: 'getUserShareHourly',
		endpoint: 'getusersharehour',
		span: 1,
		grain: 'hour',
		key: [REF_DATE, REF_HOUR, code('share_scene')],
		enums: [SHARE_SCENE],
		itemPer: 'day × hour × share scene',
		name: 'Get Hourly Shares by Scene',
		action: 'Get hourly shares by scene (retired)',
		description: 'Article shares per hour and scene (one day per request)',
		retired: {
			replacements: [OVERVIEW, SHARES],
			differences: `${FROM}; no hourly split and no split by share scene: sharers per day, for the whole account or per article`,
		},
	}),

	// Interface analysis
	define({
		resource: 'interfaceAnalysis',
		operation: 'getInterfaceSummary',
		endpoint: 'getinterfacesummary',
		span: 30,
		grain: 'day',
		key: [REF_DATE],
		itemPer: 'day',
		name: 'Get Interface Summary',
		action: 'Get daily passive reply statistics',
		description:
			'Passive replies to user messages per day: count, failures, total and longest time (up to 30 days per request)',
	}),
	define({
		resource: 'interfaceAnalysis',
		operation: 'getInterfaceSummaryHourly',
		endpoint: 'getinterfacesummaryhour',
		span: 1,
		grain: 'hour',
		key: [REF_DATE, REF_HOUR],
		itemPer: 'day × hour',
		name: 'Get Hourly Interface Summary',
		action: 'Get hourly passive reply statistics',
		description:
			'Passive replies to user messages per hour: count, failures, total and longest time (one day per request)',
	}),
];

/** The resources in picker order (retired last), with their display names. */
export const RESOURCES: ReadonlyArray<{ value: string; name: string; description: string }> = [
	{ value: 'messageSummary', name: 'Message Summary', description: 'Messages users sent to the account' },
	{ value: 'userAnalysis', name: 'User Analysis', description: 'Follower growth by channel and total followers' },
	{
		value: 'publishedContent',
		name: 'Published Content',
		description: 'Reads and shares of everything the account published, mass-sent or not (data from 2025-11-01)',
	},
	{
		value: 'interfaceAnalysis',
		name: 'Interface Analysis',
		description: "Passive replies from your server's message URL",
	},
	{
		value: 'articleAnalysis',
		name: 'Article Analysis (Classic, Retired)',
		description: `Retired by WeChat (errcode 47009): the older mass-sent article statistics no longer answer. Use Published Content instead (${FROM}).`,
	},
];

const BY_OPERATION = new Map(DATACUBE_APIS.map((api) => [`${api.resource}/${api.operation}`, api]));

export function findApi(resource: string, operation: string): DatacubeApi | undefined {
	return BY_OPERATION.get(`${resource}/${operation}`);
}
