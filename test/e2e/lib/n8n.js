/**
 * The real n8n app (scripts/n8n-app: n8n 2.41.1 on Node 24) for the e2e run: provisioning, the environment
 * of scripts/n8n-app/env.sh for a fresh user folder, n8n CLI commands, and n8n's own way of installing a
 * community package from its tarball.
 */
const fs = require('fs');
const path = require('path');
const { run, spawnTracked } = require('./processes');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const APP_SCRIPTS = path.join(ROOT, 'scripts', 'n8n-app');

/** Settings inherited from the caller's shell that could make the run depend on it. */
const INHERITED = /^(N8N_(?!APP_)|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|WEBHOOK_URL$|NODE_FUNCTION_ALLOW|NODE_OPTIONS$|NODE_PATH$)/;

function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) if (!INHERITED.test(key)) env[key] = value;
	return { ...env, ...extra };
}

/**
 * Runs provision.sh (reuses the cached install in well under a second; installs it when missing) with its
 * progress lines shown, and returns { NODE24, N8N_BIN, N8N_APP_DIR }.
 */
function provision() {
	return new Promise((resolve, reject) => {
		const child = spawnTracked('bash', [path.join(APP_SCRIPTS, 'provision.sh')], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			for (const line of String(chunk).split('\n')) if (line.trim()) console.log(`             ${line}`);
		});
		child.once('error', reject);
		child.once('close', (code) => {
			if (code !== 0) return reject(new Error(`scripts/n8n-app/provision.sh exited with ${code}`));
			const paths = {};
			for (const match of stdout.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)) paths[match[1]] = match[2];
			if (!paths.NODE24 || !paths.N8N_BIN) return reject(new Error(`provision.sh printed no paths: ${stdout}`));
			resolve(paths);
		});
	});
}

/**
 * The environment that scripts/n8n-app/env.sh sets up for userFolder (quiet/offline settings, 127.0.0.1,
 * a free task-broker port), on top of a clean copy of ours, with Node 24 first on PATH (n8n spawns its
 * JavaScript task runner as a plain `node`).
 */
async function n8nEnv(userFolder, paths) {
	const result = await run('bash', ['-c', 'source "$1" "$2" >/dev/null && env -0', 'env.sh', path.join(APP_SCRIPTS, 'env.sh'), userFolder], {
		env: cleanEnv(),
		timeoutMs: 120000,
	});
	if (result.code !== 0) throw new Error(`sourcing scripts/n8n-app/env.sh failed: ${result.stderr}`);
	const env = {};
	for (const pair of result.stdout.split('\0')) {
		const eq = pair.indexOf('=');
		if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
	}
	for (const key of ['N8N_USER_FOLDER', 'N8N_RUNNERS_BROKER_PORT', 'N8N_DIAGNOSTICS_ENABLED', 'NODE24']) {
		if (!env[key]) throw new Error(`env.sh did not set ${key}`);
	}
	if (env.N8N_USER_FOLDER !== userFolder) throw new Error(`env.sh set N8N_USER_FOLDER=${env.N8N_USER_FOLDER}, expected ${userFolder}`);
	env.PATH = `${path.dirname(paths.NODE24)}:${env.PATH}`;
	env.N8N_LOG_LEVEL = 'info'; // above info hides the JSON of `execute --rawOutput`
	return env;
}

/** Creates a runner for n8n CLI commands; each call boots n8n once. Logs go to logDir/NN-label.{out,err}. */
function n8nCli({ paths, env, logDir }) {
	let n = 0;
	return async function n8n(label, args, { timeoutMs = 240000 } = {}) {
		n += 1;
		const base = path.join(logDir, `${String(n).padStart(2, '0')}-${label}`);
		const result = await run(paths.NODE24, [paths.N8N_BIN, ...args], {
			env,
			cwd: env.N8N_USER_FOLDER,
			timeoutMs,
			stdoutFile: `${base}.out`,
			stderrFile: `${base}.err`,
		});
		result.logBase = path.relative(ROOT, base);
		result.command = `n8n ${args.join(' ')}`;
		return result;
	};
}

/**
 * The JSON object that `n8n execute --rawOutput` prints: after the log lines on success, inside the
 * "Execution error:" block on failure. JSON.stringify(x, null, 2) starts with "{" and ends with "}" on
 * lines of their own, and every line between is indented.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) return null;
	const end = lines.indexOf('}', start + 1);
	if (end < 0) return null;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

/** Output items of a node's last run in an n8n execution (IRun). */
function nodeItems(execution, nodeName) {
	const runs = execution && execution.data && execution.data.resultData.runData[nodeName];
	if (!runs || !runs.length) return undefined;
	const main = runs[runs.length - 1].data && runs[runs.length - 1].data.main;
	return (main && main[0]) || [];
}

/**
 * Installs a package tarball the way n8n 2.x installs a community package: extract it into
 * <userFolder>/.n8n/nodes/node_modules/<name>, drop devDependencies / peerDependencies /
 * optionalDependencies from its package.json, then run npm there with n8n's arguments.
 */
async function installTarball({ tarball, userFolder, env }) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = path.join(nodesDir, '.staging');
	fs.mkdirSync(staging, { recursive: true });
	const untar = await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { timeoutMs: 60000 });
	if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const manifestPath = path.join(staging, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	const dest = path.join(nodesDir, 'node_modules', manifest.name);
	fs.mkdirSync(path.dirname(dest), { recursive: true });
	fs.renameSync(staging, dest);
	const dropped = ['devDependencies', 'peerDependencies', 'optionalDependencies'].filter((key) => key in manifest);
	for (const key of dropped) delete manifest[key];
	fs.writeFileSync(path.join(dest, 'package.json'), JSON.stringify(manifest, null, 2));
	const npm = await run(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ env, cwd: dest, timeoutMs: 300000 },
	);
	if (npm.code !== 0) throw new Error(`npm install in ${dest} failed (${npm.code}):\n${npm.stderr.slice(-2000)}`);
	return { dest, manifest, dropped, npmOutput: `${npm.stdout}${npm.stderr}`.trim(), ms: npm.ms };
}

module.exports = { ROOT, provision, n8nEnv, n8nCli, parseExecuteOutput, nodeItems, installTarball, cleanEnv };
