'use strict';
/**
 * What npm start puts into n8n: the owner account (set at boot from the environment), the credential
 * "WeChat (local simulator)", the demo workflow and every examples/*.json. Entities are imported only when new,
 * changed since the last import, or missing from the database (deleted in the editor): edits made in the editor
 * survive a restart until their file changes (--reimport: all). Fixed ids make every import an update.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { SIM_CREDENTIAL, simCredential, readExamples, isWorkflow, stableWorkflowId } = require('../lib/entities');
const { n8nCli, importCredentials, importWorkflows, importedLine, ownerEnv } = require('../lib/n8nApp');
const { StartError } = require('./args');
const { readJson } = require('./provision');

const DEMO_FILE = path.join(__dirname, 'demo-workflow.json');
const DEMO_WORKFLOW = Object.freeze(require(DEMO_FILE));
const STAMP_NAME = 'wechat-demo-import.json';
const STAMP_VERSION = 2;

/** The owner account's settings for `n8n start`. */
const ownerSettings = (app, opts) => ownerEnv(app, { email: opts.email, password: opts.password });

/** The workflows to import: the demo plus every examples/*.json (ids made fixed, never activated). */
function workflowsToImport(warn) {
	const list = [{ file: path.relative(path.join(__dirname, '..', '..'), DEMO_FILE), workflow: DEMO_WORKFLOW }];
	for (const { file, workflow } of readExamples()) {
		if (!isWorkflow(workflow)) {
			warn(`examples/${file} is not an n8n workflow export (needs nodes and connections); skipped`);
			continue;
		}
		list.push({
			file: path.join('examples', file),
			workflow: { ...workflow, id: stableWorkflowId(workflow, file), active: false },
		});
	}
	const seen = new Map();
	for (const { file, workflow } of list) {
		if (seen.has(workflow.id))
			throw new StartError(`${file} and ${seen.get(workflow.id)} have the same workflow id ${workflow.id}`);
		seen.set(workflow.id, file);
	}
	return list;
}

const sha = (value) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);

/**
 * Which of these ids are in n8n's database (workflows not archived)? Read-only query with Node 24's node:sqlite
 * (~0.2 s). Returns null when it cannot tell (no database yet, another DB type, a schema change).
 */
function presentInDb(app, env, credentialIds, workflowIds) {
	const dbFile = path.join(env.N8N_USER_FOLDER, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbFile) || (env.DB_TYPE && env.DB_TYPE !== 'sqlite')) return null;
	const script = `
		const { DatabaseSync } = require('node:sqlite');
		const db = new DatabaseSync(process.argv[1], { readOnly: true });
		const prefix = process.env.DB_TABLE_PREFIX || '';
		const ids = (sql) => db.prepare(sql).all().map((r) => r.id);
		process.stdout.write(JSON.stringify({
			credentials: ids('SELECT id FROM ' + prefix + 'credentials_entity'),
			workflows: ids('SELECT id FROM ' + prefix + 'workflow_entity WHERE isArchived = 0'),
		}));`;
	const res = spawnSync(app.NODE24, ['--no-warnings', '-e', script, dbFile], { env, encoding: 'utf8', timeout: 15000 });
	if (res.status !== 0) return null;
	try {
		const found = JSON.parse(res.stdout);
		return {
			credential: new Set(credentialIds.filter((id) => found.credentials.includes(id))),
			workflow: new Set(workflowIds.filter((id) => found.workflows.includes(id))),
		};
	} catch {
		return null;
	}
}

/**
 * Imports what is new, changed or missing with `n8n import:credentials` / `n8n import:workflow --separate` (each a
 * CLI boot of ~5-10 s). Resolves the list of workflows (demo first).
 */
async function importEntities(opts, app, env, sim, { log, warn }) {
	const credential = simCredential(sim);
	const workflows = workflowsToImport(warn);
	const stampFile = path.join(opts.userFolder, '.n8n', STAMP_NAME);
	const stamp = (!opts.reimport && readJson(stampFile)) || {};
	const imported = stamp.v === STAMP_VERSION ? stamp.imported || {} : {};
	const present = presentInDb(
		app,
		env,
		[credential.id],
		workflows.map((w) => w.workflow.id),
	);
	const hashes = { [`credential:${credential.id}`]: sha(credential) };
	for (const { workflow } of workflows) hashes[`workflow:${workflow.id}`] = sha(workflow);
	const isPresent = (key) => {
		const [kind, id] = key.split(/:(.*)/s);
		return present ? present[kind].has(id) : true;
	};
	const todo = new Set(
		Object.keys(hashes).filter((key) => opts.reimport || !present || imported[key] !== hashes[key] || !isPresent(key)),
	);
	if (!todo.size) {
		log(
			`credential and ${workflows.length} workflow(s) already imported and unchanged (--reimport imports them again)`,
		);
		return workflows;
	}
	if (!fs.existsSync(path.join(opts.userFolder, '.n8n', 'database.sqlite'))) {
		log('new n8n database: the first import also creates and migrates it (~10-20 s)');
	}
	const dir = path.join(opts.userFolder, 'import');
	fs.rmSync(dir, { recursive: true, force: true });
	const n8n = n8nCli(app, env);
	const checked = (result, what) => {
		const line = importedLine(result);
		if (result.code !== 0 || !line) {
			throw new StartError(
				`n8n ${result.command.split(' ')[1]} failed (exit ${result.code}):\n${result.output.trim().split('\n').slice(-15).join('\n')}`,
			);
		}
		log(`${what}: ${line} (${(result.ms / 1000).toFixed(1)} s)`);
	};
	const credKey = `credential:${credential.id}`;
	if (todo.has(credKey)) {
		// the App Secret stays only in n8n's encrypted database: importCredentials deletes its file
		checked(
			await importCredentials(n8n, [credential], dir),
			`credential "${SIM_CREDENTIAL.name}" (id ${SIM_CREDENTIAL.id})`,
		);
		imported[credKey] = hashes[credKey];
	}
	const wfTodo = workflows.filter(({ workflow }) => todo.has(`workflow:${workflow.id}`));
	if (wfTodo.length) {
		const result = await importWorkflows(
			n8n,
			wfTodo.map(({ workflow }) => ({ workflow })),
			path.join(dir, 'workflows'),
		);
		checked(result, `workflows ${wfTodo.map((w) => `"${w.workflow.name}"`).join(', ')}`);
		for (const { workflow } of wfTodo) imported[`workflow:${workflow.id}`] = hashes[`workflow:${workflow.id}`];
	}
	fs.writeFileSync(stampFile, JSON.stringify({ v: STAMP_VERSION, imported, at: new Date().toISOString() }, null, 2));
	return workflows;
}

module.exports = { DEMO_FILE, DEMO_WORKFLOW, ownerSettings, workflowsToImport, importEntities };
