/**
 * A small scripted IExecuteFunctions for the node's timing-dependent code (TokenSession,
 * DatacubeClient, fetchWindows). It scripts the n8n contract, not our code:
 *
 * - `helpers.httpRequestWithAuthentication(type, options, { credentialsDecrypted })` follows
 *   n8n-core 2.41.1 (execution-engine/.../request-helpers/authentication.js): it attaches
 *   `getExecutionCancelSignal()`, runs the credential helper's preAuthentication on
 *   `credentialsDecrypted.data` (the caller's own object), Object.assigns its output into that object,
 *   calls the credential type's authenticate and sends; any failure is thrown wrapped in a NodeApiError
 *   (the original error is its `cause`).
 * - The credential helper's preAuthentication follows n8n 2.41.1's CredentialsHelper: it runs the
 *   type's preAuthentication only when the expirable field (`accessToken`) is exactly '', and persists
 *   `{ ...stored, ...output }` to the store.
 * - `getCredentials` returns a fresh copy of the store each call (n8n decrypts from the DB each time).
 * - The credential type is the package's real WeChatOfficialAccountApi; its token requests go through
 *   `helpers.httpRequest`, which throws on HTTP >= 400 as n8n's does.
 *
 * The server side is scripted per call: every request becomes a `Call` that is answered by a queued
 * answer, else by the responder for its kind, else it stays pending until the test answers it
 * (`await server.next('datacube')`, then `call.answer(...)`), so a test decides the order in which
 * answers arrive.
 */
import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INode,
} from 'n8n-workflow';
import { WeChatOfficialAccountApi } from '../../../credentials/WeChatOfficialAccountApi.credentials';
import { tokenBinding } from '../../../nodes/wechat/connection';

export const CREDENTIAL_TYPE = 'weChatOfficialAccountApi';
export const APP_SECRET = 'app-secret-0123456789abcdef';

/** The credential type, created once when the module loads (as n8n loads it once). */
const credentialType = new WeChatOfficialAccountApi();

