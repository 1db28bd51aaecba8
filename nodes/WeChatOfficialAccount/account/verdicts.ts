/**
 * Check Account's verdicts: what WeChat's answers (or failures) mean, as findings with a remedy.
 * Pure: the requests are made elsewhere (runChecks.ts); every date decision takes `now`.
 */
import type { IDataObject } from 'n8n-workflow';
import { callerIp, nextChinaMidnight } from '../../wechat/accountErrcodes';
import { RESOURCES, type DatacubeApi } from '../apis';
import { chinaDay, chinaTimeOfDay, DATA_READY_HOUR, latestServedDay, addDays } from '../dates/calendar';
import { DatacubeError, type ApiQuota, type DatacubeAnswer } from '../transport/DatacubeClient';
import type { Family } from './families';
import { notChecked, ok, problem, type Finding } from './findings';
import { RETIRED_ERRCODE, retiredRemedy } from './retired';

export type Outcome<T> = { value: T } | { error: Error };

const errcodeOf = (outcome: Outcome<unknown> | undefined): number | undefined =>
	outcome && 'error' in outcome && outcome.error instanceof DatacubeError ? outcome.error.errcode : undefined;

const IP_ERRCODES = [40164, 89503];
const UNVERIFIED = 48001;
const NOT_READY = 61503;
/** A quota with less than this share of its daily limit left gets a warning. */
export const LOW_QUOTA_SHARE = 0.1;

/** Where the account's API permissions are listed (WeChat Developer Platform). */
const PERMISSIONS_PAGE =
	'API Management > API Permissions and Quotas of the account on the WeChat Developer Platform (developers.weixin.qq.com/platform)';

/** The credential as far as Check Account may show it (never the App Secret or user-info). */
export interface Connection {
	tokenEndpoint: string;
	/** Without user-info. */
	baseUrl: string;
	appId: string;
	classic: boolean;
}

/** How the first request went, which also obtained the token. */
export interface TokenFacts {
	/** Undefined when the credential's settings are unusable. */
	connection?: Connection;
	/** Why the credential could not be used at all (unusable settings). */
	settingsError?: Error;
	probe?: Outcome<unknown>;
	/** A token is held after the first request. */
	held: boolean;
	/** The token was fetched by this check (else the one stored in the credential was used). */
	fetched: boolean;
}

/** The failure that kept the first request from getting a token, if it did. */
export function tokenFailure(facts: TokenFacts): Error | undefined {
	if (facts.settingsError) return facts.settingsError;
	const probe = facts.probe;
	if (!probe || !('error' in probe)) return undefined;
	const error = probe.error;
	if (!(error instanceof DatacubeError)) return error;
	if (error.noToken || (error.kind === 'exhausted' && !facts.held)) return error;
	return undefined;
}

/** Whether the first request's answer means no further request can succeed. */
export function stopsEverything(facts: TokenFacts): boolean {
	return tokenFailure(facts) !== undefined || IP_ERRCODES.includes(errcodeOf(facts.probe) ?? 0);
}

const NO_TOKEN = 'no access token could be obtained (see the token check)';
const NO_CALLS = 'WeChat accepted no request from this n8n server (see the token and IP whitelist checks)';

export function tokenVerdict(facts: TokenFacts): Finding {
	const connection = facts.connection;
	const failure = tokenFailure(facts);
	if (!connection) {
		const why = failure?.message ?? 'the credential could not be read';
		const hint = failure instanceof DatacubeError ? failure.description : (failure as { hint?: string })?.hint;
		return problem('token', 'error', `No access token could be requested: ${why}`, hint ?? 'Open the credential.');
	}
	const details: IDataObject = {
		token_endpoint: connection.tokenEndpoint,
		base_url: connection.baseUrl,
		app_id: connection.appId,
	};
	const from = `${connection.tokenEndpoint} at ${connection.baseUrl} for AppID ${connection.appId}`;
	if (failure) {
		const unreachable = failure instanceof DatacubeError && failure.kind === 'exhausted';
		const remedy = unreachable
			? `Check the credential's Base URL (${connection.baseUrl}) and that this n8n server can reach it (firewall, proxy), then run Check Account again.`
			: failure instanceof DatacubeError
				? failure.description
				: "Check the credential's settings.";
		return problem('token', 'error', `Could not obtain an access token from ${from}: ${failure.message}`, remedy, {
			...details,
			errcode: failure instanceof DatacubeError ? failure.errcode : undefined,
		});
	}
	const classicNote = connection.classic
		? ' Token Endpoint is Classic Token: each new token invalidates the one other systems hold for this account; Stable Token avoids that.'
		: '';
	const message = facts.fetched
		? `Obtained an access token from ${from}.${classicNote}`
		: `Used the access token stored in the credential, issued by ${from}.${classicNote}`;
	return ok('token', message, { ...details, source: facts.fetched ? 'fetched' : 'stored' });
}

