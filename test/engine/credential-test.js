'use strict';
// Mimics n8n's CredentialsTester.testCredentials (packages/cli/src/services/credentials-tester.service.ts)
// for credential types that declare `test: ICredentialTestRequest`. n8n-core exports no tester of its own,
// but the parts it uses are n8n-core's: the test request runs through a temporary declarative node
// (RoutingNode + ExecuteContext), so httpRequestWithAuthentication -> credentialsHelper.preAuthentication
// -> authenticate -> HTTP. The temp node's type is the loaded No Op class's description.name, which n8n's
// loader leaves unprefixed ('noOp': n8n-core/dist/nodes-loader/directory-loader.js loadNodeFromFile), so
// n8n 2.41.1's credentialsHelper never sees it as a test (isTestingCredentials wants
// 'n8n-nodes-base.noOp'): preAuthentication runs only when the token field is empty. Seen in the real app
// (test/e2e/checks/76-credential-test-rest.js). Returns { status: 'OK' | 'Error', message }.
const { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } = require('n8n-core');
const { Workflow, NodeHelpers } = require('n8n-workflow');
const { buildAdditionalData } = require('./additional-data');

/** description.name of n8n-nodes-base's NoOp class as n8n's loader keeps it. */
const LOADED_NO_OP_NAME = 'noOp';

// lodash.get for the 'a.b.c' keys n8n allows in responseSuccessBody rules
const getPath = (object, key) =>
	String(key)
		.split('.')
		.reduce((value, part) => value?.[part], object);

async function testCredential(engine, typeName, data, { id, name } = {}) {
	const type = engine.getCredentialType(typeName);
	if (!type) return { status: 'Error', message: `Unknown credential type "${typeName}"` };
	if (!type.test) return { status: 'Error', message: 'No testing function found for this credential.' };
	const helper = engine.credentials;
	const rawData = data ?? (id !== undefined ? helper.get(id) : undefined) ?? {};
	const credentialsDecrypted = {
		id,
		name: name ?? `${typeName} account`,
		type: typeName,
		data: helper.applyDefaults(typeName, structuredClone(rawData)),
	};

	const noOp = NodeHelpers.getVersionedNodeType(engine.nodeTypeRegistry.getByName('n8n-nodes-base.noOp'));
	const nodeTypeCopy = {
		description: {
			...noOp.description,
			name: LOADED_NO_OP_NAME,
			credentials: [{ name: typeName, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: type.test.request }, default: '' },
			],
		},
	};
	const nodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeTypeCopy.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [typeName]: { id, name: credentialsDecrypted.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', 'credential-test', {
		id: 'temp',
		name: 'temp',
		nodes: [node],
		connections: {},
		active: false,
	});
	const additionalData = buildAdditionalData({ credentialsHelper: helper, hooks, executionId: 'credential-test' });
	const runExecutionData = { resultData: { runData: {} } };
	const context = new ExecuteContext(
		workflow,
		workflow.getNode('Temp-Node'),
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response;
	try {
		response = await new RoutingNode(context, nodeTypeCopy, credentialsDecrypted).runNode();
	} catch (error) {
		const httpResponse = error.cause?.response;
		if (httpResponse) {
			for (const rule of type.test.rules ?? []) {
				if (rule.type === 'responseCode' && httpResponse.status === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (httpResponse.status < 199 || httpResponse.status > 299) {
				return {
					status: 'Error',
					message: httpResponse.statusText || `Received HTTP status code: ${httpResponse.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of type.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			if (getPath(response?.[0]?.[0]?.json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { testCredential };
