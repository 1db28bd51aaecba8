/**
 * Readable names for WeChat's numeric codes and Chinese scene names, as WeChat's data statistics
 * documentation lists them for getusersummary, getuserread, getusershare and the published-content
 * APIs. Historical codes stay in the tables: a backfill to 2014 still meets them.
 */

export type LabelTable = Readonly<Record<number, string>>;

/** getupstreammsg*: msg_type. */
export const MSG_TYPE_NAMES: LabelTable = {
	1: 'text',
	2: 'image',
	3: 'voice',
	4: 'video',
	6: 'third-party app link',
};

/** getupstreammsgdist*: count_interval. */
export const COUNT_INTERVAL_LABELS: LabelTable = {
	0: '0',
	1: '1-5',
	2: '6-10',
	3: '>10',
};

/** getusersummary: user_source = the channel a follower came from (current and earlier doc versions). */
export const FOLLOW_SOURCE_NAMES: LabelTable = {
	0: 'other',
	1: 'account search',
	17: 'business card share',
	30: 'QR code scan',
	35: 'WeChat ID search', // 2015 doc
	39: 'account name search', // 2015 doc
	43: 'article page menu', // until ~2020
	51: 'follow after payment', // until June 2023, then part of 0
	57: 'account name in article',
	75: 'article ads', // until ~2020
	78: 'Moments ads', // until ~2020
	100: 'WeChat ads',
	149: 'mini program',
	161: 'reposted by others',
	200: 'Channels',
	201: 'live stream',
};

/** getuserread / getuserreadhour: user_source = where an article was read. 99999999 is the total row. */
export const READ_SOURCE_NAMES: LabelTable = {
	0: 'account chat',
	1: 'friends',
	2: 'Moments',
	3: 'Tencent Weibo', // legacy doc
	4: 'history messages page',
	5: 'other',
	6: 'Top Stories',
	7: 'Search',
	99999999: 'all',
};

/** getusershare / getusersharehour: share_scene. 5 appears in WeChat's own example but is undocumented. */
export const SHARE_SCENE_NAMES: LabelTable = {
	1: 'friends',
	2: 'Moments',
	3: 'Tencent Weibo', // legacy doc
	255: 'other',
};

/** getarticletotaldetail: publish_type. */
export const PUBLISH_TYPE_NAMES: LabelTable = {
	0: 'notified followers',
	1: 'published without notification',
};

/**
 * read_user_source scenes of the "published content" APIs (scene_desc, in Chinese) and the field
 * each becomes: read_user_<scene>.
 */
export const READ_SCENE_FIELDS: Readonly<Record<string, string>> = {
	全部: 'read_user_all',
	公众号消息: 'read_user_account_message',
	聊天会话: 'read_user_chat',
	朋友圈: 'read_user_moments',
	公众号主页: 'read_user_account_profile',
	其他: 'read_user_other',
	推荐: 'read_user_recommended',
	搜一搜: 'read_user_search',
};

/** Field for a scene WeChat adds later (not in READ_SCENE_FIELDS): keeps its Chinese name. */
export function unknownSceneField(sceneDesc: string): string {
	return `read_user_scene_${sceneDesc}`;
}

export function unknownLabel(code: unknown): string {
	return `unknown (${typeof code === 'string' ? code : JSON.stringify(code)})`;
}

const HOUR_SUFFIXES = Array.from({ length: 24 }, (_, hour) => `T${hour < 10 ? '0' : ''}${hour}:00:00+08:00`);

/** ISO start of the hour (0-23) in China time, e.g. 2024-03-01T05:00:00+08:00 */
export function hourStart(refDate: string, hour: number): string {
	return refDate + HOUR_SUFFIXES[hour];
}
