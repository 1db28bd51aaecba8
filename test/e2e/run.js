#!/usr/bin/env node
/**
 * End to end in the real n8n app (2.41.1 on Node 24, provisioned by scripts/n8n-app/provision.sh):
 * the package's tarball installed the way n8n installs a community package into a fresh user folder, a
 * credential imported with `n8n import:credentials`, workflows imported with `n8n import:workflow` and run
 * with `n8n execute` / `n8n execute-batch` against the WeChat simulator (a child process on 127.0.0.1).
 * Asserts on the execution JSON and the simulator's request log. See test/e2e/README.md.
 *
 *   npm run test:e2e                 (builds first)
 *   node test/e2e/run.js             (uses the current dist/)
 *   E2E_KEEP=1 node test/e2e/run.js  (keeps the temp folder and prints its path)
 *
 * Prints a line per step and per check, then "N passed, M failed"; exits 1 on any failure.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { isDeepStrictEqual } = require('util');

const report = require('./lib/report');
const processes = require('./lib/processes');
const { startSimulatorProcess, isTokenCall, isDatacubeCall } = require('./lib/simulator');
const { ROOT, provision, n8nEnv, n8nCli, parseExecuteOutput, nodeItems, installTarball, cleanEnv } = require('./lib/n8n');
const { readExamples, problemsOf } = require('./lib/examples');
const W = require('./lib/workflows');

const { step, info, check } = report;
const LOG_DIR = path.join(ROOT, '.e2e', 'last-run');
const WECHAT_FIELDS = ['ref_date', 'ref_hour', 'msg_type', 'msg_user', 'msg_count', 'count_interval'];

/** Thrown to stop the run when a step cannot go on (its failure is already counted). */
class StopRun extends Error {}

function wechatOnly(json) {
	const out = {};
	for (const key of WECHAT_FIELDS) if (key in json) out[key] = json[key];
	return out;
}

/** Explains how two row lists differ (first difference), or returns nothing when equal. */
function sameRows(actual, expected) {
	if (!Array.isArray(actual)) return `no output items (got ${JSON.stringify(actual)})`;
	if (expected.length === 0) return 'the simulator expects no rows: the check would prove nothing';
	if (isDeepStrictEqual(actual, expected)) return undefined;
	const keys = (rows) => rows.map((row) => JSON.stringify(row));
	const a = keys(actual);
	const e = new Set(keys(expected));
	const extra = a.filter((row) => !e.has(row));
	const seen = new Set(a);
	const missing = keys(expected).filter((row) => !seen.has(row));
	const dupes = a.length - seen.size;
	return `got ${actual.length} rows, expected ${expected.length}: ${missing.length} missing (${missing.slice(0, 2).join(' ')}), ${extra.length} unexpected (${extra.slice(0, 2).join(' ')}), ${dupes} duplicates`;
}

const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const sum = (rows, field) => rows.reduce((total, row) => total + row[field], 0);
const tail = (text, lines = 15) => text.trim().split('\n').slice(-lines).join('\n');

/** Waits when China midnight is under 3 minutes away, so "yesterday" stays the same day for the whole run. */
async function avoidChinaMidnight() {
	const msToMidnight = 86400000 - ((Date.now() + 8 * 3600000) % 86400000);
	if (msToMidnight < 180000) {
		info(`China midnight is ${Math.round(msToMidnight / 1000)} s away; waiting for it so that "yesterday" is stable`);
		await new Promise((resolve) => setTimeout(resolve, msToMidnight + 5000));
	}
}

