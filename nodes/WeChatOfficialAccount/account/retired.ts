/**
 * WeChat's answer for the retired classic article APIs (errcode 47009, "this api is offline, please
 * use the new api") and what replaces each classic operation, in the node's own words, from the API
 * table. Pure.
 */
import { findApi, PUBLISHED_CONTENT_FIRST_DAY, RESOURCES } from '../apis';

export const RETIRED_ERRCODE = 47009;

/** Classic operations and the Published Content operations that replace them. */
const REPLACED_BY: ReadonlyArray<[classic: string[], replacements: string[]]> = [
	[['getArticleSummary'], ['getArticleReads', 'getArticleShares']],
	[['getArticleTotal'], ['getArticleDetails']],
	[['getUserRead'], ['getOverview']],
	[
		['getUserReadHourly', 'getUserShare', 'getUserShareHourly'],
		['getArticleReads', 'getArticleShares', 'getOverview'],
	],
];

const resourceName = (value: string) => RESOURCES.find((resource) => resource.value === value)?.name ?? value;

const nameOf = (resource: string, operation: string, withEndpoint: boolean) => {
	const api = findApi(resource, operation);
	if (!api) return operation;
	return withEndpoint ? `${api.name} (${api.endpoint})` : api.name;
};

/** "Get Article Summary → Get Article Reads (getarticleread) + Get Article Shares (getarticleshare); …" */
export function replacementsText(): string {
	return REPLACED_BY.map(([classic, replacements]) => {
		const from = classic.map((operation) => nameOf('articleAnalysis', operation, false)).join(', ');
		const to = replacements.map((operation) => nameOf('publishedContent', operation, true)).join(' + ');
		return `${from} → ${to}`;
	}).join('; ');
}

/** What to do when a classic article API answers 47009. */
export function retiredRemedy(): string {
	return (
		`Use ${resourceName('publishedContent')} instead: ${replacementsText()}. ` +
		`${resourceName('publishedContent')} has data from ${PUBLISHED_CONTENT_FIRST_DAY} only, and no hourly split.`
	);
}
