'use strict';
/** npm start's command line and its defaults (also the screenshots' defaults). */
const path = require('node:path');
const { REPO } = require('../lib/entities');

/** A failure npm start explains in words (no stack trace). */
class StartError extends Error {}

const DEFAULTS = Object.freeze({
	port: Number(process.env.N8N_PORT) || 5678,
	simPort: Number(process.env.WECHAT_SIM_PORT) || 8787,
	userFolder: process.env.N8N_LOCAL_DIR || path.join(REPO, '.n8n-local'),
	email: process.env.N8N_DEMO_EMAIL || 'owner@example.com',
	password: process.env.N8N_DEMO_PASSWORD || 'WeChatDemo1',
});

const USAGE = `usage: node scripts/start/start.js [--port 5678] [--sim-port 8787] [--user-folder DIR] [--reimport] [--verbose] [--exit-when-ready]
  env: N8N_PORT, WECHAT_SIM_PORT, N8N_LOCAL_DIR (default .n8n-local in the repo), N8N_DEMO_EMAIL, N8N_DEMO_PASSWORD`;

/** The options of npm start; null for --help. Throws StartError for a bad command line. */
function parseArgs(argv) {
	const o = { ...DEFAULTS, reimport: false, verbose: false, exitWhenReady: false };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new StartError(`${flag} needs a value\n${USAGE}`);
			return v;
		};
		switch (flag) {
			case '--port':
				o.port = Number(value());
				break;
			case '--sim-port':
				o.simPort = Number(value());
				break;
			case '--user-folder':
				o.userFolder = value();
				break;
			case '--reimport':
				o.reimport = true;
				break;
			case '--verbose':
				o.verbose = true;
				break;
			case '--exit-when-ready':
				o.exitWhenReady = true;
				break;
			case '-h':
			case '--help':
				return null;
			default:
				throw new StartError(`unknown argument ${flag}\n${USAGE}`);
		}
	}
	for (const [name, port] of [
		['--port', o.port],
		['--sim-port', o.simPort],
	]) {
		if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartError(`${name} must be a TCP port number`);
	}
	if (o.port === o.simPort) throw new StartError('n8n and the simulator need different ports');
	o.userFolder = path.resolve(o.userFolder);
	return o;
}

module.exports = { DEFAULTS, USAGE, StartError, parseArgs };
