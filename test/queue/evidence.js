'use strict';
/**
 * Where the queue-mode test reads what happened: the HTTP answers of the webhook calls, n8n's executions in
 * Postgres, the workers' logs ("Worker started execution N (job M)"), and the simulator's request log.
 */
const path = require('node:path');
const { request } = require('../../scripts/lib/http');
const { isTokenCall, isDatacubeCall } = require('../../scripts/lib/simulator');

const TOKEN_REJECTED = new Set([40001, 42001, 40014]);

/** The `pg` client module that the n8n app itself uses. */
function pgModule(app) {
	const n8nDir = path.dirname(require.resolve('n8n/package.json', { paths: [app.N8N_APP_DIR] }));
	return require(require.resolve('pg', { paths: [n8nDir] }));
}

/** Runs one query on a fresh connection; resolves rows. */
async function query(app, connection, sql, params = []) {
	const { Client } = pgModule(app);
	const client = new Client(connection);
	await client.connect();
	try {
		return (await client.query(sql, params)).rows;
	} finally {
		await client.end();
	}
}

/** The error message of a failed execution, from its data in Postgres (n8n stores it in flatted JSON). */
async function executionError(app, connection, id) {
	const rows = await query(app, connection, 'SELECT data FROM execution_data WHERE "executionId" = $1', [id]);
	if (!rows.length) return `execution ${id}: no data`;
	const n8nDir = path.dirname(require.resolve('n8n/package.json', { paths: [app.N8N_APP_DIR] }));
	const flatted = require(require.resolve('flatted', { paths: [n8nDir] }));
	const error = flatted.parse(rows[0].data).resultData.error;
	if (!error) return `execution ${id}: no error recorded`;
	const node = error.node && error.node.name ? ` (node "${error.node.name}")` : '';
	return `${error.message}${node}${error.description ? `: ${error.description}` : ''}`;
}

/**
 * Fires `count` POSTs at a webhook at once. Resolves { wallMs, calls: [{ status, json, text, ms, error }] }:
 * wallMs runs from the first request to the last answer.
 */
async function fireAtOnce(url, count, { timeoutMs = 300000 } = {}) {
	const t0 = Date.now();
	const calls = await Promise.all(
		Array.from({ length: count }, async () => {
			const started = Date.now();
			try {
				const res = await request('POST', url, { body: {}, timeoutMs });
				return { status: res.status, json: res.json, text: res.text, ms: Date.now() - started };
			} catch (error) {
				return { status: 0, error: error.message, ms: Date.now() - started };
			}
		}),
	);
	return { wallMs: Date.now() - t0, calls };
}

/** Executions of a workflow with an id above afterId, oldest first: [{ id, status, mode }]. */
async function executionsSince(app, connection, workflowId, afterId) {
	const rows = await query(
		app,
		connection,
		'SELECT id, status, mode FROM execution_entity WHERE "workflowId" = $1 AND id > $2 ORDER BY id',
		[workflowId, afterId],
	);
	return rows.map((row) => ({ id: Number(row.id), status: row.status, mode: row.mode }));
}

/** The highest execution id so far (0 when none). */
async function lastExecutionId(app, connection) {
	const rows = await query(app, connection, 'SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity');
	return Number(rows[0].id);
}

/** A workflow's static data as n8n stored it in Postgres (null when none). */
async function workflowStaticData(app, connection, workflowId) {
	const rows = await query(app, connection, 'SELECT "staticData" AS data FROM workflow_entity WHERE id = $1', [
		workflowId,
	]);
	const data = rows.length ? rows[0].data : null;
	return typeof data === 'string' ? JSON.parse(data) : data;
}

/** The static data an execution started from (the workflow copy n8n stored with it). */
async function executionStaticData(app, connection, executionId) {
	const rows = await query(
		app,
		connection,
		'SELECT "workflowData" AS data FROM execution_data WHERE "executionId" = $1',
		[executionId],
	);
	const data = rows.length ? rows[0].data : null;
	const workflow = typeof data === 'string' ? JSON.parse(data) : data;
	return workflow ? workflow.staticData : undefined;
}