export interface Deferred<T> {
	promise: Promise<T>;
	resolve: (value: T) => void;
	reject: (error: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** Lets every pending promise callback and timer-free continuation run. */
export async function flush(rounds = 5): Promise<void> {
	for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The error a promise rejects with, checked to be of this class (fails the test if it resolves). */
export async function rejectionOf<T>(
	promise: Promise<unknown>,
	type: abstract new (...args: never[]) => T,
): Promise<T> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(type);
	return error as T;
}

/** The node as n8n describes it to the node's code. */
export function testNode(credentials?: INode['credentials']): INode {
	return {
		id: 'node-1',
		name: 'WeChat Official Account',
		type: 'n8n-nodes-wechat-analytics.weChatOfficialAccount',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials,
	};
}

export type CallKind = 'token' | 'datacube';

/** An HTTP answer (status defaults to 200), or a failure to send (a network error). */
export type Answer = { status?: number; body?: unknown } | { error: unknown };

export interface Call {
	kind: CallKind;
	/** 1-based, over all calls of this kind. */
	seq: number;
	url: string;
	method: string;
	/** access_token the request carried in its query (datacube calls). */
	token: string | undefined;
	body: any;
	options: IHttpRequestOptions;
	settled: boolean;
	answer(answer: Answer): void;
	/** Shorthand: 200 with this JSON body. */
	json(body: unknown): void;
}

export type Responder = (call: Call) => Answer | undefined;

/** A network error as axios reports it. */
export function networkError(code: string, message = `connect ${code} 203.0.113.1:443`): Error {
	return Object.assign(new Error(message), { code });
}

export class ScriptedServer {
	readonly calls: Call[] = [];
	/** Answers used first, in order, per kind. */
	readonly queued: Record<CallKind, Answer[]> = { token: [], datacube: [] };
	/** Then these; undefined (or a responder returning undefined) leaves the call pending. */
	readonly responders: Record<CallKind, Responder | undefined> = {
		token: (call) => ({ body: { access_token: `token-${call.seq}`, expires_in: 7200 } }),
		datacube: () => ({ body: { list: [] } }),
	};
	/** Calls of each kind sent but not answered yet. */
	inFlight = 0;
	maxInFlight = 0;
	private readonly pending: Record<CallKind, Call[]> = { token: [], datacube: [] };
	private readonly waiters: Record<CallKind, Array<(call: Call) => void>> = { token: [], datacube: [] };

	queue(kind: CallKind, ...answers: Answer[]): this {
		this.queued[kind].push(...answers);
		return this;
	}

	/** Leave every call of this kind pending, for the test to answer. */
	hold(kind: CallKind): this {
		this.responders[kind] = undefined;
		return this;
	}

	of(kind: CallKind): Call[] {
		return this.calls.filter((call) => call.kind === kind);
	}

	/** The next pending call of this kind not yet handed out, waiting for it if needed. */
	async next(kind: CallKind): Promise<Call> {
		const call = this.pending[kind].shift();
		if (call) return call;
		return await new Promise<Call>((resolve) => this.waiters[kind].push(resolve));
	}

	/** Sends a request; resolves with the HTTP answer, rejects with a network error (or on abort). */
	request(kind: CallKind, options: IHttpRequestOptions): Promise<{ status: number; body: unknown }> {
		const done = deferred<{ status: number; body: unknown }>();
		// axios rejects a request whose abort signal fires.
		const signal = options.abortSignal as AbortSignal | undefined;
		const onAbort = () => {
			if (!call.settled)
				call.answer({ error: Object.assign(new Error('canceled'), { code: 'ERR_CANCELED', name: 'CanceledError' }) });
		};
		const seq = this.of(kind).length + 1;
		const qs = (options.qs ?? {}) as Record<string, unknown>;
		const call: Call = {
			kind,
			seq,
			url: options.url,
			method: options.method ?? 'GET',
			token: typeof qs.access_token === 'string' ? qs.access_token : undefined,
			body: options.body,
			options,
			settled: false,
			answer: (answer) => {
				if (call.settled) throw new Error(`${kind} call ${seq} answered twice`);
				call.settled = true;
				this.inFlight--;
				signal?.removeEventListener('abort', onAbort);
				if ('error' in answer) done.reject(answer.error);
				else done.resolve({ status: answer.status ?? 200, body: answer.body });
			},
			json: (body) => call.answer({ body }),
		};
		this.calls.push(call);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		signal?.addEventListener('abort', onAbort, { once: true });
		const scripted = this.queued[kind].shift() ?? this.responders[kind]?.(call);
		if (scripted) call.answer(scripted);
		else {
			const waiter = this.waiters[kind].shift();
			if (waiter) waiter(call);
			else this.pending[kind].push(call);
		}
		return done.promise;
	}
}

export interface ScriptedContextOptions {
	/** The stored credential (merged over a valid one without a token). */
	credential?: ICredentialDataDecryptedObject;
	/** Node without a credential reference (n8n still runs with credentialsDecrypted). */
	noCredentialReference?: boolean;
}

export function baseCredential(extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		accessToken: '',
		issuedFor: '',
		appId: 'wx0123456789abcdef',
		appSecret: APP_SECRET,
		baseUrl: 'https://api.weixin.qq.com',
		issuingEndpoint: 'stable',
		allowInsecureHttp: false,
		...extra,
	};
}

/** A stored credential whose token is bound to its settings (a token this credential fetched earlier). */
export function boundCredential(
	token: string,
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	const data = baseCredential(extra);
	return { ...data, accessToken: token, issuedFor: tokenBinding(data) };
}

export class ScriptedContext {
	readonly server = new ScriptedServer();
	/** What n8n has persisted for the credential. */
	store: ICredentialDataDecryptedObject;
	readonly cancel = new AbortController();
	preAuthCount = 0;
	getCredentialsCount = 0;
	/** The credentialsDecrypted argument of each httpRequestWithAuthentication call. */
	readonly decrypted: Array<{ id: string; name: string; type: string; data: ICredentialDataDecryptedObject }> = [];
	readonly node: INode;
	readonly ctx: IExecuteFunctions;

	constructor(options: ScriptedContextOptions = {}) {
		this.store = baseCredential(options.credential);
		this.node = testNode(
			options.noCredentialReference ? undefined : { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'WeChat account' } },
		);
		const self = this;
		const helpers = { httpRequest: (options: IHttpRequestOptions) => self.tokenRequest(options) };
		this.ctx = {
			getNode: () => this.node,
			getExecutionCancelSignal: () => this.cancel.signal,
			getCredentials: async (type: string) => {
				if (type !== CREDENTIAL_TYPE) throw new Error(`No credential of type ${type}`);
				this.getCredentialsCount++;
				return structuredClone(this.store);
			},
			helpers: {
				httpRequest: helpers.httpRequest,
				async httpRequestWithAuthentication(
					this: IExecuteFunctions,
					type: string,
					requestOptions: IHttpRequestOptions,
					additional?: {
						credentialsDecrypted?: { id: string; name: string; type: string; data?: ICredentialDataDecryptedObject };
					},
				) {
					if ('getExecutionCancelSignal' in this) requestOptions.abortSignal = this.getExecutionCancelSignal!();
					try {
						const given = additional?.credentialsDecrypted;
						if (given) self.decrypted.push({ ...given, data: given.data! });
						const credentials = given?.data ?? ((await this.getCredentials(type)) as ICredentialDataDecryptedObject);
						const output = await self.preAuthentication(helpers, credentials);
						if (output) Object.assign(credentials, output);
						const options = await credentialType.authenticate(credentials, requestOptions);
						const { status, body } = await self.server.request('datacube', options);
						const response: IN8nHttpFullResponse = { statusCode: status, headers: {}, body: body as never };
						if (!requestOptions.returnFullResponse) return body;
						if (status >= 400 && !requestOptions.ignoreHttpStatusErrors) {
							throw Object.assign(new Error(`Request failed with status code ${status}`), { response: { status } });
						}
						return response;
					} catch (error) {
						throw new NodeApiError(this.getNode(), error as never);
					}
				},
			},
		} as unknown as IExecuteFunctions;
	}

