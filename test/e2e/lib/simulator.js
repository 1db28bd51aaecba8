/**
 * The WeChat simulator as a separate process (test/simulator/cli.js on 127.0.0.1, a port the kernel picks),
 * driven through its /__sim/ control routes.
 */
const path = require('path');
const readline = require('readline');
const { spawnTracked, stopChild } = require('./processes');

const CLI = path.resolve(__dirname, '..', '..', 'simulator', 'cli.js');

async function startSimulatorProcess({ env } = {}) {
	const child = spawnTracked(process.execPath, [CLI, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk) => {
		stderr += chunk;
	});
	const first = await new Promise((resolve, reject) => {
		const lines = readline.createInterface({ input: child.stdout });
		const timer = setTimeout(() => reject(new Error(`simulator did not start within 15 s: ${stderr}`)), 15000);
		lines.once('line', (line) => {
			clearTimeout(timer);
			resolve(line);
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`simulator exited with code ${code}: ${stderr}`));
		});
	});
	const { url, appId, appSecret } = JSON.parse(first);
	if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`unexpected simulator url ${url}`);

	async function control(method, route, body) {
		const response = await fetch(`${url}/__sim/${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = await response.json();
		if (!response.ok) throw new Error(`simulator ${method} /__sim/${route}: HTTP ${response.status} ${JSON.stringify(json)}`);
		return json;
	}

	return {
		url,
		appId,
		appSecret,
		pid: child.pid,
		state: () => control('GET', 'state'),
		log: async () => (await control('GET', 'log')).log,
		resetLog: () => control('POST', 'reset-log'),
		expireTokens: () => control('POST', 'expire-tokens'),
		setOptions: (options) => control('POST', 'options', options),
		expected: async (endpoint, begin, end) =>
			(await control('GET', `expected?endpoint=${encodeURIComponent(endpoint)}&begin=${begin}&end=${end}`)).list,
		stop: () => stopChild(child, 5000),
	};
}

const isTokenCall = (entry) => entry.endpoint === 'stable_token' || entry.endpoint === 'token';
const isDatacubeCall = (entry) => entry.path.startsWith('/datacube/');

module.exports = { startSimulatorProcess, isTokenCall, isDatacubeCall };
