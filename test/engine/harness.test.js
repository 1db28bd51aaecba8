'use strict';
// Proves the in-process n8n engine harness on a throwaway fixture package (fixture-package.js)
// against a local token/data server (fixture-server.js). Run: npx jest test/engine --testEnvironment node
const fs = require('node:fs');
const { createEngine } = require('./harness');
const { writeFixturePackage, PACKAGE_NAME } = require('./fixture-package');
const { startFixtureServer } = require('./fixture-server');

jest.setTimeout(30000);

const FIXTURE_TYPE = `${PACKAGE_NAME}.fixture`;

function workflow(fixtureParameters = {}, fixtureSettings = {}) {
	return {
		nodes: [
			{ name: 'Input', type: 'harness.input', parameters: { items: '[{"a":1}]' } },
			{
				name: 'Fixture',
				type: FIXTURE_TYPE,
				parameters: fixtureParameters,
				credentials: { fixtureApi: { id: 'cred-1', name: 'Fixture account' } },
				...fixtureSettings,
			},
		],
		connections: { Input: { main: [[{ node: 'Fixture', type: 'main', index: 0 }]] } },
	};
}

let packageDir;
let engine;
let server;

beforeAll(async () => {
	packageDir = writeFixturePackage();
	engine = await createEngine({ packageDir });
});

afterAll(() => fs.rmSync(packageDir, { recursive: true, force: true }));

beforeEach(async () => {
	server = await startFixtureServer();
	engine.credentials.set('cred-1', 'fixtureApi', { baseUrl: server.baseUrl, appId: 'app-id', appSecret: 'app-secret' });
	engine.credentials.resetCounters();
});

afterEach(async () => server.close());

const dataRequests = () => server.state.requests.filter((r) => r.path === '/api/data');

test('loads the package as n8n does', () => {
	expect(engine.packageName).toBe(PACKAGE_NAME);
	expect(engine.nodeTypes).toEqual([FIXTURE_TYPE]);
	expect(engine.credentialTypes).toEqual(['fixtureApi']);
});

test('runs the workflow over real HTTP, fetches the token once and persists it; the next run reuses it', async () => {
	const first = await engine.run(workflow(), { timezone: 'Asia/Shanghai' });
	expect(first.error).toBeUndefined();
	expect(first.status).toBe('success');
	expect(first.executionOrder).toEqual(['Input', 'Fixture']);
	expect(first.data.Input).toEqual([{ json: { a: 1 }, pairedItem: { item: 0 } }]);
	expect(first.data.Fixture).toHaveLength(1);
	expect(first.data.Fixture[0].json).toEqual({ list: [{ n: 1 }, { n: 2 }], token: 'tok-1', timezone: 'Asia/Shanghai' });
	expect(server.state.tokensIssued).toBe(1);
	expect(engine.credentials.preAuthCount).toBe(1);
	expect(engine.credentials.get('cred-1').accessToken).toBe('tok-1');
	expect(dataRequests().map((r) => r.query.access_token)).toEqual(['tok-1']);

	const started = Date.now();
	const second = await engine.run(workflow(), { timezone: 'Asia/Shanghai' });
	expect(second.error).toBeUndefined();
	expect(second.data.Fixture[0].json.token).toBe('tok-1');
	expect(server.state.tokensIssued).toBe(1);
	expect(engine.credentials.preAuthCount).toBe(1);
	expect(Date.now() - started).toBeLessThan(1000);
});

test("credentialsDecrypted with accessToken '' forces a refresh that is persisted", async () => {
	await engine.run(workflow());
	expect(engine.credentials.get('cred-1').accessToken).toBe('tok-1');

	const result = await engine.run(workflow({ forceRefresh: true }));
	expect(result.error).toBeUndefined();
	expect(result.data.Fixture[0].json.token).toBe('tok-2');
	expect(server.state.tokensIssued).toBe(2);
	expect(engine.credentials.preAuthCount).toBe(2);
	expect(engine.credentials.get('cred-1')).toEqual({
		baseUrl: server.baseUrl,
		appId: 'app-id',
		appSecret: 'app-secret',
		accessToken: 'tok-2',
	});
	expect(engine.credentials.calls.filter((c) => c.method === 'updateCredentials')).toHaveLength(2);

	await engine.run(workflow());
	expect(server.state.tokensIssued).toBe(2);
	expect(dataRequests().map((r) => r.query.access_token)).toEqual(['tok-1', 'tok-2', 'tok-2']);
});

