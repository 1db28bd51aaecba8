'use strict';
/** npm start once n8n is up: the REST checks (login, node type, imported entities) and the box of what to open. */
const { request, n8nLogin } = require('../lib/http');
const { PACKAGE_NAME, NODE_TYPE, SIM_CREDENTIAL } = require('../lib/entities');
const { show } = require('../lib/log');
const { StartError } = require('./args');
const { DEMO_WORKFLOW } = require('./seed');

/** Logs in over REST and checks that the node type, the credential and the imported workflows are there. Resolves the problems. */
async function checkInstance(opts, workflows, { log, warn }) {
	const base = `http://127.0.0.1:${opts.port}`;
	let cookie;
	try {
		cookie = await n8nLogin(base, opts.email, opts.password);
	} catch (error) {
		throw new StartError(error.message);
	}
	log(`logged in over REST as ${opts.email}`);
	const types = await request('GET', `${base}/types/nodes.json`, { cookie, timeoutMs: 30000 });
	if (types.status !== 200 || !types.text.includes(`"${NODE_TYPE}"`)) {
		throw new StartError(
			`n8n did not load ${NODE_TYPE} (GET /types/nodes.json: ${types.status}); is dist/ built? (npm run build)`,
		);
	}
	const problems = [];
	const cred = await request('GET', `${base}/rest/credentials/${SIM_CREDENTIAL.id}`, { cookie });
	if (cred.status !== 200) problems.push(`credential ${SIM_CREDENTIAL.id} (${cred.status})`);
	for (const { workflow } of workflows) {
		const res = await request('GET', `${base}/rest/workflows/${workflow.id}`, { cookie });
		if (res.status !== 200) problems.push(`workflow "${workflow.name}" (${res.status})`);
	}
	if (problems.length) {
		warn(`not found in n8n: ${problems.join(', ')}. Restart with --reimport to import them again.`);
	} else {
		log(`node type ${NODE_TYPE}, credential "${SIM_CREDENTIAL.name}" and ${workflows.length} workflow(s) are in n8n`);
	}
	return problems;
}

function box(lines) {
	const width = Math.max(...lines.map((l) => l.length));
	const bar = '─'.repeat(width + 2);
	return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`].join('\n');
}

/** The box printed when everything runs: where to log in, what to open and click. */
function readyBox(opts, { workflows, simUrl, n8nLog, simLog }) {
	const url = `http://localhost:${opts.port}`;
	const examples = workflows.slice(1).map((w) => w.workflow.name);
	return `\n${box([
		`n8n with ${PACKAGE_NAME} is running`,
		'',
		`Open:     ${url}`,
		`Log in:   ${opts.email}`,
		`Password: ${opts.password}`,
		'',
		`Then open the workflow "${DEMO_WORKFLOW.name}"`,
		`  (${url}/workflow/${DEMO_WORKFLOW.id}),`,
		'  and click "Execute workflow": the rows from the simulator appear',
		'  in the Logs panel (or double-click the WeChat Official Account node).',
		...(examples.length ? ['', 'Also imported (examples/):', ...examples.map((name) => `  - ${name}`)] : []),
		'',
		`WeChat simulator: ${simUrl}   credential: "${SIM_CREDENTIAL.name}"`,
		`Logs: ${show(n8nLog)}, ${show(simLog)}`,
		'Stop: Ctrl-C',
	])}\n\n`;
}

module.exports = { checkInstance, readyBox };
