'use strict';
/**
 * What the tooling puts into n8n: the package's node type, the credential pointing at the WeChat simulator,
 * and the workflows of examples/ (n8n's export format).
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(REPO, 'package.json')).name;
const NODE_TYPE = `${PACKAGE_NAME}.weChatOfficialAccount`;
const CREDENTIAL_TYPE = 'weChatOfficialAccountApi';
/** The credential every tool imports (fixed id: importing again updates it, never duplicates it). */
const SIM_CREDENTIAL = Object.freeze({ id: 'wechatSimCred01', name: 'WeChat (local simulator)' });
const EXAMPLES_DIR = path.join(REPO, 'examples');

/** The credential's fields for a simulator ({ url, appId, appSecret }). */
function simCredentialData(sim) {
	return {
		appId: sim.appId,
		appSecret: sim.appSecret,
		baseUrl: sim.url,
		issuingEndpoint: 'stable',
		allowInsecureHttp: false,
	};
}

/** The credential as `n8n import:credentials` takes it: plain data, which n8n encrypts on import. */
function simCredential(sim) {
	return { ...SIM_CREDENTIAL, type: CREDENTIAL_TYPE, data: simCredentialData(sim) };
}

/** Does this JSON look like an n8n workflow export? */
const isWorkflow = (json) => Boolean(json) && Array.isArray(json.nodes) && typeof json.connections === 'object';

/** examples/*.json, sorted: [{ file, path, workflow }] (workflow is null when the file is not JSON). */
function readExamples(dir = EXAMPLES_DIR) {
	const files = fs.existsSync(dir)
		? fs
				.readdirSync(dir)
				.filter((file) => file.endsWith('.json'))
				.sort()
		: [];
	return files.map((file) => {
		const full = path.join(dir, file);
		let workflow = null;
		try {
			workflow = JSON.parse(fs.readFileSync(full, 'utf8'));
		} catch {
			/* reported by the caller */
		}
		return { file, path: full, workflow };
	});
}

/**
 * The workflow's own id when it has a valid one, else one derived from its file name: a workflow without an id
 * would be inserted again at every import.
 */
function stableWorkflowId(workflow, file) {
	return typeof workflow.id === 'string' && /^[A-Za-z0-9]{1,36}$/.test(workflow.id)
		? workflow.id
		: `wxex${crypto.createHash('sha256').update(file).digest('hex').slice(0, 12)}`;
}

module.exports = {
	REPO,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_TYPE,
	SIM_CREDENTIAL,
	EXAMPLES_DIR,
	simCredentialData,
	simCredential,
	isWorkflow,
	readExamples,
	stableWorkflowId,
};
