/**
 * The one place that talks to WeChat's datacube endpoints: adds the token (through TokenSession),
 * reads errcodes out of HTTP-200 bodies, retries transient faults with backoff and jitter, waits
 * out the per-minute quota, refreshes a rejected token once per request, and reports every other
 * failure as a DatacubeError whose text never contains a secret.
 */
import { sleep, type IDataObject, type IExecuteFunctions, type IN8nHttpFullResponse } from 'n8n-workflow';
import { CredentialSettingsError } from './credentialSettings';
import { describeErrcode } from './errcodes';
import { causeChain, describeNetworkError } from './networkError';
import { redact } from './redact';
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
}

export const DEFAULT_RETRY: RetryOptions = {
	maxAttempts: 5,
	retryDelayMs: 1000,
	quotaWaitMs: 60_000,
	timeoutMs: 30_000,
};

export type DatacubeErrorKind = 'fatal' | 'rangeRejected' | 'exhausted';

export class DatacubeError extends Error {
	constructor(
		readonly kind: DatacubeErrorKind,
		message: string,
		readonly description: string,
		readonly errcode?: number,
		readonly httpCode?: string,
	) {
		super(message);
		this.name = 'DatacubeError';
	}
}

type Outcome =
	| { list: unknown[] }
	| { errcode: number; errmsg: string; generation: number }
	| { transient: string }
	| { fatal: DatacubeError };

function named<T>(error: unknown, name: string): T | undefined {
	return causeChain(error).find((entry) => (entry as Error)?.name === name) as T | undefined;
}

export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
	const exponential = Math.min(baseMs * 2 ** (attempt - 1), 30_000);
	return Math.round(exponential / 2 + random() * (exponential / 2));
}

export class DatacubeClient {
	readonly session: TokenSession;

	constructor(ctx: IExecuteFunctions) {
		this.session = new TokenSession(ctx);
	}

	private clean(text: string): string {
		return redact(text, this.session.secrets());
	}

	/** POST /datacube/<endpoint> for one window; resolves with WeChat's `list`. */
	async fetchList(
		endpoint: string,
		beginDate: string,
		endDate: string,
		retry: RetryOptions = DEFAULT_RETRY,
	): Promise<unknown[]> {
		const body = { begin_date: beginDate, end_date: endDate };
		let tokenRetried = false;
		let lastReason = '';
		for (let attempt = 1; attempt <= retry.maxAttempts; ) {
			const outcome = await this.once(`/datacube/${endpoint}`, body, retry.timeoutMs);
			if ('list' in outcome) return outcome.list;
			if ('fatal' in outcome) throw outcome.fatal;
			let wait: number;
			if ('transient' in outcome) {
				lastReason = outcome.transient;
				wait = backoffDelay(attempt, retry.retryDelayMs);
			} else {
				const info = describeErrcode(outcome.errcode, this.clean(outcome.errmsg));
				if (info.action === 'refreshToken' && !tokenRetried) {
					tokenRetried = true;
					this.session.invalidate(outcome.generation);
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
			if (attempt <= retry.maxAttempts) await this.pause(wait);
		}
		throw new DatacubeError(
			'exhausted',
			`WeChat kept failing after ${retry.maxAttempts} attempts: ${lastReason}`,
			'A temporary fault that did not clear. Run again later, or raise Max Attempts / Retry Delay in the node options.',
		);
	}

	private async pause(ms: number): Promise<void> {
		if (ms > 0) await sleep(ms);
	}

	private async once(path: string, body: IDataObject, timeoutMs: number): Promise<Outcome> {
		let sent: { generation: number; response: IN8nHttpFullResponse };
		try {
			sent = await this.session.send(path, { method: 'POST', body, json: true, timeout: timeoutMs });
		} catch (error) {
			const tokenError = named<{ message: string; description: string; errcode?: number; transient: boolean }>(
				error,
				'WeChatTokenError',
			);
			if (tokenError) {
				if (tokenError.transient) return { transient: this.clean(tokenError.message) };
				return {
					fatal: new DatacubeError('fatal', this.clean(tokenError.message), this.clean(tokenError.description), tokenError.errcode),
				};
			}
			const settings = named<CredentialSettingsError>(error, 'CredentialSettingsError');
			if (settings) return { fatal: new DatacubeError('fatal', settings.message, settings.hint) };
			return { transient: `could not reach ${this.session.baseUrl}: ${describeNetworkError(error)}` };
		}
		const { response, generation } = sent;
		const status = response.statusCode;
		if (status >= 500 || status === 429) return { transient: `HTTP ${status} from ${this.session.baseUrl}` };
		if (status >= 400) {
			return {
				fatal: new DatacubeError(
					'fatal',
					`HTTP ${status} from ${this.session.baseUrl}${path}`,
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
				return { transient: `a non-JSON answer from ${this.session.baseUrl} (a proxy error page?)` };
			}
		}
		const json = (answer ?? {}) as IDataObject;
		if (typeof json.errcode === 'number' && json.errcode !== 0) {
			return { errcode: json.errcode, errmsg: String(json.errmsg ?? ''), generation };
		}
		if (!Array.isArray(json.list)) {
			return {
				fatal: new DatacubeError('fatal', `WeChat answered ${path} without a list`, this.clean(JSON.stringify(json).slice(0, 300))),
			};
		}
		return { list: json.list };
	}
}
