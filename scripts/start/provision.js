'use strict';
/**
 * npm start's preparation: the build and the ports are checked, n8n is provisioned (scripts/n8n-app/provision.sh:
 * the cached install in about a second, ~8 min the first time on a machine), n8n's environment is made for the
 * user folder, and this repository is linked into it as an installed community package.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { REPO } = require('../lib/entities');
const { portFree, alive } = require('../lib/processes');
const { provision, n8nEnv, linkPackage } = require('../lib/n8nApp');
const { say, show } = require('../lib/log');
const { StartError } = require('./args');

const pidsFile = (opts) => path.join(opts.userFolder, 'start.pids.json');

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** dist/ is built and both ports are free (else: which earlier npm start holds them). */
async function preflight(opts) {
	const dist = path.join(REPO, 'dist', 'nodes', 'WeChatOfficialAccount', 'WeChatOfficialAccount.node.js');
	if (!fs.existsSync(dist)) throw new StartError('dist/ is not built: run `npm run build` (npm start does it for you)');
	for (const [what, port, option] of [
		['n8n', opts.port, '--port / N8N_PORT'],
		['the WeChat simulator', opts.simPort, '--sim-port / WECHAT_SIM_PORT'],
	]) {
		if (await portFree(port)) continue;
		const pids = readJson(pidsFile(opts));
		const running = pids ? Object.entries(pids).filter(([, pid]) => alive(pid)) : [];
		const hint = running.length
			? ` A previous npm start seems to be running: ${running.map(([n, pid]) => `${n} pid ${pid}`).join(', ')} (stop it with kill ${running[0][1]}).`
			: '';
		throw new StartError(`port ${port} for ${what} is in use on 127.0.0.1.${hint} Choose another with ${option}.`);
	}
}

/** Provisions n8n and prepares the user folder; resolves { app, env }. */
async function prepareApp(opts, log) {
	log('provisioning n8n (scripts/n8n-app/provision.sh; the first run on a machine takes ~8 min, later < 1 s)');
	fs.mkdirSync(opts.userFolder, { recursive: true });
	let app;
	try {
		app = await provision({ onProgress: (line) => say(process.stderr, `${line}\n`) });
	} catch (error) {
		throw new StartError(`${error.message}; see the lines above`);
	}
	// The caller's N8N_* settings apply to npm start's n8n, as they would to a plain `n8n start`.
	const env = await n8nEnv(app, { userFolder: opts.userFolder, port: opts.port, inherit: true });
	const version = spawnSync(app.NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
	log(`n8n ${path.basename(app.N8N_APP_DIR)} with Node ${version} from ${app.N8N_APP_DIR}`);
	const link = linkPackage(opts.userFolder, REPO);
	log(`user folder ${show(opts.userFolder)}; package linked: ${path.relative(opts.userFolder, link)} -> ${REPO}`);
	return { app, env };
}

module.exports = { preflight, prepareApp, pidsFile, readJson };
