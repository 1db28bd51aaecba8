/**
 * What each WeChat errcode means for the node: the action to take and a message with a remedy.
 * Account-level codes (AppID, secret, IP whitelist, quotas) are shared with the credential.
 * Pure: no n8n imports, no I/O.
 */
import {
	describeAccountErrcode,
	errcodeInfo,
	type ErrcodeAction,
	type ErrcodeInfo,
} from '../../wechat/accountErrcodes';

export type { ErrcodeAction, ErrcodeInfo };

export function describeErrcode(errcode: number, errmsg: string, now: number = Date.now()): ErrcodeInfo {
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
		case 48001:
			return info(
				'fail',
				'This Official Account is not authorized to use the data statistics API',
				'Only verified Official Accounts can call the datacube statistics APIs: complete WeChat verification for the account.',
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
