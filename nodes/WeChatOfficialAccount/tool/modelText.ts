/**
 * What an AI model reads about each statistics operation when the node runs as a tool: what the
 * operation answers, when to pick it rather than another one, and the fields it returns. The date
 * rules and the size notes are generated from the API table (toolDescription.ts). Keyed by
 * "<resource>/<operation>"; a unit test checks that every operation of the API table has an entry.
 */

export interface ModelText {
	/** The question the operation answers, in one or two sentences. */
	answers: string;
	/** When to use it rather than a neighbouring operation. */
	useWhen: string;
	/** The fields of one returned object (besides the key fields). */
	fields: string;
	/** Classic APIs only: WeChat has switched the API off; what to use instead. */
	retiredFor?: string;
}

const MESSAGE_FIELDS =
	'msg_type (1 text, 2 image, 3 voice, 4 video, 6 link from a third-party app), msg_type_name, msg_user (distinct users in that period), msg_count';
const DISTRIBUTION_FIELDS =
	'count_interval (0: none, 1: 1-5, 2: 6-10, 3: more than 10 messages), count_interval_label, msg_user';
const MESSAGE_CHOICE =
	'The message operations are Get Daily (per day), Get Hourly (per hour of the day), Get Weekly / Get Monthly (per completed week or month), and the distributions (how many users sent 1-5, 6-10 or more than 10 messages).';
const READ_SCENES =
	'read_user (readers), read_user_account_message, read_user_chat, read_user_moments, read_user_account_profile, read_user_recommended, read_user_search, read_user_other (readers by where they opened it)';
const REPLY_FIELDS =
	'callback_count (passive replies sent), fail_count, total_time_cost and max_time_cost (milliseconds)';