async function main() {
	processes.installSignalHandlers((signal) => {
		report.fatal('the e2e run', `interrupted by ${signal}`);
		report.summary();
	});
	fs.rmSync(LOG_DIR, { recursive: true, force: true });
	fs.mkdirSync(LOG_DIR, { recursive: true });
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-e2e-'));
	if (process.env.E2E_KEEP === '1') info(`E2E_KEEP=1: keeping ${tmp}`);
	else processes.trackTempDir(tmp);
	const userFolder = path.join(tmp, 'n8n-user');
	fs.mkdirSync(userFolder);
	console.log(`[e2e] real n8n app e2e; temp folder ${tmp}; n8n command logs in ${path.relative(ROOT, LOG_DIR)}/`);

	/** Runs an n8n command and checks that it exited 0 (unless expectFailure). */
	let n8n;
	const secrets = { texts: [] };
	async function n8nStep(label, args, { expectFailure = false } = {}) {
		const result = await n8n(label, args);
		secrets.texts.push({ where: result.logBase, text: `${result.stdout}\n${result.stderr}` });
		const end = result.code === null ? `ended by ${result.signal}` : `exit ${result.code}`;
		info(`${result.command}  (${report.seconds(result.ms)}, ${end}${result.timedOut ? ', TIMED OUT' : ''})`);
		if (!expectFailure && result.code !== 0) {
			report.fatal(`${result.command} exits 0`, `${end}; see ${result.logBase}.out/.err\n${tail(result.stdout + result.stderr)}`);
			throw new StopRun();
		}
		return result;
	}

	// 1. n8n app
	let done = step('provision the real n8n app (scripts/n8n-app/provision.sh; cached after the first run)');
	const paths = await provision();
	done(`n8n at ${paths.N8N_APP_DIR}`);
	await avoidChinaMidnight();

	// 2. tarball
	done = step('npm pack the package (dist/ as built by npm run build)');
	for (const file of ['dist/nodes/WeChatOfficialAccount/WeChatOfficialAccount.node.js', 'dist/credentials/WeChatOfficialAccountApi.credentials.js']) {
		if (!fs.existsSync(path.join(ROOT, file))) {
			report.fatal('the package is built', `${file} is missing: run npm run build (npm run test:e2e does)`);
			throw new StopRun();
		}
	}
	const packDir = path.join(tmp, 'pack');
	fs.mkdirSync(packDir);
	const pack = await processes.run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: ROOT, env: cleanEnv() });
	if (pack.code !== 0) {
		report.fatal('npm pack', tail(pack.stderr));
		throw new StopRun();
	}
	const packed = JSON.parse(pack.stdout)[0];
	const tarball = path.join(packDir, packed.filename);
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	check('the tarball holds every node and credential that package.json declares to n8n', () => {
		const files = new Set(packed.files.map((f) => f.path));
		const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter((file) => !files.has(file));
		if (missing.length) return `missing from the tarball: ${missing.join(', ')}`;
	});
	done(`${packed.filename}, ${packed.files.length} files, ${Math.round(packed.size / 1024)} kB`);

	// 3. n8n-style install into a fresh user folder
	done = step('install the tarball as n8n installs a community package, into a fresh N8N_USER_FOLDER');
	const env = await n8nEnv(userFolder, paths);
	n8n = n8nCli({ paths, env, logDir: LOG_DIR });
	const installed = await installTarball({ tarball, userFolder, env });
	info(`${path.relative(userFolder, installed.dest)}: dropped ${installed.dropped.join(', ')}; npm: ${installed.npmOutput.split('\n').pop()}`);
	check('the installed package has its runtime dependencies and no n8n-workflow of its own', () => {
		for (const dep of Object.keys(manifest.dependencies || {})) {
			if (!fs.existsSync(path.join(installed.dest, 'node_modules', dep, 'package.json'))) return `${dep} was not installed`;
		}
		if (fs.existsSync(path.join(installed.dest, 'node_modules', 'n8n-workflow'))) return 'n8n-workflow was installed (it must come from n8n)';
		if (!installed.dropped.includes('devDependencies') || !installed.dropped.includes('peerDependencies')) return `dropped only ${installed.dropped}`;
	});
	done(`broker port ${env.N8N_RUNNERS_BROKER_PORT}`);

	// 4. simulator
	done = step('start the WeChat simulator (node test/simulator/cli.js --port 0)');
	const sim = await startSimulatorProcess({ env: cleanEnv() });
	const simState = await sim.state();
	done(`${sim.url}, China today ${simState.today}`);

	// 5. node types known to n8n; the examples against them
	done = step('n8n export:nodes: the community node is installed; the examples use real node types and parameters');
	const nodesFile = path.join(tmp, 'nodes.json');
	await n8nStep('export-nodes', ['export:nodes', `--output=${nodesFile}`]);
	const nodeTypes = JSON.parse(fs.readFileSync(nodesFile, 'utf8'));
	check(`export:nodes lists ${W.NODE_TYPE} (version 1) taking credential ${W.CREDENTIAL_TYPE}`, () => {
		const ours = nodeTypes.find((d) => d.name === W.NODE_TYPE);
		if (!ours) return `not among the ${nodeTypes.length} node types`;
		if (![].concat(ours.version).includes(1)) return `version ${ours.version}`;
		if (!(ours.credentials || []).some((c) => c.name === W.CREDENTIAL_TYPE)) return `credentials ${JSON.stringify(ours.credentials)}`;
	});
	const NodeHelpers = require(require.resolve('n8n-workflow', { paths: [path.join(paths.N8N_APP_DIR, 'node_modules', 'n8n')] })).NodeHelpers;
	const examples = readExamples();
	check('examples/ holds the three example workflows', () => {
		const want = ['daily-to-google-sheets.json', 'hourly-backfill-to-postgres.json', 'weekly-digest-to-slack.json'];
		const have = examples.map((e) => e.file);
		const missing = want.filter((file) => !have.includes(file));
		if (missing.length) return `missing ${missing.join(', ')}`;
	});
	for (const example of examples) {
		check(`examples/${example.file}: node types, versions, parameters and credentials exist in n8n 2.41.1`, () => {
			const problems = problemsOf(example.workflow, nodeTypes, NodeHelpers);
			if (problems.length) return problems.join('\n');
		});
	}
	done(`${nodeTypes.length} node types`);

	// 6. credential
	done = step('n8n import:credentials: a WeChat credential pointing at the simulator (plain data, n8n encrypts it)');
	const credentialsPath = path.join(tmp, 'credentials.json');
	fs.writeFileSync(credentialsPath, JSON.stringify(W.credentialsFile(sim), null, 2));
	const importedCredentials = await n8nStep('import-credentials', ['import:credentials', `--input=${credentialsPath}`]);
	fs.rmSync(credentialsPath);
	check('import:credentials imported 1 credential', () => {
		if (!/Successfully imported 1 credential/.test(importedCredentials.stdout)) return tail(importedCredentials.stdout, 3);
	});
	done();

	// 7. workflows: the examples as they are, runnable copies of them, the test workflows
	done = step('n8n import:workflow: every examples/ file, runnable copies of them and the test workflows');
	const stage = path.join(tmp, 'workflows');
	fs.mkdirSync(stage);
	for (const example of examples) fs.copyFileSync(example.path, path.join(stage, `example-${example.file}`));
	const copies = examples.map((example, i) => ({ example, ...W.runnableCopy(example.workflow, `e2eExampleCopy${String(i + 1).padStart(2, '0')}`) }));
	for (const copy of copies) fs.writeFileSync(path.join(stage, `${copy.workflow.id}.json`), JSON.stringify(copy.workflow, null, 2));
	for (const workflow of Object.values(W.TEST_WORKFLOWS)) fs.writeFileSync(path.join(stage, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	const stagedCount = fs.readdirSync(stage).length;
	const importedWorkflows = await n8nStep('import-workflows', ['import:workflow', '--separate', `--input=${stage}`]);
	check(`import:workflow imported all ${stagedCount} files, none skipped`, () => {
		const out = importedWorkflows.stdout + importedWorkflows.stderr;
		if (/Skipping|skipped/i.test(out)) return tail(out, 5);
		if (!new RegExp(`Successfully imported ${stagedCount} workflows?`).test(out)) return tail(out, 3);
	});
	const exportedFile = path.join(tmp, 'exported-workflows.json');
	await n8nStep('export-workflows', ['export:workflow', '--all', `--output=${exportedFile}`]);
	const exported = JSON.parse(fs.readFileSync(exportedFile, 'utf8'));
	for (const example of examples) {
		check(`examples/${example.file} is in n8n as written (nodes, parameters, credentials, connections, time zone)`, () => {
			const found = exported.filter((w) => w.name === example.workflow.name);
			if (found.length !== 1) return `${found.length} workflows named "${example.workflow.name}"`;
			const [stored] = found;
			const pick = (node) => [node.name, node.type, node.typeVersion, node.parameters, node.credentials || null, node.notes || null];
			const want = example.workflow.nodes.map(pick);
			const got = stored.nodes.map(pick);
			for (let i = 0; i < want.length; i++) {
				if (!isDeepStrictEqual(want[i], got[i])) return `node ${want[i][0]}: stored as ${JSON.stringify(got[i]).slice(0, 300)}`;
			}
			if (got.length !== want.length) return `${got.length} nodes stored, ${want.length} in the file`;
			if (!isDeepStrictEqual(stored.connections, example.workflow.connections)) return 'connections differ';
			if ((stored.settings || {}).timezone !== (example.workflow.settings || {}).timezone) return `timezone ${JSON.stringify(stored.settings)}`;
		});
	}
	done();

	// 8. the seven operations, one execution; the token is fetched once
	done = step('n8n execute: the seven operations in one workflow (first execution: fetches the token)');
	await sim.resetLog();
	const seven = await n8nStep('execute-seven-operations', ['execute', `--id=${W.TEST_WORKFLOWS.sevenOperations.id}`, '--rawOutput']);
	const sevenRun = parseExecuteOutput(seven.stdout);
	const sevenLog = await sim.log();
	check('the execution succeeded (status "success" in the execution JSON)', () => {
		if (!sevenRun) return `no execution JSON in stdout (${seven.logBase}.out)`;
		if (sevenRun.status !== 'success' || sevenRun.data.resultData.error) return `status ${sevenRun.status}: ${JSON.stringify(sevenRun.data.resultData.error).slice(0, 300)}`;
	});
	for (const op of W.SEVEN_OPERATIONS) {
		const expected = await sim.expected(op.endpoint, op.begin, op.end);
		check(`${op.operation} ${op.begin}..${op.end}: exactly the ${expected.length} rows of the range, once each, in ${op.requests} requests`, () => {
			const items = nodeItems(sevenRun, op.operation);
			const diff = sameRows(items && items.map((item) => item.json), expected);
			if (diff) return diff;
			if (!items.every((item) => item.pairedItem && item.pairedItem.item === 0)) return 'pairedItem is not item 0';
			const calls = sevenLog.filter((entry) => entry.endpoint === op.endpoint);
			if (calls.length !== op.requests || calls.some((call) => call.errcode !== 0)) return `${calls.length} requests: ${calls.map((c) => `${c.body.begin_date}..${c.body.end_date}=${c.errcode}`).join(' ')}`;
		});
	}
	const firstTokens = [...new Set(sevenLog.filter(isDatacubeCall).map((entry) => entry.token))];
	const sevenRequests = W.SEVEN_OPERATIONS.reduce((total, op) => total + op.requests, 0);
	check(`n8n ran the credential's preAuthentication once (one stable_token request); all ${sevenRequests} requests used that token`, () => {
		const tokenCalls = sevenLog.filter(isTokenCall);
		if (tokenCalls.length !== 1 || tokenCalls[0].endpoint !== 'stable_token') return `token calls: ${tokenCalls.map((c) => c.endpoint).join(', ') || 'none'}`;
		if (firstTokens.length !== 1 || !firstTokens[0]) return `${firstTokens.length} distinct tokens in datacube calls`;
		if (sevenLog.filter(isDatacubeCall).length !== sevenRequests) return `${sevenLog.filter(isDatacubeCall).length} datacube calls`;
	});
	done();

	// 9. the examples' WeChat parts, in a second n8n process: the stored token is reused
	done = step('n8n execute-batch: runnable copies of the three examples (second process: reuses the stored token)');
	const state = await sim.state();
	await sim.resetLog();
	const snapshots = path.join(tmp, 'snapshots');
	fs.mkdirSync(snapshots);
	const summaryFile = path.join(tmp, 'batch-summary.json');
	await n8nStep('execute-batch-examples', ['execute-batch', `--ids=${copies.map((c) => c.workflow.id).join(',')}`, `--snapshot=${snapshots}`, `--output=${summaryFile}`]);
	const batch = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
	const batchLog = await sim.log();
	check('all three runnable copies succeeded', () => {
		if (batch.summary.successfulExecutions !== copies.length || batch.summary.failedExecutions || batch.summary.warningExecutions) {
			return JSON.stringify(batch.summary).slice(0, 500);
		}
	});
	check('the token stored by the first process was reused: no token request, every request used it', () => {
		const tokenCalls = batchLog.filter(isTokenCall);
		if (tokenCalls.length) return `${tokenCalls.length} token requests`;
		const used = [...new Set(batchLog.filter(isDatacubeCall).map((entry) => entry.token))];
		if (used.length !== 1 || used[0] !== firstTokens[0]) return `${used.length} distinct tokens, ${used[0] === firstTokens[0] ? 'same' : 'not the stored one'}`;
	});
	const snapshotOf = (copy) => {
		const file = path.join(snapshots, `${copy.workflow.id}-snapshot.json`);
		return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
	};
	const byFile = Object.fromEntries(copies.map((copy) => [copy.example.file, copy]));
	{
		const copy = byFile['daily-to-google-sheets.json'];
		const runData = snapshotOf(copy);
		const expected = await sim.expected('getupstreammsg', state.yesterday, state.yesterday);
		check(`daily-to-google-sheets (without ${copy.leftOut.join(', ')}): getDaily yesterday (${state.yesterday}) gives its ${expected.length} rows with readable fields`, () => {
			const items = nodeItems(runData, "WeChat: yesterday's messages");
			const diff = sameRows(items && items.map((item) => wechatOnly(item.json)), expected);
			if (diff) return diff;
			if (!items.every((item) => typeof item.json.msg_type_name === 'string')) return 'msg_type_name missing';
		});
	}
	{
		const copy = byFile['weekly-digest-to-slack.json'];
		const runData = snapshotOf(copy);
		const week = W.lastWeek(state.today);
		const byType = await sim.expected('getupstreammsgweek', week.begin, week.end);
		const byInterval = await sim.expected('getupstreammsgdistweek', week.begin, week.end);
		check(`weekly-digest-to-slack (without ${copy.leftOut.join(', ')}): last week (${week.begin}..${week.end}) by type and by interval`, () => {
			const a = nodeItems(runData, 'WeChat: last week by type');
			const b = nodeItems(runData, 'WeChat: last week distribution');
			return sameRows(a && a.map((item) => wechatOnly(item.json)), byType) || sameRows(b && b.map((item) => wechatOnly(item.json)), byInterval);
		});
		const total = sum(byType, 'msg_count');
		const writers = sum(byInterval.filter((row) => row.count_interval > 0), 'msg_user');
		check(`weekly-digest-to-slack: the Code node's digest (n8n's task runner) says ${thousands(total)} messages from ${thousands(writers)} users`, () => {
			const items = nodeItems(runData, 'Format digest');
			if (!items || items.length !== 1) return `${items ? items.length : 'no'} digest items`;
			const digest = items[0].json;
			if (digest.total_messages !== total || digest.users_who_wrote !== writers) return `digest ${JSON.stringify(digest).slice(0, 300)}`;
			if (digest.week_start !== week.begin || digest.week_end !== week.end) return `week ${digest.week_start}..${digest.week_end}`;
			if (!digest.text.includes(`${thousands(total)} messages from ${thousands(writers)} users`)) return `text: ${digest.text.slice(0, 300)}`;
			info(`digest text: ${JSON.stringify(digest.text.split('\n').slice(0, 2).join(' | '))}`);
		});
	}
	{
		const copy = byFile['hourly-backfill-to-postgres.json'];
		const runData = snapshotOf(copy);
		const expected = await sim.expected('getupstreammsghour', '2025-01-01', '2025-12-31');
		check(`hourly-backfill-to-postgres (without ${copy.leftOut.join(', ')}): 2025 by hour, ${expected.length} rows in 365 requests`, () => {
			const items = nodeItems(runData, 'WeChat: 2025 by hour');
			const diff = sameRows(items && items.map((item) => wechatOnly(item.json)), expected);
			if (diff) return diff;
			const calls = batchLog.filter((entry) => entry.endpoint === 'getupstreammsghour');
			if (calls.length !== 365 || calls.some((call) => call.errcode !== 0)) return `${calls.length} requests`;
		});
	}
	done();

	// 10. WeChat expires the token: the next execution refreshes it once
	done = step('POST /__sim/expire-tokens, then n8n execute: the node refreshes the token once and succeeds');
	await sim.expireTokens();
	await sim.resetLog();
	const afterExpiry = await n8nStep('execute-after-expiry', ['execute', `--id=${W.TEST_WORKFLOWS.afterExpiry.id}`, '--rawOutput']);
	const afterRun = parseExecuteOutput(afterExpiry.stdout);
	const expiryLog = await sim.log();
	const refreshedTokens = [...new Set(expiryLog.filter((e) => isDatacubeCall(e) && e.errcode === 0).map((e) => e.token))];
	{
		const expected = await sim.expected('getupstreammsghour', '2024-01-01', '2024-01-12');
		check(`getHourly 2024-01-01..2024-01-12 after expiry: success, all ${expected.length} rows once`, () => {
			if (!afterRun || afterRun.status !== 'success') return `status ${afterRun && afterRun.status}`;
			return sameRows(nodeItems(afterRun, 'getHourly 12 days').map((item) => item.json), expected);
		});
		check('WeChat rejected the old token (errcode 42001) and n8n fetched a new one exactly once', () => {
			const rejected = expiryLog.filter((e) => isDatacubeCall(e) && e.errcode === 42001);
			const tokenCalls = expiryLog.filter(isTokenCall);
			if (rejected.length < 1 || rejected.length > 4) return `${rejected.length} requests rejected with 42001`;
			if (rejected.some((e) => e.token !== firstTokens[0])) return 'a rejected request did not carry the stored token';
			if (tokenCalls.length !== 1) return `${tokenCalls.length} token requests`;
			if (refreshedTokens.length !== 1 || refreshedTokens[0] === firstTokens[0]) return `${refreshedTokens.length} tokens in successful requests`;
		});
	}
	done();

	// 11. bad input
	done = step("n8n execute: custom Begin Date '2024-02-30' fails before any request, with the node's message");
	await sim.resetLog();
	const bad = await n8nStep('execute-bad-input', ['execute', `--id=${W.TEST_WORKFLOWS.badInput.id}`, '--rawOutput'], { expectFailure: true });
	const badRun = parseExecuteOutput(bad.stdout);
	const badMessage = 'Begin Date "2024-02-30" is not a real calendar date (day 30 does not exist in 2024-02)';
	check(`the execution fails: "${badMessage}" on node "Bad Begin Date"`, () => {
		if (bad.code === 0) return 'n8n exited 0'; // a non-zero exit or a signal (see README: SIGSEGV at exit)
		if (!badRun) return `no execution JSON in the output (${bad.logBase}.out)`;
		const error = badRun.data.resultData.error || {};
		if (badRun.status !== 'error') return `status ${badRun.status}`;
		if (error.message !== badMessage) return `message: ${error.message}`;
		if (!error.node || error.node.name !== 'Bad Begin Date') return `node ${JSON.stringify(error.node && error.node.name)}`;
		if (!bad.stdout.split('\n').includes(badMessage)) return 'the message is not printed on a line of its own';
	});
	const badLog = await sim.log();
	check('no request reached WeChat (the input is checked first)', () => {
		if (badLog.length) return `${badLog.length} requests: ${badLog.map((e) => e.path).join(', ')}`;
	});
	done();

	// 12. WeChat error
	done = step('POST /__sim/options {"forceErrcode":48001}, then n8n execute: fails with the node\'s message');
	await sim.setOptions({ forceErrcode: 48001 });
	await sim.resetLog();
	const unverified = await n8nStep('execute-errcode-48001', ['execute', `--id=${W.TEST_WORKFLOWS.wechatError.id}`, '--rawOutput'], { expectFailure: true });
	await sim.setOptions({ forceErrcode: null });
	const unverifiedRun = parseExecuteOutput(unverified.stdout);
	const unverifiedMessage = 'Could not fetch 2024-01-01 to 2024-01-07: This Official Account is not authorized to use the data statistics API (errcode 48001)';
	check(`the execution fails: "${unverifiedMessage}", the description says the account must be verified`, () => {
		if (unverified.code === 0) return 'n8n exited 0';
		if (!unverifiedRun) return `no execution JSON in the output (${unverified.logBase}.out)`;
		const error = unverifiedRun.data.resultData.error || {};
		if (error.message !== unverifiedMessage) return `message: ${error.message}`;
		if (!/verified/.test(error.description || '')) return `description: ${error.description}`;
		if (!/0 of 3 request windows succeeded/.test(error.description)) return `description: ${error.description}`;
		if (!unverified.stdout.split('\n').includes(unverifiedMessage)) return 'the message is not printed on a line of its own';
	});
	done();

	// 13. what n8n stored
	done = step('n8n export:credentials --all --decrypted: the credential type, and the refreshed token persisted in n8n\'s DB');
	const credentialsOut = path.join(tmp, 'exported-credentials.json');
	await n8nStep('export-credentials', ['export:credentials', '--all', '--decrypted', `--output=${credentialsOut}`]);
	const storedCredentials = JSON.parse(fs.readFileSync(credentialsOut, 'utf8'));
	fs.rmSync(credentialsOut);
	check(`the credential is stored as type ${W.CREDENTIAL_TYPE} and holds the token of the last refresh`, () => {
		if (storedCredentials.length !== 1) return `${storedCredentials.length} credentials`;
		const [stored] = storedCredentials;
		if (stored.id !== W.CREDENTIAL.id || stored.type !== W.CREDENTIAL_TYPE || stored.name !== W.CREDENTIAL.name) return `${stored.id} ${stored.type} ${stored.name}`;
		if (stored.data.appId !== sim.appId || stored.data.baseUrl !== sim.url) return 'appId/baseUrl changed';
		if (!stored.data.accessToken || stored.data.accessToken !== refreshedTokens[0]) return 'the stored accessToken is not the refreshed token';
	});
	check('n8n encrypted the credential at rest: neither the App Secret nor a token is readable in its database files', () => {
		const dbFiles = fs.readdirSync(path.join(userFolder, '.n8n')).filter((f) => f.startsWith('database.sqlite'));
		if (!dbFiles.length) return 'no database.sqlite';
		for (const file of dbFiles) {
			const bytes = fs.readFileSync(path.join(userFolder, '.n8n', file));
			for (const secret of [sim.appSecret, firstTokens[0], refreshedTokens[0]]) if (bytes.includes(secret)) return `found in ${file}`;
		}
	});
	check('no n8n command printed the App Secret or a token', () => {
		for (const { where, text } of secrets.texts) {
			for (const secret of [sim.appSecret, firstTokens[0], refreshedTokens[0]]) if (secret && text.includes(secret)) return `in ${where}`;
		}
	});
	done();

	await sim.stop();
}

main()
	.catch((error) => {
		if (!(error instanceof StopRun)) report.fatal('the e2e run', error && error.stack ? error.stack : String(error));
	})
	.then(async () => {
		await processes.stopAll();
		const { failed } = report.summary();
		processes.cleanupSync();
		process.exit(failed > 0 ? 1 : 0);
	});
