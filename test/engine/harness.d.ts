// Types for harness.js (plain CommonJS), so TypeScript tests can `import { createEngine } from '../engine/harness'`.
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialsHelper,
	ICredentialType,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunData,
	IDataObject,
} from 'n8n-workflow';

export interface HarnessError {
	name?: string;
	message: string;
	description?: string | null;
	/** name of the node that failed */
	node?: string;
	httpCode?: string | null;
	context?: IDataObject;
	/** the original error object from n8n */
	raw: unknown;
}

export interface RunResult {
	status: ExecutionStatus;
	/** main output 0 of the last run of each node that ran */
	data: Record<string, INodeExecutionData[]>;
	/** all main outputs of the last run of each node */
	outputs: Record<string, Array<INodeExecutionData[] | null>>;
	/** error of the last run of a node (also when the workflow continued) */
	nodeErrors: Record<string, HarnessError>;
	/** the execution's error, undefined when it succeeded */
	error?: HarnessError;
	runData: IRunData;
	lastNodeExecuted?: string;
	/** node names in the order they finished */
	executionOrder: string[];
	durationMs: number;
	run: IRun;
}

export interface RunOptions {
	timezone?: string;
	mode?: 'manual' | 'trigger' | 'internal' | 'cli';
	startNode?: string;
	destinationNode?: string;
	pinData?: IDataObject;
	variables?: IDataObject;
	staticData?: IDataObject;
	executionId?: string;
	/** n8n's deduplication store, carried from run to run (a ProcessedData from ./processed-data); fresh if not given */
	processedData?: unknown;
}

export interface WorkflowJson {
	nodes: Array<IDataObject & { name: string; type: string }>;
	connections?: IDataObject;
	settings?: IDataObject;
	pinData?: IDataObject;
	[key: string]: unknown;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface CredentialCall {
	method: string;
	id?: string;
	type: string;
	credentialsExpired?: boolean;
}

export interface HarnessCredentials extends ICredentialsHelper {
	set(id: string, type: string, data: ICredentialDataDecryptedObject, name?: string): void;
	/** a copy of the stored data, undefined when there is no such id */
	get(id: string): ICredentialDataDecryptedObject | undefined;
	entry(id: string): { id: string; name: string; type: string; data: ICredentialDataDecryptedObject } | undefined;
	resetCounters(): void;
	applyDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject;
	/** times a credential type's preAuthentication actually ran */
	preAuthCount: number;
	/** times the store was written by n8n (updateCredentials / updateCredentialsOauthTokenData) */
	updateCount: number;
	calls: CredentialCall[];
}

export interface Engine {
	packageName: string;
	packageDir: string;
	/** full node type names, e.g. 'n8n-nodes-wechat-analytics.weChatOfficialAccount' */
	nodeTypes: string[];
	credentialTypes: string[];
	nodeTypeRegistry: INodeTypes;
	getNodeType(type: string, version?: number): INodeType;
	getCredentialType(name: string): ICredentialType | undefined;
	credentials: HarnessCredentials;
	/** everything n8n logged (printed only with createEngine({ logLevel }) or HARNESS_LOG_LEVEL) */
	logs: Array<{ level: string; message: string; metadata: unknown }>;
	run(workflow: WorkflowJson | string, options?: RunOptions): Promise<RunResult>;
	testCredential(
		typeName: string,
		data?: ICredentialDataDecryptedObject,
		options?: { id?: string; name?: string },
	): Promise<CredentialTestResult>;
}

export function createEngine(options?: {
	packageDir?: string;
	logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}): Promise<Engine>;

export const DEFAULT_PACKAGE_DIR: string;
export const HARNESS_INPUT_TYPE: 'harness.input';
