/**
 * The credential test through n8n's own REST endpoint, as the editor calls it. A running `n8n start`
 * (owner account set from the environment, a session cookie from /rest/login) is asked for the stored credential
 * (GET /rest/credentials/:id?includeData=true: the App Secret and the cached token come back blanked), and the form's
 * data goes to POST /rest/credentials/test with one field changed at a time. A wrong App Secret and a wrong AppID must
 * each fail with their own message although a valid token is cached; the unchanged form must pass, and fail for any
 * errcode WeChat answers (also one no rule names). n8n is stopped afterwards and its whole process group is gone.
 */
const fs = require('node:fs');
const path = require('node:path');
const { n8nEnv, ownerEnv, startN8n } = require('../../../scripts/lib/n8nApp');
const { freePort, sleep } = require('../../../scripts/lib/processes');
const { request, n8nLogin } = require('../../../scripts/lib/http');
const { SIM_CREDENTIAL } = require('../../../scripts/lib/entities');
const { isTokenCall } = require('../../../scripts/lib/simulator');
const { check, info } = require('../lib/report');
const { describeCalls } = require('../lib/execution');

const OWNER = { email: 'e2e-owner@example.com', password: 'E2e-owner-password-1' };
const WRONG_SECRET = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const UNKNOWN_APP_ID = 'wx9999999999other';
const CALLER_IP = '203.0.113.7';
/** How n8n's REST API sends a stored password field to the editor (n8n-workflow's CREDENTIAL_BLANKING_VALUE). */
const BLANKED = '__n8n_BLANK_VALUE_';

/** Is any process of this process group still there? */
function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** POST /rest/credentials/test with the form's data changed by `change`; resolves n8n's { status, message }. */
async function testCredential(base, cookie, form, change) {
	const credentials = { id: form.id, name: form.name, type: form.type, data: { ...form.data, ...change } };
	const res = await request('POST', `${base}/rest/credentials/test`, {
		body: { credentials },
		cookie,
		timeoutMs: 60000,
	});
	if (res.status !== 200 || !res.json || !res.json.data)
		throw new Error(`POST /rest/credentials/test answered ${res.status}: ${res.text.slice(0, 300)}`);
	return res.json.data;
}

/** The check of one test result: status, and the parts the message must (and must not) hold. */
function expectResult(result, { status, has = [], hasNot = [] }) {
	const shown = `${result.status}: ${result.message}`;
	if (result.status !== status) return shown;
	for (const part of has) if (!String(result.message || '').includes(part)) return `${shown} (lacks "${part}")`;
	for (const part of hasNot) if (String(result.message || '').includes(part)) return `${shown} (holds "${part}")`;
}

const CASES = [
	{
		title: 'the form as saved (App Secret blanked by n8n, restored on the server): "OK"',
		change: {},
		expect: { status: 'OK' },
	},
	{
		title: 'a wrong App Secret: fails with the App Secret message (errcode 40125), the secret not shown',
		change: { appSecret: WRONG_SECRET },
		expect: {
			status: 'Error',
			has: ['WeChat rejected the App Secret', 'errcode 40125', 'WeChat Developers Platform', 'Development Keys'],
			hasNot: [WRONG_SECRET],
		},
		appId: (sim) => sim.appId,
	},
	{
		title: `a wrong AppID (${UNKNOWN_APP_ID}): fails with the AppID message (errcode 40013)`,
		change: { appId: UNKNOWN_APP_ID },
		expect: { status: 'Error', has: ['WeChat does not recognise the AppID', 'errcode 40013'] },
		appId: () => UNKNOWN_APP_ID,
	},
	{
		title: `the form as saved, this server not on the IP whitelist (WeChat sees ${CALLER_IP}): fails with the whitelist message (errcode 40164)`,
		change: {},
		simOptions: { ipWhitelisted: false, callerIp: CALLER_IP },
		expect: { status: 'Error', has: ['IP whitelist', 'errcode 40164'] },
	},
	{
		title: 'the form as saved, WeChat answers 45009 (daily quota used up): fails with the message the node gives',
		change: {},
		simOptions: { tokenErrcode: 45009 },
		expect: {
			status: 'Error',
			has: ['The daily API quota of this Official Account is used up (errcode 45009)', 'resets at midnight China time'],
		},
	},
	{
		title: 'the form as saved, WeChat answers an errcode no rule names (40002): fails, no access token in the answer',
		change: {},
		simOptions: { tokenErrcode: 40002 },
		expect: { status: 'Error', has: ['WeChat answered without an access token'] },
	},
];

