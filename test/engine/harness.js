'use strict';
// Runs a BUILT n8n community package through n8n-core's real execution engine, in-process.
//   const { createEngine } = require('./test/engine/harness');
//   const engine = await createEngine({ packageDir: '/work/main' });
//   engine.credentials.set('cred-1', 'myApi', { ... });
//   const { data, error, runData } = await engine.run(workflowJson, { timezone: 'Asia/Shanghai' });
// See README.md in this folder for the full API.
const path = require('node:path');
const { BUILTIN_NODE_TYPES, HARNESS_INPUT_TYPE } = require('./builtin-nodes');

// HARNESS_PACKAGE_DIR runs the suites against another built copy of the package (e.g. an older commit, to see a test fail on it).
const DEFAULT_PACKAGE_DIR = process.env.HARNESS_PACKAGE_DIR
	? path.resolve(process.env.HARNESS_PACKAGE_DIR)
	: path.resolve(__dirname, '..', '..');

async function createEngine({ packageDir = DEFAULT_PACKAGE_DIR, logLevel } = {}) {
	// n8n's packages load with the first engine, not with this file: the mutation run
	// (test/mutation/all-suites.js) loads every suite and often runs none of the engine tests.
	const { setupContainer } = require('./container-setup');
	const { PackageDirectoryLoader, WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
	const { Workflow, NodeHelpers, UserError } = require('n8n-workflow');
	const { InMemoryCredentialsHelper } = require('./credentials-helper');
	const { buildAdditionalData } = require('./additional-data');
	const { summarizeRun } = require('./run-result');
	const { testCredential } = require('./credential-test');
	const { ProcessedData, bindProcessedData } = require('./processed-data');

	const { logger } = setupContainer({ logLevel });

	// exactly what n8n does for ~/.n8n/nodes/node_modules/<pkg> (LoadNodesAndCredentials.runDirectoryLoader)
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const prefix = `${loader.packageName}.`;

	const nodeTypeByName = { ...BUILTIN_NODE_TYPES };
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) nodeTypeByName[prefix + name] = type;
	const credentialTypeByName = {};
	for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentialTypeByName[name] = type;

	const nodeTypes = {
		getByName(type) {
			const nodeType = nodeTypeByName[type];
			if (!nodeType) {
				throw new UserError(`Unrecognized node type: ${type}`, {
					description: `Known: ${Object.keys(nodeTypeByName).join(', ')}`,
				});
			}
			return nodeType;
		},
		getByNameAndVersion(type, version) {
			return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
		},
		getKnownTypes() {
			return {};
		},
	};
	const credentialTypes = { get: (name) => credentialTypeByName[name] };
	const credentials = new InMemoryCredentialsHelper(credentialTypes);
	let runCounter = 0;

	const engine = {
		packageName: loader.packageName,
		packageDir: loader.directory,
		loader,
		/** full node type names from the package, e.g. 'n8n-nodes-wechat-analytics.weChatOfficialAccount' */
		nodeTypes: Object.keys(loader.nodeTypes).map((n) => prefix + n),
		/** credential type names from the package */
		credentialTypes: Object.keys(loader.credentialTypes),
		nodeTypeRegistry: nodeTypes,
		getNodeType: (type, version) => nodeTypes.getByNameAndVersion(type, version),
		getCredentialType: (name) => credentialTypeByName[name],
		credentials,
		logs: logger.lines,

		/**
		 * Runs a workflow JSON ({ nodes, connections, settings?, pinData? }) with WorkflowExecute.
		 * options: timezone, mode ('manual'), startNode (name), destinationNode (name), pinData,
		 *          variables ($vars), staticData, executionId,
		 *          processedData (a ProcessedData from ./processed-data: n8n's deduplication store; fresh if not given),
		 *          onExecution (called with n8n's cancelable execution promise: `.cancel()` is the Stop button)
		 * The result's `staticData` is the workflow's static data after the run; `savedStaticData` what n8n would
		 * save (the static data when the run changed it, else undefined: n8n saves nothing).
		 */
		async run(workflowJson, options = {}) {
			const workflowData = typeof workflowJson === 'string' ? JSON.parse(workflowJson) : structuredClone(workflowJson);
			const mode = options.mode ?? 'manual';
			const executionId = options.executionId ?? `harness-${++runCounter}`;
			const nodes = workflowData.nodes.map((node, i) => ({
				id: node.id ?? `node-${i}`,
				typeVersion: 1,
				position: [i * 200, 0],
				parameters: {},
				...node,
			}));
			const settings = { executionOrder: 'v1', ...workflowData.settings };
			if (options.timezone) settings.timezone = options.timezone;
			const pinData = options.pinData ?? workflowData.pinData;
			const workflow = new Workflow({
				id: workflowData.id ?? 'harness-workflow',
				name: workflowData.name ?? 'Harness workflow',
				nodes,
				connections: workflowData.connections ?? {},
				active: false,
				nodeTypes,
				staticData: options.staticData ?? workflowData.staticData,
				settings,
				pinData,
			});

			const processedData = await bindProcessedData(workflow, options.processedData ?? new ProcessedData());
			const hooks = new ExecutionLifecycleHooks(mode, executionId, {
				...workflowData,
				id: workflow.id,
				nodes,
				settings,
			});
			const executionOrder = [];
			hooks.addHandler('nodeExecuteAfter', (nodeName) => executionOrder.push(nodeName));
			// What n8n's hooks get to save after the run (workflowExecuteAfter's newStaticData): the static
			// data when the run changed it, else undefined (n8n then saves nothing).
			let savedStaticData;
			hooks.addHandler('workflowExecuteAfter', (_run, newStaticData) => {
				savedStaticData = newStaticData === undefined ? undefined : JSON.parse(JSON.stringify(newStaticData));
			});
			const additionalData = buildAdditionalData({
				credentialsHelper: credentials,
				hooks,
				executionId,
				variables: options.variables,
			});

			const startNode = options.startNode
				? workflow.getNode(options.startNode)
				: (nodes.find((n) => n.type === HARNESS_INPUT_TYPE && !n.disabled) ??
					workflow.getStartNode(options.destinationNode));
			const destinationNode = options.destinationNode
				? { nodeName: options.destinationNode, mode: 'inclusive' }
				: undefined;

			const started = Date.now();
			const execution = new WorkflowExecute(additionalData, mode).run({
				workflow,
				startNode,
				destinationNode,
				pinData,
			});
			options.onExecution?.(execution);
			const run = await execution;
			return {
				...summarizeRun(run),
				executionOrder,
				durationMs: Date.now() - started,
				run,
				staticData: JSON.parse(JSON.stringify(workflow.staticData ?? {})),
				savedStaticData,
				processedData,
			};
		},

		/** n8n's credential test (Credentials > Test) for `typeName` with `data`; see credential-test.js */
		async testCredential(typeName, data, options = {}) {
			return await testCredential(engine, typeName, data, options);
		},
	};
	return engine;
}

module.exports = { createEngine, DEFAULT_PACKAGE_DIR, HARNESS_INPUT_TYPE };
