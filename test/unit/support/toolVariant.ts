/**
 * The node's tool variant as n8n builds it, and what n8n-workflow's own code makes of a tool node:
 * the parameters the engine resolves (NodeHelpers.getNodeParameters with the description named
 * "...Tool", as n8n-workflow's Workflow constructor does) and the description n8n gives the model
 * (NodeHelpers.getToolDescriptionForNode, as n8n-core's create-node-as-tool does).
 */
import { NodeHelpers, type INode, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';
import { WeChatOfficialAccount } from '../../../nodes/WeChatOfficialAccount/WeChatOfficialAccount.node';
import { PlanError } from '../../../nodes/WeChatOfficialAccount/dates/PlanError';

export const base = new WeChatOfficialAccount().description;
/**
 * The tool variant as n8n builds it (n8n/dist/tool-generation/ai-tools.js convertNodeToAiTool): name + "Tool",
 * outputs ai_tool. It adds its own descriptionType/toolDescription only when no property is named toolDescription.
 */
export const tool = {
	...base,
	name: `n8n-nodes-wechat-analytics.${base.name}Tool`,
	displayName: `${base.displayName} Tool`,
	inputs: [],
	outputs: ['ai_tool'],
} as unknown as INodeTypeDescription;

export const node = (parameters: INodeParameters, name = 'WeChat follower growth') =>
	({ name, typeVersion: 1, parameters }) as unknown as INode;
/** The parameters with defaults, as the engine resolves them for a node of this type. */
export const resolved = (description: INodeTypeDescription, values: INodeParameters) =>
	NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node(values),
		description,
	) as INodeParameters;
/** The description the model reads for a tool node with these saved parameters. */
export const modelReads = (values: INodeParameters) =>
	NodeHelpers.getToolDescriptionForNode(node(resolved(tool, values)), { description: tool } as never);

/** The PlanError that fn throws (the test fails when it throws none or another kind). */
export function planErrorOf(fn: () => void): PlanError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(PlanError);
		return error as PlanError;
	}
	throw new Error('no error');
}
