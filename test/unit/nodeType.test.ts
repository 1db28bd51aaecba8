/**
 * The node type as saved workflows and n8n's engine see it: the type name every workflow references
 * (the examples and the codex file), and which credential n8n treats as in use (n8n-workflow's
 * NodeHelpers.getActiveCredentialTypes, the check n8n-core's getCredentials makes with displayParameter):
 * the package's WeChat credential, required for every resource except Confirm Delivery, which
 * sends nothing to WeChat.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeHelpers, type INode, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';
import { WeChatOfficialAccountApi } from '../../credentials/WeChatOfficialAccountApi.credentials';
import { WeChatOfficialAccount } from '../../nodes/WeChatOfficialAccount/WeChatOfficialAccount.node';
import { resolved } from './support/toolVariant';

const root = path.join(__dirname, '../..');
const PACKAGE = 'n8n-nodes-wechat-analytics';

/** The node's description as n8n reads it from a fresh instance (made inside each test). */
const describeNode = () => new WeChatOfficialAccount().description;

const node = (base: INodeTypeDescription, parameters: INodeParameters): INode =>
	({
		id: 'n1',
		name: 'WeChat Official Account',
		type: `${PACKAGE}.${base.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: resolved(base, parameters),
	}) as INode;

describe('the node type', () => {
	it('has the type name that the example workflows and the codex file reference', () => {
		const base = describeNode();
		const codex = JSON.parse(
			fs.readFileSync(path.join(root, 'nodes/WeChatOfficialAccount/WeChatOfficialAccount.node.json'), 'utf8'),
		) as { node: string };
		expect(codex.node).toBe(`${PACKAGE}.${base.name}`);
		const types = new Set<string>();
		for (const file of fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json'))) {
			const workflow = JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8')) as {
				nodes: Array<{ type: string }>;
			};
			for (const { type } of workflow.nodes) if (type.startsWith(`${PACKAGE}.`)) types.add(type);
		}
		expect([...types].sort()).toEqual([`${PACKAGE}.weChatOfficialAccount`, `${PACKAGE}.weChatOfficialAccountTool`]);
		expect(base.name).toBe('weChatOfficialAccount');
	});

	it('connects like the example workflows do: one main input, one main output', () => {
		const base = describeNode();
		const workflow = { expression: {} } as never;
		const regular = node(base, { resource: 'userAnalysis', operation: 'getUserSummary' });
		expect(NodeHelpers.getConnectionTypes(NodeHelpers.getNodeInputs(workflow, regular, base))).toEqual(['main']);
		expect(NodeHelpers.getConnectionTypes(NodeHelpers.getNodeOutputs(workflow, regular, base))).toEqual(['main']);
		const file = JSON.parse(fs.readFileSync(path.join(root, 'examples/daily-to-google-sheets.json'), 'utf8')) as {
			nodes: Array<{ name: string; type: string }>;
			connections: Record<string, Record<string, unknown>>;
		};
		const ours = file.nodes.find((n) => n.type === `${PACKAGE}.${base.name}`)!.name;
		expect(Object.keys(file.connections[ours])).toEqual(['main']);
		expect(
			Object.values(file.connections).some((byType) => JSON.stringify(byType.main ?? []).includes(`"node":"${ours}"`)),
		).toBe(true);
	});

	it.each([
		['userAnalysis', 'getUserSummary'],
		['report', 'getAccountReport'],
		['account', 'check'],
	])('%s: uses the WeChat credential, and it is required', (resource, operation) => {
		const base = describeNode();
		expect(NodeHelpers.getActiveCredentialTypes(node(base, { resource, operation }), base)).toEqual(
			new Set([new WeChatOfficialAccountApi().name]),
		);
		expect(base.credentials?.find((credential) => credential.name === 'weChatOfficialAccountApi')?.required).toBe(true);
	});

	it('Confirm Delivery: no credential in use (it sends nothing to WeChat)', () => {
		const base = describeNode();
		expect(
			NodeHelpers.getActiveCredentialTypes(node(base, { resource: 'delivery', operation: 'confirm' }), base),
		).toEqual(new Set());
	});
});
