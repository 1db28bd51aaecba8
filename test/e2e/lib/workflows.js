/**
 * Building blocks of the e2e's workflows (n8n's export format, imported with `n8n import:workflow`): the WeChat
 * node, a Manual Trigger workflow around it, and runnable copies of the examples/ workflows.
 */
const { NODE_TYPE, CREDENTIAL_TYPE, SIM_CREDENTIAL } = require('../../../scripts/lib/entities');

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const SCHEDULE_TRIGGER = 'n8n-nodes-base.scheduleTrigger';

function wechatNode(name, parameters, position, extra = {}) {
	return {
		id: `e2e-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: { resource: 'messageSummary', options: {}, ...parameters },
		credentials: { [CREDENTIAL_TYPE]: { ...SIM_CREDENTIAL } },
		...extra,
	};
}

/** Manual Trigger fanning out to the given WeChat nodes. */
function manualWorkflow(id, name, wechatNodes) {
	return {
		id,
		name,
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: MANUAL_TRIGGER, typeVersion: 1, position: [0, 0], parameters: {} },
			...wechatNodes,
		],
		connections: { Start: { main: [wechatNodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		pinData: {},
		active: false,
	};
}

/** A workflow with one WeChat node on a custom range: the common shape of a check's test workflow. */
function oneNodeWorkflow(id, name, nodeName, parameters) {
	return manualWorkflow(id, name, [wechatNode(nodeName, { dateRange: 'custom', ...parameters }, [300, 0])]);
}

/**
 * A copy of an example that `n8n execute` can run here: its Schedule Trigger becomes a Manual Trigger of
 * the same name (n8n's CLI starts only from a Manual Trigger), and the nodes that need third-party
 * credentials (Google Sheets, Slack, Postgres) are left out with their connections. The WeChat nodes, the
 * Merge and the Code node run as they are, with the example's credential reference.
 */
function runnableCopy(example, id) {
	const external = new Set(
		example.nodes
			.filter((node) => Object.keys(node.credentials || {}).some((type) => type !== CREDENTIAL_TYPE))
			.map((node) => node.name),
	);
	const nodes = example.nodes
		.filter((node) => !external.has(node.name))
		.map((node) =>
			node.type === SCHEDULE_TRIGGER
				? {
						id: node.id,
						name: node.name,
						type: MANUAL_TRIGGER,
						typeVersion: 1,
						position: node.position,
						parameters: {},
					}
				: { ...node },
		);
	const connections = {};
	for (const [from, byType] of Object.entries(example.connections)) {
		if (external.has(from)) continue;
		connections[from] = {};
		for (const [type, outputs] of Object.entries(byType)) {
			connections[from][type] = outputs.map((targets) =>
				(targets || []).filter((target) => !external.has(target.node)),
			);
		}
	}
	return {
		workflow: { ...example, id, name: `e2e runnable copy: ${example.name}`, nodes, connections, active: false },
		leftOut: [...external],
	};
}

/** China calendar helpers on 'YYYY-MM-DD' strings. */
const DAY = 86400000;
const toDay = (date) => Date.parse(`${date}T00:00:00Z`) / DAY;
const fromDay = (day) => new Date(day * DAY).toISOString().slice(0, 10);
/** The node's "Last Week": the latest Monday-to-Sunday week ending on or before the latest day WeChat serves. */
function lastWeek(latestDay) {
	const day = toDay(latestDay) + 1;
	const monday = day - ((((day + 3) % 7) + 7) % 7); // 1970-01-01 was a Thursday
	return { begin: fromDay(monday - 7), end: fromDay(monday - 1) };
}

module.exports = { wechatNode, manualWorkflow, oneNodeWorkflow, runnableCopy, lastWeek };
