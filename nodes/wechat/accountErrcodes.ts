/**
 * WeChat errcodes about the account, the caller and quotas (not about one API): what they mean
 * and what the user should do. Used by the credential's token fetch and test, and by the node.
 * Pure: no n8n imports, no I/O.
 */
import { CHINA_OFFSET_MS } from './chinaTime';
import { BASIC_INFO, DEVELOPMENT_KEYS, WHO_CAN_OPEN } from './console';

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

/** The account-level errcodes this module explains (also the credential test's rules). */
export const ACCOUNT_ERRCODES: readonly number[] = [40013, 41002, 40125, 41004, 40243, 40164, 89503, 45009, 45011, -1];

/**
 * Account-level errcodes; undefined for codes this module does not know. Without `now` (a text
 * written once, such as a credential test's rule) the quota reset is named without a date.
 */
export function describeAccountErrcode(errcode: number, errmsg: string, now?: number): ErrcodeInfo | undefined {
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
				`Check the credential's AppID field: copy it from ${BASIC_INFO}. ${WHO_CAN_OPEN}`,
			);
		case 40125:
		case 41004:
			return info(
				'fail',
				'WeChat rejected the App Secret',
				`Check the credential's App Secret field. If the secret was reset in ${DEVELOPMENT_KEYS}, paste the new one: a reset ends the old secret at once, and WeChat shows the new one only once. ${WHO_CAN_OPEN}`,
			);
		case 40243:
			return info(
				'fail',
				'The App Secret of this account is frozen',
				`Unfreeze the AppSecret in ${DEVELOPMENT_KEYS} (it takes effect after about 10 minutes; the secret stays the same). ${WHO_CAN_OPEN}`,
			);
		case 41002:
			return info('fail', 'WeChat received no AppID', `Fill in the credential's AppID field from ${BASIC_INFO}.`);
		case 40164: {
			const ip = callerIp(errmsg);
			return info(
				'fail',
				`The IP address ${ip ?? 'of this n8n server'} is not on the account's IP whitelist`,
				`Add ${ip ?? "this server's public IP"} to the API IP whitelist in ${DEVELOPMENT_KEYS} (single addresses or ranges such as 203.0.113.0/24; a change takes a few minutes), or route requests through a proxy with a whitelisted IP and set it as the credential's Base URL. ${WHO_CAN_OPEN}`,
			);
		}
		case 89503:
			return info(
				'fail',
				'An administrator of the Official Account must confirm calls from this IP address',
				`Confirm the request in the WeChat notification sent to the account's administrator, or add the IP to the API IP whitelist in ${DEVELOPMENT_KEYS}, then run again.`,
			);
		case 45009: {
			const reset = now === undefined ? undefined : nextChinaMidnight(now);
			const when = reset ? ` (${reset.at}, in about ${reset.hours.toFixed(1)} h)` : '';
			return info(
				'fail',
				'The daily API quota of this Official Account is used up',
				`The quota resets at midnight China time${when}. Run again after that, and fetch longer ranges less often.`,
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