test('a token rejected with HTTP 200 + errcode is refreshed once by the node and persisted', async () => {
	engine.credentials.set('cred-1', 'fixtureApi', {
		baseUrl: server.baseUrl,
		appId: 'app-id',
		appSecret: 'app-secret',
		accessToken: 'stale',
	});
	const result = await engine.run(workflow());
	expect(result.error).toBeUndefined();
	expect(result.data.Fixture[0].json.token).toBe('tok-1');
	expect(dataRequests().map((r) => r.query.access_token)).toEqual(['stale', 'tok-1']);
	expect(engine.credentials.get('cred-1').accessToken).toBe('tok-1');
});

test('HTTP 401 makes n8n itself run preAuthentication (credentialsExpired) and persist the new token', async () => {
	engine.credentials.set('cred-1', 'fixtureApi', {
		baseUrl: server.baseUrl,
		appId: 'app-id',
		appSecret: 'app-secret',
		accessToken: 'stale',
	});
	const result = await engine.run(workflow({ path: '/api/strict' }));
	expect(result.error).toBeUndefined();
	expect(result.data.Fixture[0].json.token).toBe('tok-1');
	expect(engine.credentials.calls.find((c) => c.method === 'preAuthentication')).toMatchObject({
		credentialsExpired: true,
	});
	expect(engine.credentials.get('cred-1').accessToken).toBe('tok-1');
});

test('getDecrypted hands out copies: what a node does to its credentials never leaks into the store', async () => {
	engine.credentials.get('cred-1').appSecret = 'mutated';
	expect(engine.credentials.get('cred-1').appSecret).toBe('app-secret');
	const decrypted = await engine.credentials.getDecrypted({}, { id: 'cred-1' }, 'fixtureApi', 'manual');
	decrypted.appId = 'mutated';
	expect(decrypted.accessToken).toBe(''); // the type's default is applied, as n8n does
	expect(engine.credentials.get('cred-1').appId).toBe('app-id');
});

test('node errors: execution error without continueOnFail, error items with it', async () => {
	const failed = await engine.run(workflow({ path: '/api/quota' }));
	expect(failed.status).toBe('error');
	expect(failed.error).toMatchObject({
		message: expect.stringContaining('45009'),
		description: 'from the fixture server',
		node: 'Fixture',
	});
	expect(failed.nodeErrors.Fixture.message).toContain('45009');

	for (const settings of [{ onError: 'continueRegularOutput' }, { continueOnFail: true }]) {
		const continued = await engine.run(workflow({ path: '/api/quota' }, settings));
		expect(continued.error).toBeUndefined();
		expect(continued.data.Fixture).toEqual([
			{ json: { error: expect.stringContaining('45009') }, pairedItem: { item: 0 } },
		]);
	}
});

test('testCredential: preAuthentication only for an empty token field, then the test request and its rules', async () => {
	const ok = await engine.testCredential('fixtureApi', {
		baseUrl: server.baseUrl,
		appId: 'app-id',
		appSecret: 'app-secret',
		accessToken: '',
	});
	expect(ok).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(engine.credentials.preAuthCount).toBe(1);

	// Not forced while a token is set (n8n 2.41.1: the temp node's type is 'noOp', not 'n8n-nodes-base.noOp'):
	// the test request carries the stale token, and the rule reports it.
	const stale = await engine.testCredential('fixtureApi', {
		baseUrl: server.baseUrl,
		appId: 'app-id',
		appSecret: 'app-secret',
		accessToken: 'old',
	});
	expect(stale).toEqual({ status: 'Error', message: 'Token rejected' });
	expect(engine.credentials.preAuthCount).toBe(1);

	const badSecret = await engine.testCredential('fixtureApi', {
		baseUrl: server.baseUrl,
		appId: 'app-id',
		appSecret: 'wrong',
	});
	expect(badSecret).toEqual({ status: 'Error', message: expect.stringContaining('40125') });

	// stored credential tested by id: the fresh token is persisted
	const byId = await engine.testCredential('fixtureApi', undefined, { id: 'cred-1' });
	expect(byId.status).toBe('OK');
	expect(engine.credentials.get('cred-1').accessToken).toBe(`tok-${server.state.tokensIssued}`);
});

test('responseSuccessBody rule fails the test when body[key] === value', async () => {
	const type = engine.getCredentialType('fixtureApi');
	const original = type.preAuthentication;
	type.preAuthentication = async () => ({ accessToken: 'not-a-valid-token' });
	try {
		const result = await engine.testCredential('fixtureApi', {
			baseUrl: server.baseUrl,
			appId: 'app-id',
			appSecret: 'app-secret',
		});
		expect(result).toEqual({ status: 'Error', message: 'Token rejected' });
	} finally {
		type.preAuthentication = original;
	}
});