export const MODEL_TEXT: Readonly<Record<string, ModelText>> = {
	'messageSummary/getDaily': {
		answers:
			'How many messages followers sent to the account, and how many followers sent them, per day and message type.',
		useWhen: `Use it for message volume day by day. ${MESSAGE_CHOICE}`,
		fields: `ref_date, ${MESSAGE_FIELDS}`,
	},
	'messageSummary/getHourly': {
		answers:
			'How many messages followers sent to the account, and how many followers sent them, per hour of the day (China time) and message type.',
		useWhen: `Use it for the busiest hours. ${MESSAGE_CHOICE}`,
		fields: `ref_date, ref_hour (0, 100, ... 2300), hour (0-23), start_time, ${MESSAGE_FIELDS}`,
	},
	'messageSummary/getWeekly': {
		answers:
			'How many messages followers sent to the account, and how many followers sent them, per completed week (Monday to Sunday) and message type.',
		useWhen: `Use it for week-by-week message trends. ${MESSAGE_CHOICE}`,
		fields: `ref_date (the week's Monday), period_end (its Sunday), ${MESSAGE_FIELDS}`,
	},
	'messageSummary/getMonthly': {
		answers:
			'How many messages followers sent to the account, and how many followers sent them, per completed calendar month and message type.',
		useWhen: `Use it for month-by-month message trends. ${MESSAGE_CHOICE}`,
		fields: `ref_date (the month's 1st), period_end (its last day), ${MESSAGE_FIELDS}`,
	},
	'messageSummary/getDailyDistribution': {
		answers: 'Per day, how many followers sent no message, 1-5, 6-10 or more than 10 messages to the account.',
		useWhen: `Use it for how engaged the people who write to the account are. ${MESSAGE_CHOICE}`,
		fields: `ref_date, ${DISTRIBUTION_FIELDS}`,
	},
	'messageSummary/getWeeklyDistribution': {
		answers:
			'Per completed week (Monday to Sunday), how many followers sent no message, 1-5, 6-10 or more than 10 messages.',
		useWhen: `Use it for week-by-week engagement of the people who write. ${MESSAGE_CHOICE}`,
		fields: `ref_date (the week's Monday), period_end, ${DISTRIBUTION_FIELDS}`,
	},
	'messageSummary/getMonthlyDistribution': {
		answers: 'Per completed calendar month, how many followers sent no message, 1-5, 6-10 or more than 10 messages.',
		useWhen: `Use it for month-by-month engagement of the people who write. ${MESSAGE_CHOICE}`,
		fields: `ref_date (the month's 1st), period_end, ${DISTRIBUTION_FIELDS}`,
	},
	'userAnalysis/getUserSummary': {
		answers:
			'How many followers the account gained and lost per day, and through which channel they followed (search, QR code, business card, article, ads, Channels, live, other).',
		useWhen:
			'Use it for follower growth, new followers, unfollows and where followers come from. For the total number of followers use Get Total Followers.',
		fields:
			'ref_date, user_source (channel code), user_source_name, new_user (gained), cancel_user (lost), net_user (gained minus lost)',
	},
	'userAnalysis/getUserCumulate': {
		answers: "The account's total number of followers at the end of each day.",
		useWhen:
			'Use it for "how many followers do we have" and the follower total over time. For gains and losses by channel use Get Follower Growth.',
		fields: 'ref_date, cumulate_user (total followers that day)',
	},
	'publishedContent/getOverview': {
		answers:
			'Account-wide daily figures for everything the account published: readers (in total and by where they opened it), sharers, likes, "Wow" (在看), comments, favourites, clicks to the original page and items published that day.',
		useWhen:
			'Use it for the reading trend of the whole account. For figures per article use Get Article Details (articles published in the range) or Get Article Reads (reads on given days).',
		fields: `ref_date, ${READ_SCENES}, share_user, zaikan_user ("Wow"), like_user, comment_count, collection_user (favourites), redirect_ori_page_user, send_page_count (items published)`,
	},
	'publishedContent/getArticleReads': {
		answers:
			'For each day, every published article that was read that day and its readers by where they opened it. Articles are identified by msgid only (no title).',
		useWhen:
			'Use it for which articles were read on given days, older articles included. For titles and totals since publishing use Get Article Details.',
		fields: `ref_date, msgid, ${READ_SCENES}`,
	},
	'publishedContent/getArticleShares': {
		answers:
			'For each day, every published article that was shared that day and how many people shared it. Articles are identified by msgid only (no title).',
		useWhen: 'Use it for sharing on given days. For titles and totals since publishing use Get Article Details.',
		fields: 'ref_date, msgid, share_user (sharers that day)',
	},
	'publishedContent/getArticleDetails': {
		answers:
			'How the articles PUBLISHED in the date range performed: for each article (title, link, publish date) its totals since publishing, as of each day up to 30 days after publishing.',
		useWhen:
			'Use it for "which articles did best" and the performance of what was published in a period: choose the range by publish date. For the whole account per day use Get Overview.',
		fields: `ref_date (publish date), msgid, title, content_url, publish_type_name, stat_date (figures are totals from publishing to this day), ${READ_SCENES}, share_user, zaikan_user ("Wow"), like_user, comment_count, collection_user, praise_money (tips, in fen), read_subscribe_user (followed after reading), read_delivery_rate, read_finish_rate, read_avg_activetime (minutes)`,
	},
	'articleAnalysis/getArticleSummary': {
		answers: 'Daily reads, shares and favourites per mass-sent article.',
		useWhen: 'Classic statistics of mass-sent articles only.',
		fields:
			'ref_date, msgid, title, int_page_read_user, int_page_read_count, ori_page_read_user, ori_page_read_count, share_user, share_count, add_to_fav_user, add_to_fav_count',
		retiredFor: 'Get Article Reads and Get Article Shares',
	},
	'articleAnalysis/getArticleTotal': {
		answers: 'Totals since sending, day by day up to 7 days, of the articles mass-sent in the range.',
		useWhen: 'Classic statistics of mass-sent articles only.',
		fields: 'ref_date (send date), msgid, title, stat_date, int_page_read_user, share_user, add_to_fav_user, and more',
		retiredFor: 'Get Article Details',
	},
	'articleAnalysis/getUserRead': {
		answers: 'Article reads per day and source, with a total row (user_source 99999999).',
		useWhen: 'Classic statistics of mass-sent articles only.',
		fields: 'ref_date, user_source, user_source_name, int_page_read_user, int_page_read_count, share_user, share_count',
		retiredFor: 'Get Overview',
	},
	'articleAnalysis/getUserReadHourly': {
		answers: 'Article reads per hour and source, with a total row (user_source 99999999).',
		useWhen: 'Classic statistics of mass-sent articles only.',
		fields: 'ref_date, ref_hour, hour, user_source, user_source_name, int_page_read_user, int_page_read_count',
		retiredFor: 'Get Overview (per day; WeChat no longer gives reads per hour)',
	},
	'articleAnalysis/getUserShare': {
		answers: 'Article shares per day and scene (friends, Moments, other).',
		useWhen: 'Classic statistics of mass-sent articles only.',
		fields: 'ref_date, share_scene, share_scene_name, share_user, share_count',
		retiredFor: 'Get Article Shares or Get Overview',
	},
	'articleAnalysis/getUserShareHourly': {
		answers: 'Article shares per hour and scene.',
		useWhen: 'Classic statistics of mass-sent articles only.',
		fields: 'ref_date, ref_hour, hour, share_scene, share_scene_name, share_user, share_count',
		retiredFor: 'Get Article Shares (per day; WeChat no longer gives shares per hour)',
	},
	'interfaceAnalysis/getInterfaceSummary': {
		answers:
			"How the account's own server answered follower messages per day (passive replies through the server URL): count, failures and time taken.",
		useWhen: 'Use it only for questions about the message server. It says nothing about the audience or content.',
		fields: `ref_date, ${REPLY_FIELDS}`,
	},
	'interfaceAnalysis/getInterfaceSummaryHourly': {
		answers:
			"How the account's own server answered follower messages per hour of the day (China time): count, failures and time taken.",
		useWhen:
			'Use it only for questions about the message server, hour by hour. It says nothing about the audience or content.',
		fields: `ref_date, ref_hour, hour, start_time, ${REPLY_FIELDS}`,
	},
};