/** Every failure seen by the check's requests, in order. */
export function ipWhitelistVerdict(facts: TokenFacts, failures: readonly Error[]): Finding {
	const refused = failures.find(
		(error): error is DatacubeError => error instanceof DatacubeError && IP_ERRCODES.includes(error.errcode ?? 0),
	);
	const baseUrl = facts.connection?.baseUrl;
	if (refused?.errcode === 40164) {
		const ip = callerIp(refused.description);
		return problem(
			'ipWhitelist',
			'error',
			`WeChat refused requests from IP ${ip ?? 'unknown'}: it is not on the account's IP whitelist (errcode 40164)`,
			refused.description,
			{ ip, base_url: baseUrl },
		);
	}
	if (refused) return problem('ipWhitelist', 'error', refused.message, refused.description, { base_url: baseUrl });
	if (tokenFailure(facts)) return notChecked('ipWhitelist', NO_TOKEN);
	return ok('ipWhitelist', `WeChat accepted requests from this n8n server, sent to ${baseUrl}`, { base_url: baseUrl });
}

export interface FamilyResult {
	family: Family;
	day: string;
	/** Undefined when not asked (the first request already showed nothing can succeed). */
	outcome?: Outcome<DatacubeAnswer>;
}

export function verificationVerdict(results: readonly FamilyResult[]): Finding {
	const asked = results.filter((result) => result.outcome);
	if (asked.length === 0) return notChecked('verification', NO_CALLS);
	const refused = asked.filter((result) => errcodeOf(result.outcome) === UNVERIFIED);
	if (refused.length === 0) {
		return ok(
			'verification',
			'WeChat let this account call the data statistics APIs (no errcode 48001): it is verified',
		);
	}
	const names = refused.map((result) => `${result.family.name} (${result.family.api.endpoint})`).join(', ');
	const answered = asked.length - refused.length;
	const details = { refused: refused.map((result) => result.family.api.endpoint) };
	if (answered > 0) {
		return problem(
			'verification',
			'error',
			`WeChat refused ${names} with errcode 48001 (api unauthorized) but answered the other statistics: the account lacks the permission for these`,
			`Check which permissions the account has under ${PERMISSIONS_PAGE}.`,
			details,
		);
	}
	return problem(
		'verification',
		'error',
		`WeChat refused every statistics request with errcode 48001 (api unauthorized): ${names}. The account is not verified.`,
		'Only verified Official Accounts (verified subscription and service accounts) may use the data statistics APIs. ' +
			'Complete WeChat Verification for the account on the Official Accounts Platform (mp.weixin.qq.com). ' +
			'Accounts registered to an individual (personal-entity accounts) cannot be verified, so they cannot use these APIs at all: ' +
			'their statistics are only in the platform itself. Use an account registered to an organisation for API access.',
		details,
	);
}

export function familyVerdict({ family, day, outcome }: FamilyResult): Finding {
	const { check, name, api } = family;
	const details: IDataObject = { endpoint: api.endpoint, day };
	if (!outcome) return notChecked(check, NO_CALLS);
	if ('value' in outcome) {
		const rows = outcome.value.list.length;
		const delay = outcome.value.isDelay ? '; WeChat marks its figures as not final yet (is_delay)' : '';
		const count = `${rows} row${rows === 1 ? '' : 's'}`;
		return ok(check, `${name}: WeChat answered ${api.endpoint} for ${day} with ${count}${delay}`, {
			...details,
			rows,
			is_delay: outcome.value.isDelay,
		});
	}
	const error = outcome.error;
	const errcode = error instanceof DatacubeError ? error.errcode : undefined;
	const remedy = error instanceof DatacubeError ? error.description : 'Run Check Account again.';
	if (errcode === RETIRED_ERRCODE && family.resource === 'articleAnalysis') {
		return problem(
			check,
			'warning',
			`${name}: WeChat has retired the classic article APIs: ${api.endpoint} answered errcode 47009 ("this api is offline, please use the new api")`,
			retiredRemedy(),
			{ ...details, errcode },
		);
	}
	if (errcode === UNVERIFIED) {
		return problem(
			check,
			'error',
			`${name}: WeChat refused ${api.endpoint} (errcode 48001, api unauthorized)`,
			'See the verification check: only verified accounts may use these APIs.',
			{ ...details, errcode },
		);
	}
	if (errcode === NOT_READY) {
		return problem(
			check,
			'warning',
			`${name}: WeChat has not finished ${day} for ${api.endpoint} yet (errcode 61503)`,
			'Run again later: WeChat finishes a day by 08:00 China time the next morning, sometimes later.',
			{ ...details, errcode },
		);
	}
	return problem(check, 'error', `${name}: ${error.message}`, remedy, { ...details, errcode });
}