module.exports = {
	steps: [
		{
			title:
				'n8n start with an owner; POST /rest/credentials/test with the saved form, a wrong App Secret, a wrong AppID, no IP whitelist entry, other errcodes',
			async run(ctx) {
				const { sim } = ctx;
				const env = await n8nEnv(ctx.app, {
					userFolder: ctx.userFolder,
					port: await freePort(),
					extra: ownerEnv(ctx.app, OWNER),
				});
				const logFile = path.join(ctx.tmp, 'n8n-start-credential-test.log');
				const t0 = Date.now();
				const n8n = await startN8n(ctx.app, env, { logFile, name: 'n8n start (credential test)' });
				info(`n8n start ready at ${n8n.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s (log ${logFile})`);
				const pgid = n8n.child.pid;
				try {
					const cookie = await n8nLogin(n8n.url, OWNER.email, OWNER.password);
					const res = await request('GET', `${n8n.url}/rest/credentials/${SIM_CREDENTIAL.id}?includeData=true`, {
						cookie,
						timeoutMs: 30000,
					});
					const form = res.json && res.json.data;
					check('GET /rest/credentials/:id gives the form with the App Secret and the cached token blanked', () => {
						if (res.status !== 200 || !form) return `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
						if (form.data.appId !== sim.appId) return `AppID ${form.data.appId}`;
						for (const field of ['appSecret', 'accessToken'])
							if (!String(form.data[field]).startsWith(BLANKED)) return `${field} is not blanked`;
					});
					for (const testCase of CASES) {
						if (testCase.simOptions) await sim.setOptions(testCase.simOptions);
						await sim.resetLog();
						let result;
						try {
							result = await testCredential(n8n.url, cookie, form, testCase.change);
						} finally {
							if (testCase.simOptions) await sim.resetOptions();
						}
						const log = await sim.log();
						check(testCase.title, () => {
							const problem = expectResult(result, testCase.expect);
							if (problem) return problem;
							if (!testCase.appId) return;
							// The entered values were checked with WeChat, not the cached token.
							const tokenCalls = log.filter(isTokenCall);
							if (!tokenCalls.some((c) => c.appId === testCase.appId(sim)))
								return `token requests: ${describeCalls(tokenCalls)}`;
						});
						info(`${result.status}: ${result.message}`);
						ctx.credentialTestLog = (ctx.credentialTestLog || []).concat(log);
					}
					check('testing never invalidated a token: only stable_token requests, none with force_refresh', () => {
						const tokenCalls = ctx.credentialTestLog.filter(isTokenCall);
						const bad = tokenCalls.filter((c) => c.endpoint !== 'stable_token' || c.body.force_refresh !== false);
						if (bad.length)
							return `${bad.length} of ${tokenCalls.length}: ${JSON.stringify(bad[0].body).slice(0, 200)}`;
					});
				} finally {
					const stopped = Date.now();
					const { killed } = await n8n.stop();
					info(
						`n8n stopped in ${((Date.now() - stopped) / 1000).toFixed(1)} s${killed ? ' (SIGKILL after the grace time)' : ''}`,
					);
				}
				let alive = groupAlive(pgid);
				for (let i = 0; alive && i < 20; i++) {
					await sleep(100);
					alive = groupAlive(pgid);
				}
				check(`no process of n8n's process group (${pgid}: n8n, its task runner) is left`, () => {
					if (alive) return `process group ${pgid} still has processes`;
				});
				const logText = fs.readFileSync(logFile, 'utf8');
				const secrets = [sim.appSecret, WRONG_SECRET, ctx.tokens.first, ctx.tokens.refreshed].filter(Boolean);
				check("n8n start's log holds neither the App Secret, the wrong secret tested, nor a token", () => {
					if (!logText.trim()) return 'the log is empty';
					if (secrets.some((secret) => logText.includes(secret))) return `found in ${logFile}`;
				});
				delete ctx.credentialTestLog;
			},
		},
	],
};
