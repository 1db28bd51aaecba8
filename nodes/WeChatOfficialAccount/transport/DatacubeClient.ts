/**
 * The one place that talks to WeChat's datacube endpoints (and to the quota API about them): adds
 * the token (through TokenSession), reads errcodes out of HTTP-200 bodies, retries transient faults
 * with backoff and jitter, waits out the per-minute quota (also when the token endpoint reports
 * it), refreshes a rejected token while each attempt used a newer token than the one rejected
 * (bounded), stops waiting and retrying as soon as its abort signal fires (the user stopped the
 * execution, or another window of the range failed for good), and reports every other failure as
 * a DatacubeError whose text never contains a secret.
 */
import { sleep, type IDataObject, type IExecuteFunctions, type IN8nHttpFullResponse } from 'n8n-workflow';
import { CredentialSettingsError } from '../../wechat/connection';
import { causeChain, describeNetworkError } from '../../wechat/networkError';
import { redact, redactAndClip } from '../../wechat/redact';
import { describeErrcode } from './errcodes';
import { TokenSession } from './TokenSession';

export interface RetryOptions {
	/** Attempts per request for transient faults (busy, 5xx, resets, timeouts, non-JSON). */
	maxAttempts: number;
	/** First backoff delay; doubles each attempt, with jitter. */
	retryDelayMs: number;
	/** Wait after WeChat's per-minute quota error (45011). */
	quotaWaitMs: number;
	/** Per-request timeout. */
	timeoutMs: number;
	/** Stops retries and waits (execution cancelled, or the range failed elsewhere). */
	signal?: AbortSignal;
}

export const DEFAULT_RETRY: RetryOptions = {
	maxAttempts: 5,
	retryDelayMs: 1000,
	quotaWaitMs: 60_000,
	timeoutMs: 30_000,
};

/** Backoff doubles from retryDelayMs up to this cap. */
export const MAX_BACKOFF_MS = 30_000;
/** Token refreshes one request may cause, each after a newer token was rejected too. */
export const MAX_TOKEN_REFRESHES = 8;

export type DatacubeErrorKind = 'fatal' | 'rangeRejected' | 'exhausted' | 'cancelled';

export class DatacubeError extends Error {
	constructor(
		readonly kind: DatacubeErrorKind,
		message: string,
		readonly description: string,
		readonly errcode?: number,
		readonly httpCode?: string,
		/** No token could be obtained: the token endpoint refused, or the credential's settings are unusable. */
		readonly noToken = false,
	) {
		super(message);
		this.name = 'DatacubeError';
	}
}

export interface DatacubeAnswer {
	list: unknown[];
	/** The 2025 APIs answer is_delay: true while the newest figures are not final. */
	isDelay: boolean;
}

/** An API's daily quota for the account, as /cgi-bin/openapi/quota/get reports it. */
export interface ApiQuota {
	daily_limit: number;
	used: number;
	remain: number;
}

/** Reads a successful answer (errcode absent or 0); undefined when it lacks `what`. */
interface Reader<T> {
	what: string;
	read(json: IDataObject): T | undefined;
}

const LIST: Reader<DatacubeAnswer> = {
	what: 'a list',
	read: (json) => (Array.isArray(json.list) ? { list: json.list, isDelay: json.is_delay === true } : undefined),
};

const QUOTA: Reader<ApiQuota> = {
	what: 'a quota',
	read(json) {
		const quota = json.quota as IDataObject | undefined;
		const figures = [quota?.daily_limit, quota?.used, quota?.remain];
		if (!figures.every((value) => typeof value === 'number' && Number.isFinite(value))) return undefined;
		const [daily_limit, used, remain] = figures as number[];
		return { daily_limit, used, remain };
	},
};

/** Where WeChat's quota API is, and the cgi_path of a datacube endpoint for it. */
export const QUOTA_PATH = '/cgi-bin/openapi/quota/get';
const DATACUBE_PREFIX = '/datacube/';
export const datacubePath = (endpoint: string): string => `${DATACUBE_PREFIX}${endpoint}`;
/** The datacube endpoint a path calls (undefined for other APIs), so errcodes can name its operation. */
const endpointOf = (path: string): string | undefined =>
	path.startsWith(DATACUBE_PREFIX) ? path.slice(DATACUBE_PREFIX.length) : undefined;

type Outcome<T> =
	| { answer: T }
	| { errcode: number; errmsg: string; generation: number }
	| { transient: string }
	| { quota: string }
	| { fatal: DatacubeError };

function named<T>(error: unknown, name: string): T | undefined {
	return causeChain(error).find((entry) => (entry as Error)?.name === name) as T | undefined;
}

export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
	const exponential = Math.min(baseMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
	return Math.round(exponential / 2 + random() * (exponential / 2));
}

export function cancelledError(): DatacubeError {
	return new DatacubeError('cancelled', 'The execution was stopped', 'No further requests were sent.');
}

interface TokenErrorLike {
	message: string;
	description: string;
	errcode?: number;
	kind: 'transient' | 'quota' | 'fatal';
}

export class DatacubeClient {
	readonly session: TokenSession;

	constructor(ctx: IExecuteFunctions) {
		this.session = new TokenSession(ctx);
	}

	private clean(text: string): string {
		return redact(text, this.session.secrets());
	}

	/** POST /datacube/<endpoint> for one window. */
	fetchList(
		endpoint: string,
		beginDate: string,
		endDate: string,
		retry: RetryOptions = DEFAULT_RETRY,
	): Promise<DatacubeAnswer> {
		// The request's own promise, without another await: callers' timing stays that of one request.
		return this.post(datacubePath(endpoint), { begin_date: beginDate, end_date: endDate }, LIST, retry);
	}

