/**
 * Check Account's words for the retired classic article APIs (errcode 47009, "this api is offline,
 * please use the new api"): each classic operation and what replaces it, from the API table. Pure.
 */
import { DATACUBE_APIS, PUBLISHED_CONTENT_FIRST_DAY, RESOURCES } from '../apis';
import { replacementTitles } from '../apis/retired';

export const RETIRED_ERRCODE = 47009;

const PUBLISHED = RESOURCES.find((resource) => resource.value === 'publishedContent')?.name ?? 'Published Content';

/** "Get Article Summary: Published Content → Get Article Reads and Get Article Shares; …" */
export function replacementsText(): string {
	return DATACUBE_APIS.flatMap((api) =>
		api.retired ? [`${api.name}: ${replacementTitles(api.retired.replacements)}`] : [],
	).join('; ');
}

/** What to do when a classic article API answers 47009. */
export function retiredRemedy(): string {
	return (
		`Use these operations instead. ${replacementsText()}. ` +
		`${PUBLISHED} has data from ${PUBLISHED_CONTENT_FIRST_DAY} only, and no hourly split.`
	);
}