/**
 * The values n8n's deduplication store (table processed_data, behind this.helpers.checkProcessedAndRecord)
 * holds for the workflow in one context ('' for scope workflow, 'n:<node id>' for scope node): n8n stores each
 * value as the base64 MD5 of its text.
 */
async function processedDataHashes(app, connection, workflowId, context = '') {
	const rows = await processedDataRows(app, connection, workflowId);
	const row = rows.find((r) => r.context === context);
	return row && Array.isArray(row.value.data) ? row.value.data : [];
}

/** Every row of processed_data of the workflow: [{ context, value: { mode, data } }]. */
async function processedDataRows(app, connection, workflowId) {
	const rows = await query(
		app,
		connection,
		'SELECT context, value FROM processed_data WHERE "workflowId" = $1 ORDER BY context',
		[workflowId],
	);
	return rows.map((row) => ({
		context: row.context,
		value: typeof row.value === 'string' ? JSON.parse(row.value) : row.value,
	}));
}

/** Sets a workflow's static data in Postgres, as n8n saves it (what a trigger or another node keeps there). */
async function setWorkflowStaticData(app, connection, workflowId, data) {
	await query(app, connection, 'UPDATE workflow_entity SET "staticData" = $2 WHERE id = $1', [
		workflowId,
		JSON.stringify(data),
	]);
}

/** Waits until n executions after afterId have finished (a webhook answer can come before the worker stores the end). */
async function waitForExecutions(app, connection, workflowId, afterId, n, { timeoutMs = 60000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await executionsSince(app, connection, workflowId, afterId);
		const finished = executions.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		if (finished.length >= n || Date.now() > deadline) return executions;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Execution ids that a worker's log text says it started. */
function startedByWorker(logText) {
	return [...logText.matchAll(/Worker started execution (\d+) \(job/g)].map((m) => Number(m[1]));
}

/**
 * Token figures of a slice of the simulator's request log: calls to the token endpoints, datacube calls,
 * how many of those WeChat rejected for the token (40001 invalid, 42001 expired), and the expiries the
 * simulator's expireTokenEvery caused (every Nth accepted datacube call expires all tokens).
 */
function tokenFigures(log, { expireEvery = 0 } = {}) {
	const tokenCalls = log.filter(isTokenCall);
	const datacube = log.filter(isDatacubeCall);
	const rejected = datacube.filter((entry) => TOKEN_REJECTED.has(entry.errcode));
	const accepted = datacube.length - rejected.length;
	const firstRejection = log.findIndex((entry) => isDatacubeCall(entry) && TOKEN_REJECTED.has(entry.errcode));
	return {
		tokenCalls: tokenCalls.length,
		tokenCallsBeforeFirstRejection: (firstRejection < 0 ? log : log.slice(0, firstRejection)).filter(isTokenCall)
			.length,
		forceRefresh: tokenCalls.filter((entry) => entry.body && entry.body.force_refresh === true).length,
		datacubeCalls: datacube.length,
		rejected: rejected.length,
		rejected42001: rejected.filter((entry) => entry.errcode === 42001).length,
		rejected40001: rejected.filter((entry) => entry.errcode === 40001).length,
		expiries: expireEvery > 0 ? Math.floor(accepted / expireEvery) : 0,
		tokensUsed: new Set(datacube.map((entry) => entry.token).filter(Boolean)).size,
	};
}

module.exports = {
	pgModule,
	query,
	executionError,
	workflowStaticData,
	executionStaticData,
	processedDataHashes,
	processedDataRows,
	setWorkflowStaticData,
	fireAtOnce,
	executionsSince,
	lastExecutionId,
	waitForExecutions,
	startedByWorker,
	tokenFigures,
};