	/** POST /cgi-bin/openapi/quota/get: the account's daily quota of one API (cgi_path like /datacube/getusersummary). */
	fetchQuota(cgiPath: string, retry: RetryOptions = DEFAULT_RETRY): Promise<ApiQuota> {
		return this.post(QUOTA_PATH, { cgi_path: cgiPath }, QUOTA, retry);
	}

	/** One authenticated POST with the token handling and retries described above. */
	private async post<T>(path: string, body: IDataObject, reader: Reader<T>, retry: RetryOptions): Promise<T> {
		let refreshes = 0;
		let lastRejected = -1;
		let lastReason = '';
		for (let attempt = 1; attempt <= retry.maxAttempts;) {
			if (retry.signal?.aborted) throw cancelledError();
			const outcome = await this.once(path, body, reader, retry);
			if ('answer' in outcome) return outcome.answer;
			if ('fatal' in outcome) throw outcome.fatal;
			let wait: number;
			if ('transient' in outcome) {
				lastReason = outcome.transient;
				wait = backoffDelay(attempt, retry.retryDelayMs);
			} else if ('quota' in outcome) {
				lastReason = outcome.quota;
				wait = retry.quotaWaitMs;
			} else {
				const info = describeErrcode(outcome.errcode, this.clean(outcome.errmsg), Date.now(), endpointOf(path));
				if (info.action === 'refreshToken' && outcome.generation > lastRejected && refreshes < MAX_TOKEN_REFRESHES) {
					refreshes++;
					lastRejected = outcome.generation;
					await this.session.invalidate(outcome.generation);
					continue;
				}
				if (info.action !== 'retry' && info.action !== 'waitForNextMinute') {
					throw new DatacubeError(
						info.action === 'splitWindow' ? 'rangeRejected' : 'fatal',
						info.message,
						info.description,
						outcome.errcode,
					);
				}
				lastReason = info.message;
				wait = info.action === 'waitForNextMinute' ? retry.quotaWaitMs : backoffDelay(attempt, retry.retryDelayMs);
			}
			attempt++;
			if (attempt <= retry.maxAttempts) await this.pause(wait, retry.signal);
		}
		throw new DatacubeError(
			'exhausted',
			`WeChat kept failing after ${retry.maxAttempts} attempts: ${lastReason}`,
			'A temporary fault that did not clear. Run again later, or raise Max Attempts / Retry Delay in the node options.',
		);
	}

	private async pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
		if (signal?.aborted) throw cancelledError();
		if (ms <= 0) return;
		try {
			await sleep(ms, signal);
		} catch {
			// sleep rejects only when the signal fires
		}
		if (signal?.aborted) throw cancelledError();
	}

	private fromFailure(error: unknown, signal: AbortSignal | undefined): Outcome<never> {
		if (signal?.aborted) return { fatal: cancelledError() };
		const tokenError = named<TokenErrorLike>(error, 'WeChatTokenError');
		if (tokenError) {
			const message = this.clean(tokenError.message);
			if (tokenError.kind === 'transient') return { transient: message };
			if (tokenError.kind === 'quota') return { quota: message };
			return {
				fatal: new DatacubeError(
					'fatal',
					message,
					this.clean(tokenError.description),
					tokenError.errcode,
					undefined,
					true,
				),
			};
		}
		const settings = named<CredentialSettingsError>(error, 'CredentialSettingsError');
		if (settings) {
			return { fatal: new DatacubeError('fatal', settings.message, settings.hint, undefined, undefined, true) };
		}
		return { transient: `could not reach ${this.session.shownBaseUrl}: ${describeNetworkError(error)}` };
	}

	private async once<T>(path: string, body: IDataObject, reader: Reader<T>, retry: RetryOptions): Promise<Outcome<T>> {
		let sent: { generation: number; response: IN8nHttpFullResponse };
		try {
			sent = await this.session.send(path, { method: 'POST', body, json: true, timeout: retry.timeoutMs });
		} catch (error) {
			return this.fromFailure(error, retry.signal);
		}
		const { response, generation } = sent;
		const where = this.session.shownBaseUrl;
		const status = response.statusCode;
		if (status >= 500 || status === 429) return { transient: `HTTP ${status} from ${where}` };
		if (status >= 300) {
			return {
				fatal: new DatacubeError(
					'fatal',
					`HTTP ${status} from ${where}${path}`,
					"Check the credential's Base URL: it must be https://api.weixin.qq.com or a proxy that forwards /datacube/ and /cgi-bin/ to it.",
					undefined,
					String(status),
				),
			};
		}
		let answer: unknown = response.body;
		if (typeof answer === 'string') {
			try {
				answer = JSON.parse(answer);
			} catch {
				return { transient: `a non-JSON answer from ${where} (a proxy error page?)` };
			}
		}
		const json = (answer ?? {}) as IDataObject;
		if (typeof json.errcode === 'number' && json.errcode !== 0) {
			return { errcode: json.errcode, errmsg: String(json.errmsg ?? ''), generation };
		}
		const read = reader.read(json);
		if (read === undefined) {
			return {
				fatal: new DatacubeError(
					'fatal',
					`WeChat answered ${path} without ${reader.what}`,
					redactAndClip(JSON.stringify(json), this.session.secrets(), 300),
				),
			};
		}
		return { answer: read };
	}
}
