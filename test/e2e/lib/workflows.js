/**
 * Workflows of the e2e run (n8n's export format, imported with `n8n import:workflow`) and runnable copies
 * of the examples/ workflows.
 */
const NODE_TYPE = 'n8n-nodes-wechat-analytics.weChatOfficialAccount';
const CREDENTIAL_TYPE = 'weChatOfficialAccountApi';
const CREDENTIAL = { id: 'wechatSimCred01', name: 'WeChat (local simulator)' };
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const SCHEDULE_TRIGGER = 'n8n-nodes-base.scheduleTrigger';

/** The seven operations, each on a range whose rows and number of requests are known. */
const SEVEN_OPERATIONS = [
	{ operation: 'getDaily', endpoint: 'getupstreammsg', begin: '2024-01-01', end: '2024-04-09', requests: 15 },
	{ operation: 'getHourly', endpoint: 'getupstreammsghour', begin: '2024-02-28', end: '2024-03-01', requests: 3 },
	{ operation: 'getWeekly', endpoint: 'getupstreammsgweek', begin: '2024-01-03', end: '2024-04-06', requests: 3 },
	{ operation: 'getMonthly', endpoint: 'getupstreammsgmonth', begin: '2023-10-01', end: '2024-11-03', requests: 13 },
	{ operation: 'getDailyDistribution', endpoint: 'getupstreammsgdist', begin: '2024-01-01', end: '2024-02-09', requests: 3 },
	{ operation: 'getWeeklyDistribution', endpoint: 'getupstreammsgdistweek', begin: '2024-01-01', end: '2024-03-10', requests: 2 },
	{ operation: 'getMonthlyDistribution', endpoint: 'getupstreammsgdistmonth', begin: '2023-12-15', end: '2024-06-30', requests: 6 },
];

function wechatNode(name, parameters, position, extra = {}) {
	return {
		id: `e2e-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: { resource: 'messageSummary', options: {}, ...parameters },
		credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } },
		...extra,
	};
}

/** Manual Trigger fanning out to the given WeChat nodes. */
function manualWorkflow(id, name, wechatNodes) {
	return {
		id,
		name,
		nodes: [{ id: `${id}-start`, name: 'Start', type: MANUAL_TRIGGER, typeVersion: 1, position: [0, 0], parameters: {} }, ...wechatNodes],
		connections: { Start: { main: [wechatNodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		pinData: {},
		active: false,
	};
}

const TEST_WORKFLOWS = {
	sevenOperations: manualWorkflow(
		'e2eSevenOps00001',
		'e2e: the seven operations',
		SEVEN_OPERATIONS.map((op, i) =>
			wechatNode(
				op.operation,
				{ operation: op.operation, dateRange: 'custom', beginDate: op.begin, endDate: op.end, options: { addReadableFields: false } },
				[300, i * 160],
			),
		),
	),
	afterExpiry: manualWorkflow('e2eAfterExpiry01', 'e2e: token expired in WeChat', [
		wechatNode(
			'getHourly 12 days',
			{ operation: 'getHourly', dateRange: 'custom', beginDate: '2024-01-01', endDate: '2024-01-12', options: { addReadableFields: false, parallelRequests: 4 } },
			[300, 0],
		),
	]),
	badInput: manualWorkflow('e2eBadInput00001', 'e2e: impossible Begin Date', [
		wechatNode('Bad Begin Date', { operation: 'getDaily', dateRange: 'custom', beginDate: '2024-02-30', endDate: '2024-03-05' }, [300, 0]),
	]),
	wechatError: manualWorkflow('e2eWeChatErr0001', 'e2e: WeChat answers errcode 48001', [
		wechatNode('Unverified account', { operation: 'getDaily', dateRange: 'custom', beginDate: '2024-01-01', endDate: '2024-01-20', options: { parallelRequests: 1 } }, [300, 0]),
	]),
};

/** The credential file for `n8n import:credentials`: plain data, which n8n encrypts on import. */
function credentialsFile(sim) {
	return [
		{
			...CREDENTIAL,
			type: CREDENTIAL_TYPE,
			data: { appId: sim.appId, appSecret: sim.appSecret, baseUrl: sim.url, tokenEndpoint: 'stable', allowInsecureHttp: false },
		},
	];
}

/**
 * A copy of an example that `n8n execute` can run here: its Schedule Trigger becomes a Manual Trigger of
 * the same name (n8n's CLI starts only from a Manual Trigger), and the nodes that need third-party
 * credentials (Google Sheets, Slack, Postgres) are left out with their connections. The WeChat nodes, the
 * Merge and the Code node run as they are, with the example's credential reference.
 */
function runnableCopy(example, id) {
	const external = new Set(
		example.nodes.filter((node) => Object.keys(node.credentials || {}).some((type) => type !== CREDENTIAL_TYPE)).map((node) => node.name),
	);
	const nodes = example.nodes
		.filter((node) => !external.has(node.name))
		.map((node) =>
			node.type === SCHEDULE_TRIGGER ? { id: node.id, name: node.name, type: MANUAL_TRIGGER, typeVersion: 1, position: node.position, parameters: {} } : { ...node },
		);
	const connections = {};
	for (const [from, byType] of Object.entries(example.connections)) {
		if (external.has(from)) continue;
		connections[from] = {};
		for (const [type, outputs] of Object.entries(byType)) {
			connections[from][type] = outputs.map((targets) => (targets || []).filter((target) => !external.has(target.node)));
		}
	}
	return { workflow: { ...example, id, name: `e2e runnable copy: ${example.name}`, nodes, connections, active: false }, leftOut: [...external] };
}

/** China calendar helpers on 'YYYY-MM-DD' strings. */
const DAY = 86400000;
const toDay = (date) => Date.parse(`${date}T00:00:00Z`) / DAY;
const fromDay = (day) => new Date(day * DAY).toISOString().slice(0, 10);
function lastWeek(today) {
	const day = toDay(today);
	const monday = day - ((((day + 3) % 7) + 7) % 7); // 1970-01-01 was a Thursday
	return { begin: fromDay(monday - 7), end: fromDay(monday - 1) };
}

module.exports = {
	NODE_TYPE,
	CREDENTIAL_TYPE,
	CREDENTIAL,
	SEVEN_OPERATIONS,
	TEST_WORKFLOWS,
	credentialsFile,
	runnableCopy,
	lastWeek,
};
