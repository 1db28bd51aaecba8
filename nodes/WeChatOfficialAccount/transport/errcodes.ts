/**
 * What each WeChat errcode means for the node: the action to take and a message with a remedy.
 * Pure: no n8n imports, no I/O.
 */
import { addDays, chinaDay } from '../dates/calendar';

export type ErrcodeAction = 'refreshToken' | 'retry' | 'waitForNextMinute' | 'splitWindow' | 'fail';

export interface ErrcodeInfo {
	errcode: number;
	action: ErrcodeAction;
	message: string;
	description: string;
}

const IP_PATTERN = /invalid ip ([0-9a-fA-F.:]+)/;

function callerIp(errmsg: string): string | undefined {
	return IP_PATTERN.exec(errmsg)?.[1];
}

function hoursUntilChinaMidnight(now: number): { at: string; hours: number } {
	const tomorrow = addDays(chinaDay(now), 1);
	const resetAt = Date.parse(`${tomorrow}T00:00:00+08:00`);
	return { at: `${tomorrow} 00:00 China time`, hours: Math.max(0, (resetAt - now) / 3_600_000) };
}

export function describeErrcode(errcode: number, errmsg: string, now: number = Date.now()): ErrcodeInfo {
	const said = errmsg ? ` WeChat said: "${errmsg}"` : '';
	const info = (action: ErrcodeAction, message: string, description: string): ErrcodeInfo => ({
		errcode,
		action,
		message: `${message} (errcode ${errcode})`,
		description: `${description}${said}`,
	});
	switch (errcode) {
		case -1:
			return info('retry', 'WeChat is busy', 'A temporary WeChat fault; the node retries with backoff. Run again later if it persists.');
		case 40001:
		case 40014:
		case 42001:
			return info(
				'refreshToken',
				'WeChat rejected the access token even after fetching a new one',
				'Another system may be fetching tokens for this account with /cgi-bin/token, which invalidates ours. Set Token Endpoint to "Stable Token" in every system that uses this account.',
			);
		case 41001:
			return info('fail', 'The request reached WeChat without an access token', 'This is a bug in the node or a proxy that strips query strings. Check the Base URL, or report it.');
		case 40013:
			return info('fail', 'WeChat does not recognise the AppID', 'Check the credential\'s AppID field: copy it from the Official Accounts Platform, Settings and Development > Basic Configuration.');
		case 40125:
			return info('fail', 'WeChat rejected the App Secret', 'Check the credential\'s App Secret field: if the secret was reset on the Official Accounts Platform, paste the new one.');
		case 40164: {
			const ip = callerIp(errmsg);
			return info(
				'fail',
				`The IP address ${ip ?? 'of this n8n server'} is not on the account's IP whitelist`,
				`Add ${ip ?? 'this server\'s public IP'} to the IP whitelist on the Official Accounts Platform (Settings and Development > Basic Configuration > IP Whitelist), or route requests through a proxy with a whitelisted IP and set it as the credential's Base URL.`,
			);
		}
		case 89503:
			return info('fail', 'An administrator of the Official Account must confirm calls from this IP address', 'Confirm the request in the WeChat notification sent to the account administrator, or add the IP to the IP whitelist, then run again.');
		case 45009: {
			const reset = hoursUntilChinaMidnight(now);
			return info(
				'fail',
				'The daily API quota of this Official Account is used up',
				`The quota resets at midnight China time (${reset.at}, in about ${reset.hours.toFixed(1)} h). Run again after that, and fetch longer ranges less often.`,
			);
		}
		case 45011:
			return info('waitForNextMinute', 'WeChat\'s per-minute API limit was reached', 'The node waits for the next minute and retries; lower Parallel Requests if it persists.');
		case 48001:
			return info('fail', 'This Official Account is not authorized to use the data statistics API', 'Only verified Official Accounts can call the message summary APIs: complete WeChat verification for the account.');
		case 61500:
			return info('fail', 'WeChat rejected the date format', 'The node sent a date WeChat could not read. Please report this as a bug with the dates you used.');
		case 61501:
			return info('splitWindow', 'WeChat rejected the date range', 'WeChat refused a window within its documented span; the node splits such windows and retries.');
		case 61503:
			return info('fail', 'WeChat has not finished computing these statistics yet', 'Yesterday\'s data is complete after 08:00 China time. Run again after that.');
		default:
			return info('fail', `WeChat returned an error`, 'See WeChat\'s global error code list for this errcode.');
	}
}
