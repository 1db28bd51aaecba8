/**
 * How the option Simplify condenses each operation's rows: the figure lists are ranked by, the few
 * figures shown per day and per list entry, and the figures that must not be added up. Which lists
 * exist comes from the API table's row key (a list per channel, message type, hour or article). Keyed
 * by endpoint; a unit test checks that every API of the table has an entry.
 */

export interface SummarySpec {
	/** The main figure: lists are ranked by it. */
	rank: string;
	/** The figures shown per day (or month) and per list entry (totals hold every figure). */
	show: readonly string[];
	/** A level, not a count (total followers): the summary gives its first and last value and the change. */
	level?: string;
	/** Figures whose largest value is meaningful, not their sum. */
	max?: readonly string[];
	/** Figures that count distinct people per day (or hour, week, month): adding them up counts a person once per period. */
	distinct?: readonly string[];
	/** A row that is itself the total of the others (left out of totals and lists). */
	totalRow?: { field: string; value: number };
}

/** Rates and averages: never added up; list entries show them as they are (per article). */
export const NOT_ADDED = new Set(['read_delivery_rate', 'read_finish_rate', 'read_avg_activetime']);

const MESSAGES: SummarySpec = { rank: 'msg_count', show: ['msg_count', 'msg_user'], distinct: ['msg_user'] };
const DISTRIBUTION: SummarySpec = { rank: 'msg_user', show: ['msg_user'], distinct: ['msg_user'] };
const READERS = ['read_user'];
const CLASSIC_READS: SummarySpec = {
	rank: 'int_page_read_user',
	show: ['int_page_read_user', 'share_user'],
	distinct: ['int_page_read_user', 'share_user'],
	totalRow: { field: 'user_source', value: 99999999 },
};
const CLASSIC_SHARES: SummarySpec = {
	rank: 'share_count',
	show: ['share_count', 'share_user'],
	distinct: ['share_user'],
};
const REPLIES: SummarySpec = {
	rank: 'callback_count',
	show: ['callback_count', 'fail_count'],
	max: ['max_time_cost'],
};

export const SUMMARY_SPECS: Readonly<Record<string, SummarySpec>> = {
	getupstreammsg: MESSAGES,
	getupstreammsghour: MESSAGES,
	getupstreammsgweek: MESSAGES,
	getupstreammsgmonth: MESSAGES,
	getupstreammsgdist: DISTRIBUTION,
	getupstreammsgdistweek: DISTRIBUTION,
	getupstreammsgdistmonth: DISTRIBUTION,
	getusersummary: { rank: 'new_user', show: ['new_user', 'cancel_user', 'net_user'] },
	getusercumulate: { rank: 'cumulate_user', show: ['cumulate_user'], level: 'cumulate_user' },
	getbizsummary: {
		rank: 'read_user',
		show: ['read_user', 'share_user', 'send_page_count'],
		distinct: [...READERS, 'share_user'],
	},
	getarticleread: { rank: 'read_user', show: ['read_user'], distinct: READERS },
	getarticleshare: { rank: 'share_user', show: ['share_user'], distinct: ['share_user'] },
	getarticletotaldetail: {
		rank: 'read_user',
		show: [
			'read_user',
			'share_user',
			'like_user',
			'zaikan_user',
			'comment_count',
			'collection_user',
			'read_subscribe_user',
			'read_finish_rate',
		],
	},
	getarticlesummary: {
		rank: 'int_page_read_user',
		show: ['int_page_read_user', 'share_user', 'add_to_fav_user'],
		distinct: ['int_page_read_user', 'share_user', 'add_to_fav_user'],
	},
	getarticletotal: { rank: 'int_page_read_user', show: ['int_page_read_user', 'share_user', 'add_to_fav_user'] },
	getuserread: CLASSIC_READS,
	getuserreadhour: CLASSIC_READS,
	getusershare: CLASSIC_SHARES,
	getusersharehour: CLASSIC_SHARES,
	getinterfacesummary: REPLIES,
	getinterfacesummaryhour: REPLIES,
};
