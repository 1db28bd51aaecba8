/**
 * Holds the credential for one node execution and makes authenticated requests through n8n, so
 * n8n runs the credential's preAuthentication and persists a new token. WeChat reports expired
 * tokens with HTTP 200 + errcode (n8n only refreshes on 401), so a request that meets 40001/
 * 40014/42001 calls `invalidate`: the next request is sent with an empty token, which makes
 * n8n fetch and store a fresh one. Only one request at a time does that (single flight); the
 * others wait for it and reuse the token it obtained.
 */
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { checkedAppCredentials, checkedBaseUrl, CREDENTIAL_TYPE } from './credentialSettings';

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
	baseUrl = '';

	constructor(private readonly ctx: IExecuteFunctions) {}

	/** The credential's secrets, for redaction. */
	secrets(): string[] {
		return [String(this.data?.appSecret ?? ''), String(this.data?.accessToken ?? '')];
	}

	/** Loads and checks the credential once; throws CredentialSettingsError for unusable settings. */
	async credentials(): Promise<ICredentialDataDecryptedObject> {
		if (this.data) return this.data;
		this.loading ??= this.ctx.getCredentials(CREDENTIAL_TYPE).then((loaded) => {
			const copy = { ...loaded };
			this.baseUrl = checkedBaseUrl(copy);
			checkedAppCredentials(copy);
			this.data = copy;
			return copy;
		});
		try {
			return await this.loading;
		} catch (error) {
			this.loading = undefined;
			throw error;
		}
	}

	async send(path: string, options: Omit<IHttpRequestOptions, 'url'>): Promise<SentRequest> {
		const data = await this.credentials();
		while (this.refreshing) await this.refreshing;
		const generation = this.generation;
		const node = this.ctx.getNode();
		const reference = node.credentials?.[CREDENTIAL_TYPE];
		const leading = !data.accessToken;
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
					data,
				},
			},
		) as Promise<IN8nHttpFullResponse>;
		if (leading) {
			const settled = request.then(ignore, ignore);
			this.refreshing = settled;
			void settled.then(() => {
				if (this.refreshing === settled) this.refreshing = undefined;
			});
		}
		return { generation, response: await request };
	}

	/** The token used at `generation` was rejected: make the next request fetch a new one (once). */
	invalidate(generation: number): void {
		if (this.data && this.generation === generation) {
			this.generation++;
			this.data.accessToken = '';
		}
	}
}
