/**
 * What an AI model reads about the operations beside the statistics when the node runs as a tool:
 * Report → Get Account Report and Account → Check Account. The same parts as the statistics' text
 * (modelText.ts, toolDescription.ts): what the operation answers, when to use it rather than
 * another one, its date rules and what it returns; the rules and counts come from the report's and
 * the checks' own constants. Shown only in the tool variant; the UI text stays as it is.
 */
import type { INodeProperties } from 'n8n-workflow';
import { CHECK_REQUESTS, FAMILIES } from '../account/families';
import { ACCOUNT_RESOURCE, CHECK_OPERATION } from '../account/description';
import { PUBLISHED_CONTENT_FIRST_DAY } from '../apis';
import { ACCOUNT_REPORT, REPORT_RESOURCE } from '../description/report';
import { DEFAULT_TOP_N } from '../report/options';
import { LATEST_DAY, toolDescriptionProperty } from './toolDescription';
import { MAX_TOOL_REPORT_DAYS, reportToolRangeChoices } from './toolLimits';

export interface KindToolText {
	/** The operation's name as the model reads it first. */
	title: string;
	answers: string;
	useWhen: string;
	/** The date rules, for operations that take dates. */
	dates?: string;
	returns: string;
}

const presets = () =>
	reportToolRangeChoices()
		.filter((value) => value !== 'custom')
		.join(', ');

export const KIND_TOOL_TEXT: Readonly<Record<string, KindToolText>> = {
	[`${REPORT_RESOURCE}/${ACCOUNT_REPORT}`]: {
		title: 'Get Account Report (WeChat Official Account report)',
		answers:
			'How the account did in a period, in one answer: followers gained, lost and net (by channel) and the total, readers, shares, likes, "Wow" (在看), comments, favourites, share and like rates, and the top articles by readers, each compared with the period before (change in percent).',
		useWhen:
			'Use it for overview questions: "how did we do last week", a weekly or monthly summary, "compared with the week before". For day-by-day rows, a single figure over a long range, article details or messages use the statistics tools (Get Follower Growth, Get Overview, Get Article Details).',
		dates: [
			`Dates are calendar days in China time (UTC+8). ${LATEST_DAY}`,
			`Follower figures exist for any day; content figures (readers, shares, likes, top articles) only from ${PUBLISHED_CONTENT_FIRST_DAY}: a period that starts earlier counts content from that day (contentFrom), one that ends earlier has null content figures.`,
			`Date range: ${presets()} (lastWeek: the latest completed Monday-to-Sunday week; lastMonth: the latest completed calendar month), or custom with a start and an end date written YYYY-MM-DD (an ISO date-time also works; its time of day is ignored).`,
			'The period before is the week before for lastWeek, the calendar month before for lastMonth, otherwise the same number of days just before.',
			`One call covers at most ${MAX_TOOL_REPORT_DAYS} days; for a longer period make several calls.`,
		].join(' '),
		returns: `Returns one JSON object: kind, period and previousPeriod (begin, end, days), followers (new, unfollowed, net, total, growthRate, byChannel with name, new, unfollowed, net), content (reads, shares, likes, zaikan, comments, favorites, articlesPublished, shareRate, likeRate, topArticlesCompletionRate), contentFrom, previous (the same figures for the period before), change (percent: followersNew, followersUnfollowed, followersNet, reads, shares), topArticles (the top ${DEFAULT_TOP_N} unless the node's Top Articles option says otherwise: rank, msgid, title, content_url, reads, shares, shareRate, published, completionRate, deliveryReadRate), chart (daily net followers and readers) and markdown (the report as text in the node's Language). Rates are fractions (0.05 = 5%); null means WeChat has no figure for it.`,
	},
	[`${ACCOUNT_RESOURCE}/${CHECK_OPERATION}`]: {
		title: 'Check Account (WeChat Official Account diagnostics)',
		answers:
			"Whether this Official Account's connection to WeChat works and what it may use: the access token, the IP whitelist, the account's verification, whether each statistics resource answers (classic article APIs are retired), the latest day WeChat serves, and how much of each statistics API's daily quota is left.",
		useWhen: `Use it when another tool of this account fails with an error about the token, the IP whitelist, permissions, a retired API or the daily quota, or when asked what the account can do. It gives no audience or content figures: use the statistics or report tools for those. It takes no input and no dates. It makes ${CHECK_REQUESTS} small requests (one day of ${FAMILIES.length} resources, each counting against that API's daily quota, and one quota query per API), so call it once, not repeatedly.`,
		returns:
			'Returns a JSON list with one object per check: check (an id such as token, ipWhitelist, verification, latestDay, resource.userAnalysis or quota.getusersummary), status (ok, warning or error), message (what was found), remedy (what to do; present when the status is not ok) and details. Tell the user the remedies of the checks that are not ok.',
	},
};

/** The text the model reads for one of these operations. */
export function kindToolDescription(resource: string, operation: string): string {
	const text = KIND_TOOL_TEXT[`${resource}/${operation}`];
	if (!text) throw new Error(`No model text for ${resource}/${operation}`);
	return [`${text.title}: ${text.answers}`, text.useWhen, text.dates, text.returns].filter(Boolean).join('\n');
}

/** The operation's `toolDescription` parameter, shown only in the tool variant. */
export function kindToolDescriptionProperty(resource: string, operation: string): INodeProperties {
	return toolDescriptionProperty(resource, operation, kindToolDescription(resource, operation));
}
