/**
 * The seven "message summary" datacube APIs, as data. Everything else (planning, fetching,
 * de-duplication, sorting, labels) is generic code driven by this table.
 */

export type Grain = 'day' | 'hour' | 'week' | 'month';
export type Measure = 'messages' | 'distribution';

export interface DatacubeApi {
	/** Node parameter value of the resource: part of saved workflows, never rename. */
	resource: string;
	/** Node parameter value: part of saved workflows, never rename. */
	operation: string;
	/** Path segment after /datacube/. */
	endpoint: string;
	/** Maximum span in days, inclusive (end - begin must be less than this). */
	span: number;
	grain: Grain;
	measure: Measure;
	name: string;
	action: string;
	description: string;
}

export const DATACUBE_APIS: readonly DatacubeApi[] = [
	{
		resource: 'messageSummary',
		operation: 'getDaily',
		endpoint: 'getupstreammsg',
		span: 7,
		grain: 'day',
		measure: 'messages',
		name: 'Get Daily',
		action: 'Get daily message summary',
		description: 'Users and messages received per day and message type (up to 7 days per request)',
	},
	{
		resource: 'messageSummary',
		operation: 'getHourly',
		endpoint: 'getupstreammsghour',
		span: 1,
		grain: 'hour',
		measure: 'messages',
		name: 'Get Hourly',
		action: 'Get hourly message summary',
		description: 'Users and messages received per hour and message type (one day per request)',
	},
	{
		resource: 'messageSummary',
		operation: 'getWeekly',
		endpoint: 'getupstreammsgweek',
		span: 30,
		grain: 'week',
		measure: 'messages',
		name: 'Get Weekly',
		action: 'Get weekly message summary',
		description: 'Users and messages received per completed week (Monday to Sunday) and message type',
	},
	{
		resource: 'messageSummary',
		operation: 'getMonthly',
		endpoint: 'getupstreammsgmonth',
		span: 30,
		grain: 'month',
		measure: 'messages',
		name: 'Get Monthly',
		action: 'Get monthly message summary',
		description: 'Users and messages received per completed month and message type',
	},
	{
		resource: 'messageSummary',
		operation: 'getDailyDistribution',
		endpoint: 'getupstreammsgdist',
		span: 15,
		grain: 'day',
		measure: 'distribution',
		name: 'Get Daily Distribution',
		action: 'Get daily message distribution',
		description: 'Users per day grouped by how many messages they sent (0, 1-5, 6-10, more than 10)',
	},
	{
		resource: 'messageSummary',
		operation: 'getWeeklyDistribution',
		endpoint: 'getupstreammsgdistweek',
		span: 30,
		grain: 'week',
		measure: 'distribution',
		name: 'Get Weekly Distribution',
		action: 'Get weekly message distribution',
		description: 'Users per completed week grouped by how many messages they sent',
	},
	{
		resource: 'messageSummary',
		operation: 'getMonthlyDistribution',
		endpoint: 'getupstreammsgdistmonth',
		span: 30,
		grain: 'month',
		measure: 'distribution',
		name: 'Get Monthly Distribution',
		action: 'Get monthly message distribution',
		description: 'Users per completed month grouped by how many messages they sent',
	},
];

const BY_OPERATION = new Map(DATACUBE_APIS.map((api) => [`${api.resource}/${api.operation}`, api]));

export function findApi(resource: string, operation: string): DatacubeApi | undefined {
	return BY_OPERATION.get(`${resource}/${operation}`);
}