const GRAIN_WORD: Record<DatacubeApi['grain'], string> = {
	hour: 'hourly',
	day: 'daily',
	week: 'weekly',
	month: 'monthly',
};

/** Requests a year of an endpoint's data costs: one per span of days (365 for a one-day span). */
export const requestsPerYear = (api: DatacubeApi): number => Math.ceil(365 / api.span);

export function quotaVerdict(api: DatacubeApi, outcome: Outcome<ApiQuota> | undefined, now: number): Finding {
	const check = `quota.${api.endpoint}`;
	if (!outcome) return notChecked(check, NO_CALLS);
	const perYear = requestsPerYear(api);
	const details: IDataObject = { endpoint: api.endpoint, cgi_path: `/datacube/${api.endpoint}` };
	if ('error' in outcome) {
		const error = outcome.error;
		return problem(
			check,
			'warning',
			`WeChat did not report the daily quota of ${api.endpoint}: ${error.message}`,
			error instanceof DatacubeError ? error.description : 'Run Check Account again.',
			{ ...details, errcode: errcodeOf(outcome) },
		);
	}
	const { daily_limit, used, remain } = outcome.value;
	const figures = { ...details, daily_limit, used, remain, requests_per_year: perYear };
	const per = api.span === 1 ? 'one day per request' : `up to ${api.span} days per request`;
	const yearNote = `A year of ${GRAIN_WORD[api.grain]} data costs ${perYear} requests (${per})${remain < perYear ? ', more than is left today' : ''}.`;
	const resource = RESOURCES.find((entry) => entry.value === api.resource)?.name ?? api.resource;
	const message = `${api.endpoint} (${resource} > ${api.name}): ${remain} of ${daily_limit} requests left today, ${used} used. ${yearNote}`;
	if (remain > 0 && remain >= daily_limit * LOW_QUOTA_SHARE) return ok(check, message, figures);
	const reset = nextChinaMidnight(now);
	const remedy =
		`The quota resets at midnight China time (${reset.at}, in about ${reset.hours.toFixed(1)} h). ` +
		'Until then fetch shorter ranges of this operation, or none. If it cannot wait, the account can reset its API quotas ' +
		'(at most 10 times a month) on the WeChat Developer Platform or with the clear_quota API.';
	return problem(check, remain > 0 ? 'warning' : 'error', message, remedy, figures);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The latest day WeChat serves now, by the 08:00 China-time rule; a warning when WeChat was late for it. */
export function latestDayVerdict(now: number, results: readonly FamilyResult[]): Finding {
	const latest = latestServedDay(now);
	const today = chinaDay(now);
	const minutes = Math.floor(chinaTimeOfDay(now) / 60_000);
	const clock = `${today} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} China time`;
	const afterReady = minutes >= DATA_READY_HOUR * 60;
	const nextAt = `${afterReady ? addDays(today, 1) : today} ${pad(DATA_READY_HOUR)}:00 China time`;
	const details = { latest_served_day: latest, china_time: clock, next_day_served_at: nextAt };
	const late = results.filter((result) => errcodeOf(result.outcome) === NOT_READY);
	const message = afterReady
		? `WeChat serves statistics up to ${latest} (yesterday): it is ${clock}, after ${pad(DATA_READY_HOUR)}:00, when WeChat has finished the day before. The next day comes at ${nextAt}.`
		: `WeChat serves statistics up to ${latest} (the day before yesterday): it is ${clock}, and yesterday is finished at ${nextAt}.`;
	if (late.length === 0) return ok('latestDay', message, details);
	return problem(
		'latestDay',
		'warning',
		`${message} But WeChat has not finished ${latest} for ${late.map((result) => result.family.api.endpoint).join(', ')} yet (errcode 61503).`,
		'WeChat is late today: run again later, and schedule daily workflows some time after 08:00 China time.',
		details,
	);
}
