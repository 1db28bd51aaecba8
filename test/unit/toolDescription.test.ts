/**
 * The node as an AI tool, through n8n-workflow's own code: the parameters the engine resolves for the
 * tool variant (NodeHelpers.getNodeParameters with the description named "...Tool", as n8n-workflow's
 * Workflow constructor does), the description n8n gives the model (NodeHelpers.getToolDescriptionForNode,
 * as n8n-core's create-node-as-tool does), the node names n8n's editor gives tool nodes
 * (NodeHelpers.makeNodeName) and the tool names they become (nodeNameToToolName).
 */
import { NodeHelpers, nodeNameToToolName, type INodeParameters, type INodeProperties } from 'n8n-workflow';
import { DATACUBE_APIS, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { MODEL_TEXT } from '../../nodes/WeChatOfficialAccount/tool/modelText';
import { toolDescriptionFor } from '../../nodes/WeChatOfficialAccount/tool/toolDescription';
import { base, modelReads, node, resolved, tool } from './support/toolVariant';

const label = (api: DatacubeApi) => `${api.resource}/${api.operation}`;

describe('the node as an AI tool', () => {
	it('has model text for every operation of the API table and for nothing else', () => {
		expect(Object.keys(MODEL_TEXT).sort()).toEqual(DATACUBE_APIS.map(label).sort());
	});

	it("brings its own toolDescription parameter, so n8n adds neither its own nor the 'auto' description type", () => {
		expect(base.properties.some((p) => p.name === 'toolDescription')).toBe(true);
	});

	it.each(DATACUBE_APIS.map((api) => [label(api), api] as const))(
		'%s: the model reads the description written for models, not the action',
		(_, api) => {
			const text = modelReads({ resource: api.resource, operation: api.operation });
			expect(text).toBe(toolDescriptionFor(api));
			expect(text).not.toContain(' in WeChat Official Account');
			expect(text).toContain('China time');
			expect(text).toContain('08:00');
			expect(text).toContain(MODEL_TEXT[label(api)].answers);
			expect(text.length).toBeLessThan(2100);
			if (api.firstDay) expect(text).toContain(`from ${api.firstDay}`);
			if (MODEL_TEXT[label(api)].retiredFor) {
				expect(text).toContain('47009');
				expect(text).toContain('Do not call it');
			} else {
				expect(text).not.toContain('47009');
			}
		},
	);

	it('the regular node never shows or saves a Tool Description', () => {
		for (const api of DATACUBE_APIS) {
			expect(resolved(base, { resource: api.resource, operation: api.operation })).not.toHaveProperty(
				'toolDescription',
			);
		}
	});

	it("a user's own text wins, and an expression is left for n8n to resolve", () => {
		const values = { resource: 'userAnalysis', operation: 'getUserSummary' };
		expect(modelReads({ ...values, toolDescription: 'Followers of our shop account' })).toBe(
			'Followers of our shop account',
		);
		expect(resolved(tool, { ...values, toolDescription: '={{ "x" }}' }).toolDescription).toBe('={{ "x" }}');
	});

	it("switching the operation in the editor gives the new operation's text (n8n's editor: values equal to the old default are dropped, then defaults filled in)", () => {
		const before = resolved(tool, { resource: 'userAnalysis', operation: 'getUserSummary' });
		const kept = NodeHelpers.getNodeParameters(
			tool.properties,
			before,
			false,
			false,
			node(before),
			tool,
		) as INodeParameters;
		const after = resolved(tool, { ...kept, operation: 'getUserCumulate' });
		expect(after.toolDescription).toBe(
			toolDescriptionFor(DATACUBE_APIS.find((a) => a.endpoint === 'getusercumulate')!),
		);
	});

	it('Confirm Delivery has no text for models: n8n falls back to its action', () => {
		expect(modelReads({ resource: 'delivery', operation: 'confirm' })).toBe(
			'Confirm delivery of fetched days in WeChat Official Account',
		);
	});

	it.each(DATACUBE_APIS.map((api) => [label(api), api] as const))(
		'%s: the tool node n8n names after the action gives a whole, readable tool name (at most 64 characters, not cut)',
		(_, api) => {
			const name = NodeHelpers.makeNodeName({ resource: api.resource, operation: api.operation }, tool);
			expect(name).toBe(`${api.action} in WeChat Official Account`);
			// n8n turns each run of other characters into one "_"; nothing is cut off the end.
			expect(nodeNameToToolName(name)).toBe(name.replace(/[^A-Za-z0-9_-]+/g, '_'));
			expect(nodeNameToToolName(name)).toMatch(/_in_WeChat_Official_Account$/);
			expect(nodeNameToToolName(name).length).toBeLessThanOrEqual(64);
		},
	);

	it('a node renamed in Chinese becomes the tool "_" (why the example and the docs use ASCII names)', () => {
		expect(nodeNameToToolName('微信公众号数据')).toBe('_');
		expect(nodeNameToToolName('WeChat 文章阅读')).toBe('WeChat_');
		expect(nodeNameToToolName('WeChat follower growth')).toBe('WeChat_follower_growth');
	});

	it('every Tool Description parameter is shown only in the tool variant and only for its own operation', () => {
		const props = base.properties.filter((p) => p.name === 'toolDescription') as INodeProperties[];
		expect(props).toHaveLength(DATACUBE_APIS.length + 2);
		for (const p of props) expect(p.displayOptions?.show?.['@tool']).toEqual([true]);
	});
});
