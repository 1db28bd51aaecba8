/**
 * Holds the credential for one node execution and makes authenticated requests through n8n, so
 * n8n runs the credential's preAuthentication and persists a new token. WeChat reports expired
 * tokens with HTTP 200 + errcode (n8n only refreshes on 401), so a request that meets 40001/
 * 40014/42001 calls `invalidate`. Before minting, `invalidate` re-reads the stored credential:
 * another execution or queue-mode worker may already have stored a newer token, and minting
 * again (with the classic endpoint) would kill that one. Only one request at a time refreshes
 * (single flight); the others wait for it and reuse the token it obtained.
 *
 * A cached token is used only for the settings it was issued for (`issuedFor`): after the
 * credential is edited to another AppID, secret, Base URL or endpoint, the first request fetches
 * a new token instead of sending the old account's.
 */
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import {
	checkedAppCredentials,
	checkedBaseUrl,
	CREDENTIAL_TYPE,
	displayUrl,
	tokenBinding,
} from '../../wechat/connection';

export interface SentRequest {
	/** Token generation the request was sent with (pass to `invalidate`). */
	generation: number;
	response: IN8nHttpFullResponse;
}

const ignore = () => undefined;

export class TokenSession {
	private data: ICredentialDataDecryptedObject | undefined;
	private loading: Promise<ICredentialDataDecryptedObject> | undefined;
	private refreshing: Promise<void> | undefined;
	private generation = 0;
	/** Every token this execution has seen, also the rejected ones, for redaction. */
	private readonly tokens = new Set<string>();
	/** For requests (may carry proxy user-info). */
	baseUrl = '';
	/** For messages: never user-info. */
	shownBaseUrl = '';
	/** Tokens this session had the credential fetch from WeChat (not the stored ones it reused). */
	fetched = 0;

	constructor(private readonly ctx: IExecuteFunctions) {}

	/** The credential's secrets, for redaction. */
	secrets(): string[] {
		const out = [...this.tokens];
		if (this.data) {
			out.push(String(this.data.appSecret ?? ''));
			const userInfo = /\/\/([^/@\s]*)@/.exec(String(this.data.baseUrl ?? ''))?.[1];
			if (userInfo) out.push(...userInfo.split(':').map((part) => decodeURIComponent(part)));
		}
		return out;
	}

	private remember(token: unknown): void {
		if (typeof token === 'string' && token) this.tokens.add(token);
	}

	/** Loads and checks the credential once; throws CredentialSettingsError for unusable settings. */
	async credentials(): Promise<ICredentialDataDecryptedObject> {
		if (this.data) return this.data;
		const loading = (this.loading ??= this.ctx.getCredentials(CREDENTIAL_TYPE).then((loaded) => {
			const copy = { ...loaded };
			this.remember(copy.accessToken);
			this.data = copy;
			this.baseUrl = checkedBaseUrl(copy);
			this.shownBaseUrl = displayUrl(this.baseUrl);
			checkedAppCredentials(copy);
			if (copy.issuedFor !== tokenBinding(copy)) copy.accessToken = '';
			return copy;
		}));
		// A failed load (unusable settings) is not cached: the next item tries again and reports it.
		loading.then(undefined, () => {
			if (this.loading === loading) {
				this.loading = undefined;
				this.data = undefined;
			}
		});
		return await loading;
	}

	async send(path: string, options: Omit<IHttpRequestOptions, 'url'>): Promise<SentRequest> {
		const data = await this.credentials();
		while (this.refreshing) await this.refreshing;
		const generation = this.generation;
		const node = this.ctx.getNode();
		const reference = node.credentials?.[CREDENTIAL_TYPE];
		// Each request gets its own copy: n8n reads the token from it after an await, and another
		// request may invalidate the session's token in between (that sent an empty token: 41001).
		const sentWith = { ...data };
		const leading = !sentWith.accessToken;
		const request = this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			CREDENTIAL_TYPE,
			{
				...options,
				url: `${this.baseUrl}${path}`,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
			{
				credentialsDecrypted: {
					id: reference?.id ?? '',
					name: reference?.name ?? '',
					type: CREDENTIAL_TYPE,
					data: sentWith,
				},
			},
		) as Promise<IN8nHttpFullResponse>;
		// n8n ran preAuthentication for the leading request and wrote the new token into its copy.
		if (leading) this.holdOthersUntil(request.then(() => this.adopt(sentWith, generation)));
		return { generation, response: await request };
	}

	/** Whether the session holds a token for the current settings (the next request fetches none). */
	async holdsToken(): Promise<boolean> {
		return Boolean((await this.credentials()).accessToken);
	}

	/** Takes the token a leading request obtained, unless the session moved on meanwhile. */
	private adopt(sentWith: ICredentialDataDecryptedObject, generation: number): void {
		this.remember(sentWith.accessToken);
		if (sentWith.accessToken) this.fetched++;
		if (this.data && this.generation === generation && !this.data.accessToken && sentWith.accessToken) {
			this.data.accessToken = sentWith.accessToken;
			this.data.issuedFor = sentWith.issuedFor;
		}
	}

	private holdOthersUntil(work: Promise<unknown>): void {
		const settled = work.then(ignore, ignore);
		this.refreshing = settled;
		void settled.then(() => {
			if (this.refreshing === settled) this.refreshing = undefined;
		});
	}

	/**
	 * The token used at `generation` was rejected. Only the first report of a generation acts
	 * (a late 40001 for a token already replaced is ignored). Uses a newer token stored by
	 * another execution or worker if there is one; otherwise the next request fetches one.
	 */
	async invalidate(generation: number): Promise<void> {
		const data = this.data;
		if (!data || this.generation !== generation) {
			while (this.refreshing) await this.refreshing;
			return;
		}
		this.generation++;
		const rejected = data.accessToken;
		data.accessToken = '';
		const reread = this.ctx.getCredentials(CREDENTIAL_TYPE).then((stored) => {
			this.remember(stored.accessToken);
			const newer =
				typeof stored.accessToken === 'string' && stored.accessToken !== '' && stored.accessToken !== rejected;
			if (newer && stored.issuedFor === tokenBinding(data)) {
				data.accessToken = stored.accessToken;
				data.issuedFor = stored.issuedFor;
			}
		});
		this.holdOthersUntil(reread);
		await this.refreshing;
	}
}
