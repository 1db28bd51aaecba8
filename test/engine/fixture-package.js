'use strict';
// Writes a throwaway, already "built" n8n community package into a temp dir for harness.test.js:
//   credential fixtureApi: baseUrl, appId, appSecret, hidden expirable accessToken;
//     preAuthentication GETs {baseUrl}/cgi-bin/token; authenticate puts access_token in qs;
//     test request GET {baseUrl}/api/ping, fails when body.errcode === 40001
//   node fixture: for each item GET {baseUrl}{path} via httpRequestWithAuthentication; on errcode 40001
//     (token rejected with HTTP 200) retries once with credentialsDecrypted.accessToken = '' so that
//     n8n refreshes and persists the token; `forceRefresh` does that up front; honours continueOnFail.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PACKAGE_NAME = 'n8n-nodes-harness-fixture';

const credentialSource = `'use strict';
class FixtureApi {
	constructor() {
		this.name = 'fixtureApi';
		this.displayName = 'Fixture API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'App ID', name: 'appId', type: 'string', default: '' },
			{ displayName: 'App Secret', name: 'appSecret', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'Access Token', name: 'accessToken', type: 'hidden', typeOptions: { expirable: true }, default: '' },
		];
		this.authenticate = { type: 'generic', properties: { qs: { access_token: '={{$credentials.accessToken}}' } } };
		this.test = {
			request: { baseURL: '={{$credentials.baseUrl}}', url: '/api/ping' },
			rules: [{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 40001, message: 'Token rejected' } }],
		};
	}
	async preAuthentication(credentials) {
		const body = await this.helpers.httpRequest({
			method: 'GET',
			url: credentials.baseUrl + '/cgi-bin/token',
			qs: { grant_type: 'client_credential', appid: credentials.appId, secret: credentials.appSecret },
			json: true,
		});
		if (body.errcode) throw new Error('Token request failed: ' + body.errcode + ' ' + body.errmsg);
		return { accessToken: body.access_token };
	}
}
module.exports = { FixtureApi };
`;

const nodeSource = `'use strict';
const { NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');
class Fixture {
	constructor() {
		this.description = {
			displayName: 'Fixture',
			name: 'fixture',
			group: ['transform'],
			version: 1,
			description: 'Harness fixture node',
			defaults: { name: 'Fixture' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'fixtureApi', required: true }],
			properties: [
				{ displayName: 'Path', name: 'path', type: 'string', default: '/api/data' },
				{ displayName: 'Force Refresh', name: 'forceRefresh', type: 'boolean', default: false },
			],
		};
	}
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const credentials = await this.getCredentials('fixtureApi');
				const request = { method: 'GET', url: credentials.baseUrl + this.getNodeParameter('path', i), json: true };
				const refreshed = () => ({ data: { ...credentials, accessToken: '' } });
				let body = await this.helpers.httpRequestWithAuthentication.call(this, 'fixtureApi', { ...request },
					this.getNodeParameter('forceRefresh', i) ? { credentialsDecrypted: refreshed() } : undefined);
				if (body.errcode === 40001) {
					body = await this.helpers.httpRequestWithAuthentication.call(this, 'fixtureApi', { ...request }, { credentialsDecrypted: refreshed() });
				}
				if (body.errcode) throw new NodeOperationError(this.getNode(), 'API error ' + body.errcode + ': ' + body.errmsg, { itemIndex: i, description: 'from the fixture server' });
				out.push({ json: { ...body, timezone: this.getTimezone() }, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}
module.exports = { Fixture };
`;

/** Creates the package in a new temp dir and returns its path; remove it with fs.rmSync(dir, { recursive: true }). */
function writeFixturePackage(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-fixture-pkg-'))) {
	const files = {
		'package.json': JSON.stringify(
			{
				name: PACKAGE_NAME,
				version: '0.0.1',
				main: 'index.js',
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/FixtureApi.credentials.js'],
					nodes: ['dist/nodes/Fixture/Fixture.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
		'index.js': '',
		'dist/credentials/FixtureApi.credentials.js': credentialSource,
		'dist/nodes/Fixture/Fixture.node.js': nodeSource,
	};
	for (const [file, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), content);
	}
	// n8n hands community packages its own n8n-workflow; here: a symlink to the project's copy
	fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
	fs.symlinkSync(
		path.dirname(require.resolve('n8n-workflow/package.json')),
		path.join(dir, 'node_modules', 'n8n-workflow'),
		'dir',
	);
	return dir;
}

module.exports = { writeFixturePackage, PACKAGE_NAME };