	/** n8n's CredentialsHelper.preAuthentication (credentialsExpired = false, not a credential test). */
	private async preAuthentication(
		helpers: { httpRequest: (options: IHttpRequestOptions) => Promise<unknown> },
		credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		if (credentials.accessToken !== '') return undefined;
		this.preAuthCount++;
		const output = await credentialType.preAuthentication.call({ helpers } as never, credentials);
		if (output.accessToken === undefined) return undefined;
		this.store = { ...structuredClone(this.store), ...output };
		return Object.assign(credentials, output);
	}

	/** helpers.httpRequest as the credential's preAuthentication gets it: throws on HTTP >= 400. */
	private async tokenRequest(options: IHttpRequestOptions): Promise<unknown> {
		const { status, body } = await this.server.request('token', options);
		if (status >= 400)
			throw Object.assign(new Error(`Request failed with status code ${status}`), { response: { status } });
		return body;
	}

	/** Tokens the datacube calls carried, in order. */
	tokensSent(): Array<string | undefined> {
		return this.server.of('datacube').map((call) => call.token);
	}
}

/**
 * The waits of n8n-workflow's `sleep` (n8n's own implementation runs: a timer, cleared when its abort
 * signal fires), scripted at the timer: every timer set while installed is recorded with its delay.
 * Instant by default (it fires on the next turn of the event loop); with `hold = true` it waits until
 * the test releases it. Timers are stubbed rather than `sleep` mocked through jest.mock, so that it
 * works however the suites are run (the mutation run loads every suite in one jest file, where the
 * module under test may already be loaded with the real n8n-workflow).
 *   const sleeps = new ScriptedSleeps();
 *   beforeEach(() => sleeps.install());
 *   afterEach(() => sleeps.uninstall());
 */
export interface SleepCall {
	ms: number;
	/** Fired: the wait ended. */
	fired: boolean;
	/** Cleared before it fired (the abort signal ended the wait). */
	cleared: boolean;
	release: () => void;
}

export class ScriptedSleeps {
	calls: SleepCall[] = [];
	hold = false;
	/** Called when a wait starts (to abort at that moment, for instance). */
	onSleep: ((call: SleepCall) => void) | undefined;
	private spies: jest.SpyInstance[] = [];
	private handed = 0;
	private waiters: Array<(call: SleepCall) => void> = [];

	install(): void {
		this.uninstall();
		this.calls = [];
		this.hold = false;
		this.onSleep = undefined;
		this.handed = 0;
		this.waiters = [];
		const handles = new Map<object, SleepCall>();
		const realClear = globalThis.clearTimeout;
		this.spies.push(
			jest.spyOn(globalThis, 'setTimeout').mockImplementation(((
				callback: (...args: unknown[]) => void,
				ms?: number,
				...args: unknown[]
			) => {
				const call: SleepCall = {
					ms: ms ?? 0,
					fired: false,
					cleared: false,
					release: () => {
						if (call.fired || call.cleared) return;
						call.fired = true;
						callback(...args);
					},
				};
				const handle = { ref: () => handle, unref: () => handle, hasRef: () => false, refresh: () => handle };
				handles.set(handle, call);
				this.calls.push(call);
				this.onSleep?.(call);
				if (!this.hold) setImmediate(call.release);
				const waiter = this.waiters.shift();
				if (waiter) {
					this.handed++;
					waiter(call);
				}
				return handle;
			}) as never),
			jest.spyOn(globalThis, 'clearTimeout').mockImplementation(((handle: unknown) => {
				const call = handles.get(handle as object);
				if (call) {
					if (!call.fired) call.cleared = true;
				} else realClear(handle as never);
			}) as never),
		);
	}

	uninstall(): void {
		for (const spy of this.spies.splice(0)) spy.mockRestore();
	}

	get delays(): number[] {
		return this.calls.map((call) => call.ms);
	}

	/** The next wait not yet handed out, waiting for it to start if needed. */
	async next(): Promise<SleepCall> {
		const call = this.calls[this.handed];
		if (call) {
			this.handed++;
			return call;
		}
		return await new Promise<SleepCall>((resolve) => this.waiters.push(resolve));
	}
}
