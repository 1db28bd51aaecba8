/**
 * What Check Account asks WeChat: one small request per resource family (the operation with the
 * fewest rows per day, for the latest served day) and the daily quota of every datacube endpoint
 * the node uses. From the API table.
 */
import { DATACUBE_APIS, findApi, RESOURCES, type DatacubeApi } from '../apis';

export interface Family {
	/** Finding id. */
	check: string;
	/** The resource's value and display name. */
	resource: string;
	name: string;
	api: DatacubeApi;
}

/** Per resource, the operation asked for one day. */
const PROBE_OPERATION: Record<string, string> = {
	messageSummary: 'getDaily',
	userAnalysis: 'getUserCumulate',
	publishedContent: 'getOverview',
	articleAnalysis: 'getArticleSummary',
	interfaceAnalysis: 'getInterfaceSummary',
};

export const FAMILIES: readonly Family[] = RESOURCES.map(({ value, name }) => {
	const api = findApi(value, PROBE_OPERATION[value]);
	if (!api) throw new Error(`No probe operation for resource ${value}`);
	return { check: `resource.${value}`, resource: value, name, api };
});

/** Every datacube endpoint the node uses, in table order: one quota query each. */
export const QUOTA_APIS: readonly DatacubeApi[] = DATACUBE_APIS;

/** How many requests one Check Account makes (besides a token request when none is stored). */
export const CHECK_REQUESTS = FAMILIES.length + QUOTA_APIS.length;
