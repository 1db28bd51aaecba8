/**
 * What each WeChat errcode means for the node: the action to take and a message with a remedy.
 * Account-level codes (AppID, secret, IP whitelist, quotas) are shared with the credential. A retired
 * API (47009) is named with its replacements from the API table. Pure: no n8n imports, no I/O.
 */
import { API_PERMISSIONS, WHO_MAY_USE_DATACUBE } from '../../wechat/console';
import { PUBLISHED_CONTENT_FIRST_DAY } from '../apis';
import { differences, replacementAdvice, retiredApi } from '../apis/retired';
import {
	describeAccountErrcode,
	errcodeInfo,
	type ErrcodeAction,
	type ErrcodeInfo,
} from '../../wechat/accountErrcodes';

export type { ErrcodeAction, ErrcodeInfo };

/** `endpoint`: the datacube endpoint asked (names a retired API's replacements). */
export function describeErrcode(
	errcode: number,
	errmsg: string,
	now: number = Date.now(),
	endpoint?: string,
): ErrcodeInfo {
	const account = describeAccountErrcode(errcode, errmsg, now);
	if (account) return account;
	const info = (action: ErrcodeAction, message: string, description: string) =>
		errcodeInfo(errcode, errmsg, action, message, description);
	switch (errcode) {
		case 40001:
		case 40014:
		case 42001:
			return info(
				'refreshToken',
				'WeChat rejected the access token even after fetching a new one',
				'Another system may be fetching tokens for this account with /cgi-bin/token, which invalidates ours. Set Token Endpoint to "Stable Token" in every system that uses this account.',
			);
		case 41001:
			return info(
				'fail',
				'The request reached WeChat without an access token',
				'This is a bug in the node or a proxy that strips query strings. Check the Base URL, or report it.',
			);
		case 47009: {
			// Permanent: WeChat has taken the API offline. No retry, no smaller window, no further windows.
			const retired = endpoint ? retiredApi(endpoint) : undefined;
			if (retired) {
				return info(
					'fail',
					`WeChat has retired ${retired.name} (${retired.endpoint}): ${replacementAdvice(retired)}`,
					`${differences(retired)} WeChat answers 47009 ("this api is offline, please use the new api") for the retired classic article APIs: this is permanent, so the node sent no further requests. Data from before ${PUBLISHED_CONTENT_FIRST_DAY} can no longer be fetched through WeChat's API.`,
				);
			}
			return info(
				'fail',
				`WeChat has taken ${endpoint ? `/datacube/${endpoint}` : 'this API'} offline`,
				'WeChat answers 47009 ("this api is offline") for an API it has retired: this is permanent, so the node sent no further requests. Update n8n-nodes-wechat-analytics to its latest version, and look for the replacement in WeChat\'s data statistics documentation.',
			);
		}
		case 48001:
			return info(
				'fail',
				'This Official Account is not authorized to use the data statistics API',
				`${WHO_MAY_USE_DATACUBE} Complete WeChat verification for the account on the Official Accounts Platform (mp.weixin.qq.com), then run again; ${API_PERMISSIONS} lists what the account may call.`,
			);
		case 61500:
			return info(
				'fail',
				'WeChat rejected the date format',
				'The node sent a date WeChat could not read. Please report this as a bug with the dates you used.',
			);
		case 61501:
			return info(
				'splitWindow',
				'WeChat rejected the date range',
				'WeChat refused a window within its documented span; the node splits such windows and retries.',
			);
		case 61503:
			return info(
				'fail',
				'WeChat has not finished computing these statistics yet',
				"Yesterday's data is complete after 08:00 China time. Run again after that.",
			);
		default:
			return info('fail', 'WeChat returned an error', "See WeChat's global error code list for this errcode.");
	}
}
