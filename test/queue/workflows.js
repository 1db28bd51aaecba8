'use strict';
/**
 * What the queue-mode test imports into n8n: the credentials (one per token endpoint, both on the simulator's
 * account), the webhook workflow that runs the node, a webhook copy of the hourly-backfill Postgres example, and
 * the "Since Last Run" workflow (imported only once the node offers that date range).
 */
const fs = require('node:fs');
const path = require('node:path');
const { NODE_TYPE, CREDENTIAL_TYPE, EXAMPLES_DIR, simCredentialData } = require('../../scripts/lib/entities');

/** The range every webhook execution fetches: 60 days of getDaily (WeChat serves 7 days per request: 9 requests). */
const RANGE = Object.freeze({
	operation: 'getDaily',
	endpoint: 'getupstreammsg',
	begin: '2024-01-01',
	end: '2024-02-29',
	days: 60,
});

/** The credential field that chooses the token endpoint, and its two values (read from the built credential). */
function tokenEndpointField(repo) {
	const file = path.join(repo, 'dist', 'credentials', 'WeChatOfficialAccountApi.credentials.js');
	const { WeChatOfficialAccountApi } = require(file);
	const properties = new WeChatOfficialAccountApi().properties;
	const field = properties.find((p) => p.type === 'options' && (p.options || []).some((o) => o.value === 'stable'));
	if (!field) throw new Error(`${file}: no options field with a 'stable' value (the token endpoint)`);
	const values = field.options.map((o) => o.value);
	const classic = values.find((v) => v !== 'stable');
	return { name: field.name, stable: 'stable', classic };
}

const CREDENTIALS = Object.freeze({
	stable: { id: 'queueStableCred1', name: 'WeChat (simulator, stable token)' },
	classic: { id: 'queueClassicCred', name: 'WeChat (simulator, classic token)' },
	postgres: { id: 'queuePostgres001', name: 'Postgres (test cluster)' },
});

/** Plain credentials for `n8n import:credentials`: WeChat on both token endpoints, and the Postgres node's. */
function credentials(sim, field, pg) {
	const base = simCredentialData(sim);
	delete base.tokenEndpoint;
	const wechat = (which) => ({
		...CREDENTIALS[which],
		type: CREDENTIAL_TYPE,
		data: { ...base, [field.name]: field[which] },
	});
	return [
		wechat('stable'),
		wechat('classic'),
		{
			...CREDENTIALS.postgres,
			type: 'postgres',
			data: {
				host: pg.host,
				port: pg.port,
				database: pg.database,
				user: pg.user,
				password: pg.password,
				ssl: 'disable',
				allowUnauthorizedCerts: false,
			},
		},
	];
}

const credentialRef = (which) => ({ [CREDENTIAL_TYPE]: { ...CREDENTIALS[which] } });

function webhookNode(name, webhookPath, position, responseData = 'allEntries') {
	return {
		id: `queue-hook-${webhookPath}`,
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position,
		webhookId: `queue-${webhookPath}`,
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData, options: {} },
	};
}

/** A workflow in n8n's export format (China time zone, like the examples), not yet published. */
function workflowOf(id, name, nodes, connections) {
	return {
		id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		pinData: {},
		active: false,
	};
}

/** Connects each node's main output to the next node's input. */
function chain(connections, ...nodes) {
	for (let i = 0; i + 1 < nodes.length; i += 1)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
}

/** Webhook paths of the load workflow, one per token endpoint. */
const PATHS = Object.freeze({
	stable: 'wechat-60-days-stable',
	classic: 'wechat-60-days-classic',
	backfill: 'wechat-hourly-backfill',
	sinceLastRun: 'wechat-since-last-run',
	sinceLastRunOverlap: 'wechat-since-last-run-overlap',
	sinceLastRunPlain: 'wechat-since-last-run-plain',
});

/**
 * One workflow, one branch per token endpoint: Webhook (responds with the last node's items) → WeChat Get Daily
 * of RANGE. A webhook execution runs only the branch of the webhook that was called.
 */
function loadWorkflow() {
	const nodes = [];
	const connections = {};
	['stable', 'classic'].forEach((which, i) => {
		const hook = webhookNode(`Webhook (${which})`, PATHS[which], [0, i * 200]);
		const wechat = {
			id: `queue-wechat-${which}`,
			name: `WeChat 60 days (${which})`,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [260, i * 200],
			parameters: {
				resource: 'messageSummary',
				operation: RANGE.operation,
				dateRange: 'custom',
				beginDate: RANGE.begin,
				endDate: RANGE.end,
				options: { addReadableFields: false },
			},
			credentials: credentialRef(which),
		};
		nodes.push(hook, wechat);
		chain(connections, hook, wechat);
	});
	return workflowOf('queueLoad0000001', 'queue: 60 days of getDaily per webhook call', nodes, connections);
}

