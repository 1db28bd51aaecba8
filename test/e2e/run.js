#!/usr/bin/env node
/**
 * End to end in the real n8n app (2.41.1 on Node 24, provisioned by scripts/n8n-app/provision.sh): the package's
 * tarball installed the way n8n installs a community package into a fresh user folder, a credential and workflows
 * imported with n8n's CLI and run with `n8n execute` / `n8n execute-batch` against the WeChat simulator (a child
 * process on 127.0.0.1). See test/e2e/README.md.
 *
 *   npm run test:e2e                 (builds first)
 *   node test/e2e/run.js             (uses the current dist/)
 *   E2E_KEEP=1 node test/e2e/run.js  (keeps the temp folder and prints its path)
 *   E2E_ONLY=78,79 node test/e2e/run.js  (only the checks whose file names start so, after 10 and 30, which set up)
 *
 * This file only sets up and orchestrates: the checks live in checks/*.js, run in file-name order. Each exports
 * { steps: [{ title, run(ctx) }], workflows?(ctx) } (workflows: imported by checks/30-import.js). Prints a line per
 * step and per check, then "N passed, M failed"; exits 1 on any failure.
 */
const fs = require('node:fs');
const path = require('node:path');
const { onShutdown, stopAll, tempDir, sleep } = require('../../scripts/lib/processes');
const { REPO, readExamples } = require('../../scripts/lib/entities');
const { provision, n8nEnv, n8nCli, cleanEnv, parseExecuteOutput } = require('../../scripts/lib/n8nApp');
const { startSimulator } = require('../../scripts/lib/simulator');
const report = require('./lib/report');

const { step, info } = report;
const LOG_DIR = path.join(REPO, '.e2e', 'last-run');
const CHECKS_DIR = path.join(__dirname, 'checks');

/** Thrown to stop the run when a step cannot go on (its failure is already counted). */
class StopRun extends Error {}

const tail = (text, lines = 15) => text.trim().split('\n').slice(-lines).join('\n');

/**
 * Waits when 08:00 or midnight China time is under 3 minutes away: the latest day WeChat serves changes at 08:00
 * China time (and the China date at midnight), so the whole run sees the same days.
 */
async function avoidChinaDayBoundaries() {
	const DAY = 86400000;
	const sinceChinaMidnight = (Date.now() + 8 * 3600000) % DAY;
	const toBoundary = Math.min(...[0, 8 * 3600000, DAY].map((at) => (at - sinceChinaMidnight + DAY) % DAY));
	if (toBoundary < 180000) {
		info(`a China day boundary (08:00 or midnight) is ${Math.round(toBoundary / 1000)} s away; waiting for it to pass`);
		await sleep(toBoundary + 5000);
	}
}

/** Checks the run always needs: the package installed (10) and the credential and workflows imported (30). */
const SETUP = ['10-', '30-'];

function loadChecks() {
	const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',').map((prefix) => prefix.trim()) : null;
	return fs
		.readdirSync(CHECKS_DIR)
		.filter((file) => file.endsWith('.js'))
		.filter((file) => !only || [...SETUP, ...only].some((prefix) => file.startsWith(prefix)))
		.sort()
		.map((file) => ({ file, ...require(path.join(CHECKS_DIR, file)) }));
}

/** ctx.n8n: runs an n8n command, records its output for the secret sweep, stops the run on a non-zero exit (unless expectFailure). */
function n8nStep(ctx, cli) {
	return async function n8n(label, args, { expectFailure = false } = {}) {
		const result = await cli(label, args);
		ctx.outputs.push({ where: result.logBase, text: `${result.stdout}\n${result.stderr}` });
		const end = result.code === null ? `ended by ${result.signal}` : `exit ${result.code}`;
		info(`${result.command}  (${report.seconds(result.ms)}, ${end}${result.timedOut ? ', TIMED OUT' : ''})`);
		if (!expectFailure && result.code !== 0)
			ctx.stop(`${result.command} exits 0`, `${end}; see ${result.logBase}.out/.err\n${tail(result.output)}`);
		return result;
	};
}

async function main() {
	onShutdown(async (reason) => {
		report.fatal('the e2e run', `interrupted: ${reason}`);
		await Promise.race([stopAll(), sleep(15000)]);
		report.summary();
		process.exit(130);
	});
	fs.rmSync(LOG_DIR, { recursive: true, force: true });
	fs.mkdirSync(LOG_DIR, { recursive: true });
	const keep = process.env.E2E_KEEP === '1';
	const tmp = tempDir('wechat-e2e-', { keep });
	if (keep) info(`E2E_KEEP=1: keeping ${tmp}`);
	const userFolder = path.join(tmp, 'n8n-user');
	fs.mkdirSync(userFolder);
	console.log(`[e2e] real n8n app e2e; temp folder ${tmp}; n8n command logs in ${path.relative(REPO, LOG_DIR)}/`);

	let done = step('provision the real n8n app (scripts/n8n-app/provision.sh; cached after the first run)');
	const app = await provision({ onProgress: info });
	done(`n8n at ${app.N8N_APP_DIR}`);
	await avoidChinaDayBoundaries();

	done = step(
		"start the WeChat simulator (test/simulator/cli.js on a free port); n8n's environment for a fresh user folder",
	);
	const sim = await startSimulator({ child: true, env: cleanEnv() });
	const simState = await sim.state();
	const env = await n8nEnv(app, { userFolder });
	done(`${sim.url}, China today ${simState.today}; n8n task broker port ${env.N8N_RUNNERS_BROKER_PORT}`);

	const ctx = {
		ROOT: REPO,
		tmp,
		userFolder,
		app,
		env,
		sim,
		examples: readExamples(),
		checks: loadChecks(),
		outputs: [], // { where, text } of every n8n command
		tokens: {}, // first / refreshed: the access tokens the checks saw
		tail,
		/** Records a failure that stops the run. */
		stop(name, reason) {
			report.fatal(name, reason);
			throw new StopRun();
		},
	};
	const broken = ctx.examples.filter((example) => !example.workflow);
	if (broken.length) ctx.stop('examples/ holds JSON', `not JSON: ${broken.map((e) => e.file).join(', ')}`);
	ctx.n8n = n8nStep(ctx, n8nCli(app, env, { logDir: LOG_DIR }));
	/** Empties the simulator's log, runs `n8n execute --id=<id> --rawOutput`; resolves { result, execution, log }. */
	ctx.execute = async (label, workflowId, options) => {
		await sim.resetLog();
		const result = await ctx.n8n(label, ['execute', `--id=${workflowId}`, '--rawOutput'], options);
		return { result, execution: parseExecuteOutput(result.stdout), log: await sim.log() };
	};

	for (const check of ctx.checks) {
		for (const { title, run } of check.steps) {
			done = step(title);
			done(await run(ctx));
		}
	}
	await sim.stop();
}

main()
	.catch((error) => {
		if (!(error instanceof StopRun)) report.fatal('the e2e run', error && error.stack ? error.stack : String(error));
	})
	.then(async () => {
		await stopAll();
		const { failed } = report.summary();
		process.exit(failed > 0 ? 1 : 0);
	});
