/**
 * One run of the whole node (WeChatOfficialAccount.execute) as n8n 2.41.1 makes it, on top of the
 * ScriptedContext (scriptedContext.ts: credential store and WeChat server):
 *
 * - As a tool (n8n-core get-input-connection-data.js makeHandleToolInvocation): the context is a
 *   SupplyDataContext of connection type ai_tool, so `isToolExecution()` is true; n8n adds the tool's
 *   arguments as the one input item (`addInputData(ai_tool, [[{ json: toolArgs }]])`, which is what
 *   `getInputData()` then returns) and calls `nodeType.execute.call(context)`. A thrown error becomes
 *   `new NodeOperationError(node, error)`, whose message gets "\n\nDetails: <description>" when it does
 *   not hold the description yet: that text is what the model reads (n8n in queue mode passes the bare
 *   message).
 * - In a workflow (ExecuteContext): `isToolExecution()` is false; the input items come from the node
 *   before.
 * - `getNodeParameter(name, itemIndex, fallback)` follows NodeExecutionContext._getNodeParameter:
 *   lodash `get(node.parameters, name, fallback)`, "Could not get parameter" when that is undefined.
 *   node.parameters are the saved parameters resolved as n8n-workflow's Workflow constructor does
 *   (NodeHelpers.getNodeParameters: defaults added, parameters hidden by displayOptions dropped).
 *   An expression `={{ $fromAI('key', description, type, default) }}` resolves as n8n-workflow's
 *   WorkflowDataProxy $fromAI does: the tool argument `key`, else the default.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type NodeExecutionHint,
} from 'n8n-workflow';
import { WeChatOfficialAccount } from '../../../nodes/WeChatOfficialAccount/WeChatOfficialAccount.node';
import { ScriptedContext } from './scriptedContext';
import { base, resolved, tool } from './toolVariant';

const FROM_AI = /^=\{\{\s*\$fromAI\('([\w-]+)'(?:,\s*'(?:[^'\\]|\\.)*'(?:,\s*'[^']*'(?:,\s*'([^']*)')?)?)?\)\s*\}\}$/;

/** What $fromAI(key, …, default) gives for these tool arguments (WorkflowDataProxy handleFromAi). */
function fromAi(value: unknown, toolArgs: IDataObject): unknown {
	if (typeof value !== 'string' || !value.includes('$fromAI')) return value;
	const match = FROM_AI.exec(value);
	if (!match) throw new Error(`Unscripted expression ${value}`);
	const [, key, fallback] = match;
	const query = toolArgs.query as IDataObject | undefined;
	return query?.[key] ?? toolArgs[key] ?? fallback;
}

export interface NodeRun {
	scripted: ScriptedContext;
	ctx: IExecuteFunctions;
	hints: NodeExecutionHint[];
	/** Runs the node's execute() as n8n does. */
	run(): Promise<INodeExecutionData[][]>;
}

/**
 * The execute context n8n gives a node, over the scripted one: `getNodeParameter` reads `parameters`
 * (the node's resolved parameters) as NodeExecutionContext._getNodeParameter does (the fallback for
 * an absent one, "Could not get parameter" when there is neither), each value passed through
 * `resolve` (expressions); hints collected; a silent logger; a trigger-mode run that does not
 * continue on fail, with no parent nodes. `extra` replaces or adds members.
 */
export function executeContext(
	scripted: ScriptedContext,
	parameters: IDataObject,
	extra: Partial<IExecuteFunctions> = {},
	resolve: (value: unknown) => unknown = (value) => value,
): { ctx: IExecuteFunctions; hints: NodeExecutionHint[] } {
	const hints: NodeExecutionHint[] = [];
	const silent = () => undefined;
	const ctx = {
		...scripted.ctx,
		getNodeParameter(name: string, _itemIndex: number, fallback?: unknown) {
			const value = parameters[name] !== undefined ? parameters[name] : fallback;
			if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
			return resolve(value);
		},
		continueOnFail: () => false,
		getMode: () => 'trigger',
		getWorkflow: () => ({ id: 'workflow-1' }),
		getExecutionId: () => 'execution-1',
		getParentNodes: () => [],
		getWorkflowStaticData: () => ({}),
		addExecutionHints: (...added: NodeExecutionHint[]) => hints.push(...added),
		logger: { info: silent, warn: silent, debug: silent, error: silent },
		...extra,
	} as unknown as IExecuteFunctions;
	return { ctx, hints };
}

function nodeRun(
	asTool: boolean,
	saved: INodeParameters,
	items: INodeExecutionData[],
	toolArgs: IDataObject,
	extra: Partial<IExecuteFunctions> = {},
): NodeRun {
	const scripted = new ScriptedContext();
	const parameters = resolved(asTool ? tool : base, saved);
	Object.assign(scripted.node, {
		parameters,
		type: asTool ? tool.name : `n8n-nodes-wechat-analytics.${base.name}`,
	});
	const { ctx, hints } = executeContext(
		scripted,
		parameters,
		{
			isToolExecution: () => asTool,
			getInputData: () => items,
			...extra,
		},
		(value) => fromAi(value, toolArgs),
	);
	const node = new WeChatOfficialAccount();
	return { scripted, ctx, hints, run: async () => await node.execute.call(ctx) };
}

/** The node run by n8n as a tool that a model called with these arguments. */
export function toolRun(saved: INodeParameters, toolArgs: IDataObject, extra?: Partial<IExecuteFunctions>): NodeRun {
	return nodeRun(true, saved, [{ json: toolArgs }], toolArgs, extra);
}

/** The node run by n8n in a workflow, with these input items. */
export function workflowRun(
	saved: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	extra?: Partial<IExecuteFunctions>,
): NodeRun {
	return nodeRun(false, saved, items, {}, extra);
}

/** The error text a model reads when a tool call fails (n8n's handleToolInvocation, regular mode). */
export async function toolErrorForModel(run: NodeRun): Promise<{ error: NodeOperationError; modelReads: string }> {
	let thrown: unknown;
	try {
		await run.run();
	} catch (error) {
		thrown = error;
	}
	if (thrown === undefined) throw new Error('the tool call did not fail');
	const error = new NodeOperationError(run.ctx.getNode(), thrown as Error);
	let modelReads = error.message;
	if (error.description && !modelReads.includes(error.description)) {
		modelReads = `${modelReads}\n\nDetails: ${error.description}`;
	}
	return { error, modelReads };
}
