/**
 * What the node says about the APIs WeChat has retired (errcode 47009), from the API table: the
 * replacement operations in the node's own words ("Published Content → Get Article Reads") and
 * what they give differently. Used by the error of a 47009, the descriptions and the notice.
 */
import { DATACUBE_APIS, findApi, RESOURCES } from './index';
import type { DatacubeApi, OperationRef } from './types';

const resourceName = (resource: string): string =>
	RESOURCES.find((option) => option.value === resource)?.name ?? resource;

const operationName = (ref: OperationRef): string => findApi(ref.resource, ref.operation)?.name ?? ref.operation;

/** "Published Content → Get Article Reads and Get Article Shares" (operations of one resource grouped). */
export function replacementTitles(refs: readonly OperationRef[]): string {
	const byResource = new Map<string, string[]>();
	for (const ref of refs) byResource.set(ref.resource, [...(byResource.get(ref.resource) ?? []), operationName(ref)]);
	return [...byResource]
		.map(([resource, operations]) => `${resourceName(resource)} → ${operations.join(' and ')}`)
		.join(', and ');
}

/** The retired table row of a datacube endpoint, if WeChat has retired it. */
export function retiredApi(endpoint: string): (DatacubeApi & Required<Pick<DatacubeApi, 'retired'>>) | undefined {
	const api = DATACUBE_APIS.find((candidate) => candidate.endpoint === endpoint);
	return api?.retired ? (api as DatacubeApi & Required<Pick<DatacubeApi, 'retired'>>) : undefined;
}

/** "use Published Content → Get Overview and Get Article Reads instead". */
export function replacementAdvice(api: Required<Pick<DatacubeApi, 'retired'>>): string {
	return `use ${replacementTitles(api.retired.replacements)} instead`;
}

/** "What differs: data only from 2025-11-01; no hourly split …". */
export function differences(api: Required<Pick<DatacubeApi, 'retired'>>): string {
	return `What differs: ${api.retired.differences}.`;
}

/** The execution hint when a retired API still answered (WeChat may stop it any day). */
export function retiredHint(api: DatacubeApi): string | undefined {
	if (!api.retired) return undefined;
	return `WeChat has retired ${api.name} (${api.endpoint}) and may stop answering it at any time: ${replacementAdvice({ retired: api.retired })}. ${differences({ retired: api.retired })}`;
}
