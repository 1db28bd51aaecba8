/**
 * WeChat errcodes about the account, the caller and quotas (not about one API): what they mean
 * and what the user should do. Used by the credential's token fetch and test, and by the node.
 * Pure: no n8n imports, no I/O.
 */
import { CHINA_OFFSET_MS } from './chinaTime';

export type ErrcodeAction = 'refreshToken' | 'retry' | 'waitForNextMinute' | 'splitWindow' | 'fail';

export interface ErrcodeInfo {
	errcode: number;
	action: ErrcodeAction;
	message: string;
	description: string;
}

const IP_PATTERN = /invalid ip ([0-9a-fA-F.:]+)/;

/** The caller's IP address as WeChat names it in a 40164 errmsg. */
export function callerIp(errmsg: string): string | undefined {
	return IP_PATTERN.exec(errmsg)?.[1];
}

const DAY_MS = 86_400_000;

/** The next midnight in China time after `now`, as text, and the hours until then. */
export function nextChinaMidnight(now: number): { at: string; hours: number } {
	const resetAt = (Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - CHINA_OFFSET_MS;
	const day = new Date(resetAt + CHINA_OFFSET_MS).toISOString().slice(0, 10);
	return { at: `${day} 00:00 China time`, hours: (resetAt - now) / 3_600_000 };
}

export function errcodeInfo(
	errcode: number,
	errmsg: string,
	action: ErrcodeAction,
	message: string,
	description: string,
): ErrcodeInfo {
	const said = errmsg ? ` WeChat said: "${errmsg}"` : '';
	return { errcode, action, message: `${message} (errcode ${errcode})`, description: `${description}${said}` };
}

const WHERE = 'Settings and Development > Basic Configuration on the Official Accounts Platform';

/** Account-level errcodes; undefined for codes this module does not know. */
export function describeAccountErrcode(errcode: number, errmsg: string, now: number): ErrcodeInfo | undefined {
	const info = (action: ErrcodeAction, message: string, description: string) =>
		errcodeInfo(errcode, errmsg, action, message, description);
	switch (errcode) {
		case -1:
			return info(
				'retry',
				'WeChat is busy',
				'A temporary WeChat fault; the node retries with backoff. Run again later if it persists.',
			);
		case 40013:
			return info(
				'fail',
				'WeChat does not recognise the AppID',
				`Check the credential's AppID field: copy it from ${WHERE}.`,
			);
		case 40125:
		case 41004:
			return info(
				'fail',
				'WeChat rejected the App Secret',
				`Check the credential's App Secret field: if the secret was reset in ${WHERE}, paste the new one.`,
			);
		case 41002:
			return info('fail', 'WeChat received no AppID', `Fill in the credential's AppID field from ${WHERE}.`);
		case 40164: {
			const ip = callerIp(errmsg);
			return info(
				'fail',
				`The IP address ${ip ?? 'of this n8n server'} is not on the account's IP whitelist`,
				`Add ${ip ?? "this server's public IP"} to the IP whitelist in ${WHERE} (IP Whitelist), or route requests through a proxy with a whitelisted IP and set it as the credential's Base URL.`,
			);
		}
		case 89503:
			return info(
				'fail',
				'An administrator of the Official Account must confirm calls from this IP address',
				'Confirm the request in the WeChat notification sent to the account administrator, or add the IP to the IP whitelist, then run again.',
			);
		case 45009: {
			const reset = nextChinaMidnight(now);
			return info(
				'fail',
				'The daily API quota of this Official Account is used up',
				`The quota resets at midnight China time (${reset.at}, in about ${reset.hours.toFixed(1)} h). Run again after that, and fetch longer ranges less often.`,
			);
		}
		case 45011:
			return info(
				'waitForNextMinute',
				"WeChat's per-minute API limit was reached",
				'The node waits (Quota Wait) and retries; lower Parallel Requests if it persists.',
			);
		default:
			return undefined;
	}
}