const BACKFILL_FILE = path.join(EXAMPLES_DIR, 'hourly-backfill-to-postgres.json');

/** The example as shipped. */
const readBackfillExample = () => JSON.parse(fs.readFileSync(BACKFILL_FILE, 'utf8'));

/** The CREATE TABLE statement of the example's sticky note (the SQL a user runs). */
function backfillTableSql(example) {
	const note = example.nodes.find((node) => node.type === 'n8n-nodes-base.stickyNote');
	const match = note && /```sql\n([\s\S]*?)```/.exec(note.parameters.content);
	if (!match) throw new Error('the example has no ```sql block in its sticky note');
	return match[1];
}

/**
 * The example as a queue-mode workflow: its Manual Trigger becomes a Webhook of the same name (a worker runs it;
 * the call answers when the Postgres node is done), its credentials point at this run's. Everything else is the
 * file's.
 */
function backfillWorkflow(example) {
	const nodes = example.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.manualTrigger')
			return { ...webhookNode(node.name, PATHS.backfill, node.position, 'noData'), id: node.id };
		if (node.type === NODE_TYPE) return { ...node, credentials: credentialRef('stable') };
		if (node.type === 'n8n-nodes-base.postgres')
			return { ...node, credentials: { postgres: { ...CREDENTIALS.postgres } } };
		return node;
	});
	return { ...example, id: 'queueBackfill001', name: `queue: ${example.name}`, nodes, active: false };
}

/** Does the built node offer the "Since Last Run" date range? */
function nodeHasSinceLastRun(repo) {
	const file = path.join(repo, 'dist', 'nodes', 'WeChatOfficialAccount', 'WeChatOfficialAccount.node.js');
	const { WeChatOfficialAccount } = require(file);
	const dateRange = new WeChatOfficialAccount().description.properties.find((p) => p.name === 'dateRange');
	return Boolean(dateRange && (dateRange.options || []).some((o) => o.value === 'sinceLastRun'));
}

/**
 * Three branches (own node ids, so own cursors): Webhook → WeChat Get Daily with Date Range "Since Last Run"
 * (lookbackDays days on the first run) → Confirm Delivery (the node's delivery resource; it passes the items
 * through, so the webhook answers with the rows), and a branch without Confirm Delivery (Wait for Confirm
 * Delivery left at its default). Each call delivers the days after the cursor that earlier executions, on
 * whichever worker, stored in n8n's deduplication store. Branch "sinceLastRun" is called one at a time,
 * "sinceLastRunOverlap" twice at once, "sinceLastRunPlain" one at a time.
 */
function sinceLastRunWorkflow(lookbackDays) {
	const nodes = [];
	const connections = {};
	['sinceLastRun', 'sinceLastRunOverlap', 'sinceLastRunPlain'].forEach((branch, i) => {
		const hook = webhookNode(`Webhook (${branch})`, PATHS[branch], [0, i * 200]);
		const confirmed = branch !== 'sinceLastRunPlain';
		const wechat = {
			id: fetchNodeId(branch),
			name: `WeChat (${branch})`,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [260, i * 200],
			parameters: {
				resource: 'messageSummary',
				operation: 'getDaily',
				dateRange: 'sinceLastRun',
				lookbackDays,
				...(confirmed ? { waitForConfirmation: true } : {}),
				options: { addReadableFields: false },
			},
			credentials: credentialRef('stable'),
		};
		if (!confirmed) {
			nodes.push(hook, wechat);
			chain(connections, hook, wechat);
			return;
		}
		const confirm = {
			id: `queue-confirm-${PATHS[branch]}`,
			name: `Confirm delivery (${branch})`,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [520, i * 200],
			parameters: { resource: 'delivery', operation: 'confirm' },
			credentials: credentialRef('stable'),
		};
		nodes.push(hook, wechat, confirm);
		chain(connections, hook, wechat, confirm);
	});
	return workflowOf('queueSinceLast01', 'queue: since last run', nodes, connections);
}

/** The id of a branch's WeChat node: its cursor is the row `n:<id>` of processed_data. */
const fetchNodeId = (branch) => `queue-wechat-${PATHS[branch]}`;

/** What other nodes of the workflow keep in its static data (a Schedule Trigger's recurrence, a Code node's state). */
const OTHER_STATIC_DATA = Object.freeze({
	'node:Every day at 09:00': { recurrenceRules: [9] },
	global: { lastReportSent: '2026-11-25' },
});

module.exports = {
	RANGE,
	PATHS,
	CREDENTIALS,
	BACKFILL_FILE,
	tokenEndpointField,
	credentials,
	loadWorkflow,
	readBackfillExample,
	backfillTableSql,
	backfillWorkflow,
	nodeHasSinceLastRun,
	sinceLastRunWorkflow,
	fetchNodeId,
	OTHER_STATIC_DATA,
};
