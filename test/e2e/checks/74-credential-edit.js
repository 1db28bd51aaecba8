/**
 * Issue 8 §1 in the real app: the credential edited to another account the way the editor saves it. After earlier
 * executions cached a token, the stored credential is exported (decrypted), only its AppID is changed (the App
 * Secret, Base URL, endpoint, the hidden cached token and its binding keep their stored values) and it is imported
 * over the stored one. The next execution must fetch a token for the new AppID and return that account's rows; with
 * an AppID WeChat does not know it must fail with the AppID message and return no rows. The stored credential is
 * put back as it was for the checks after this one.
 */
const fs = require('node:fs');
const path = require('node:path');
const { importCredentials, nodeItems } = require('../../../scripts/lib/n8nApp');
const { SIM_CREDENTIAL } = require('../../../scripts/lib/entities');
const { isTokenCall, isDatacubeCall } = require('../../../scripts/lib/simulator');
const { oneNodeWorkflow } = require('../lib/workflows');
const { sameRows } = require('../lib/rows');
const { failedWith } = require('../lib/failures');
const { check } = require('../lib/report');
const { executeExpectingSuccess } = require('../lib/exits');
const { notTheRows, describeCalls } = require('../lib/execution');

const SECOND_APP_ID = 'wx0000000000sim02';
const UNKNOWN_APP_ID = 'wx9999999999other';
const APP_ID_MESSAGE = 'WeChat does not recognise the AppID (errcode 40013)';
/** The node names the request window that could not be fetched, then WeChat's reason. */
const FAILED_MESSAGE =
	/^Could not fetch \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: WeChat does not recognise the AppID \(errcode 40013\)$/;
const NODE = 'Daily after the edit';
const RANGE = { begin: '2024-01-01', end: '2024-01-10' };
const WORKFLOW = oneNodeWorkflow('e2eCredEdit00001', 'e2e: credential edited to another AppID', NODE, {
	operation: 'getDaily',
	beginDate: RANGE.begin,
	endDate: RANGE.end,
	options: { addReadableFields: false },
});

/** The stored credential, decrypted (the file n8n writes holds the secret: read, then deleted at once). */
async function exportStored(ctx) {
	const file = path.join(ctx.tmp, 'credential-before-edit.json');
	try {
		await ctx.n8n('export-credential-decrypted', [
			'export:credentials',
			`--id=${SIM_CREDENTIAL.id}`,
			'--decrypted',
			`--output=${file}`,
		]);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** The stored credential with only its AppID changed, imported over the stored one. */
const saveWithAppId = (ctx, stored, appId) =>
	importCredentials(ctx.n8n, [{ ...stored, data: { ...stored.data, appId } }], path.join(ctx.tmp, 'credential-edit'));

module.exports = {
	workflows: () => [WORKFLOW],
	steps: [
		{
			title: `credential edited like the editor saves it: AppID changed to a second account (${SECOND_APP_ID}), the cached token kept; n8n execute`,
			async run(ctx) {
				const { sim } = ctx;
				await sim.setOptions({ accounts: [{ appId: SECOND_APP_ID, appSecret: sim.appSecret }] });
				const exported = await exportStored(ctx);
				const stored = exported.find((c) => c.id === SIM_CREDENTIAL.id);
				ctx.credentialBeforeEdit = stored;
				check('before the edit the stored credential holds a cached token and what it was issued for', () => {
					if (!stored) return `no credential ${SIM_CREDENTIAL.id} among ${exported.length}`;
					if (stored.data.appId !== sim.appId) return `AppID ${stored.data.appId}`;
					if (!stored.data.accessToken || !stored.data.issuedFor) return 'no accessToken / issuedFor stored';
				});
				await saveWithAppId(ctx, stored, SECOND_APP_ID);
				const { result, execution, log } = await executeExpectingSuccess(ctx, 'execute-after-appid-edit', WORKFLOW.id);
				const expected = await sim.expected('getupstreammsg', RANGE.begin, RANGE.end, { appId: SECOND_APP_ID });
				const firstAccount = await sim.expected('getupstreammsg', RANGE.begin, RANGE.end);
				check(
					`the execution returns the ${expected.length} rows of ${SECOND_APP_ID}, not those of ${sim.appId}`,
					() => {
						if (!sameRows(expected, firstAccount))
							return 'the two accounts have the same rows: the check would prove nothing';
						return notTheRows(result, execution, NODE, expected);
					},
				);
				check(`one token request, for ${SECOND_APP_ID}; every WeChat request carried that account's token`, () => {
					const tokenCalls = log.filter(isTokenCall);
					if (tokenCalls.length !== 1 || tokenCalls[0].appId !== SECOND_APP_ID || tokenCalls[0].errcode !== 0)
						return `token requests: ${describeCalls(tokenCalls)}`;
					const calls = log.filter(isDatacubeCall);
					if (!calls.length || calls.some((c) => c.appId !== SECOND_APP_ID || c.errcode !== 0))
						return `datacube requests: ${describeCalls(calls)}`;
					if (calls.some((c) => c.token === stored.data.accessToken))
						return 'a request carried the token cached for the first account';
				});
				ctx.tokens.secondAccount = log.filter(isDatacubeCall).map((c) => c.token)[0];
			},
		},
		{
			title: `credential edited to an AppID WeChat does not know (${UNKNOWN_APP_ID}), the cached token kept; n8n execute fails`,
			async run(ctx) {
				const { sim } = ctx;
				await saveWithAppId(ctx, ctx.credentialBeforeEdit, UNKNOWN_APP_ID);
				const { result, execution, log } = await ctx.execute('execute-unknown-appid', WORKFLOW.id, {
					expectFailure: true,
				});
				check(`the execution fails: "Could not fetch … to …: ${APP_ID_MESSAGE}", and the node output no rows`, () => {
					const message = execution && execution.data.resultData.error && execution.data.resultData.error.message;
					if (!FAILED_MESSAGE.test(message || '')) return `message: ${message}`;
					const problem = failedWith(result, execution, message);
					if (problem) return problem;
					const items = nodeItems(execution, NODE);
					if (items && items.length) return `${items.length} items`;
				});
				check(`WeChat was asked for a token for ${UNKNOWN_APP_ID} (40013) and for no statistics`, () => {
					const tokenCalls = log.filter(isTokenCall);
					if (!tokenCalls.length || tokenCalls.some((c) => c.appId !== UNKNOWN_APP_ID || c.errcode !== 40013))
						return `token requests: ${describeCalls(tokenCalls)}`;
					const calls = log.filter(isDatacubeCall);
					if (calls.length) return `datacube requests: ${describeCalls(calls)}`;
				});
				await sim.setOptions({ accounts: [] });
			},
		},
		{
			title: 'the stored credential put back as it was before the edits (n8n import:credentials)',
			async run(ctx) {
				await importCredentials(ctx.n8n, [ctx.credentialBeforeEdit], path.join(ctx.tmp, 'credential-edit'));
				check("no n8n command printed the second account's token", () => {
					if (!ctx.tokens.secondAccount) return 'no token of the second account was seen';
					for (const { where, text } of ctx.outputs) if (text.includes(ctx.tokens.secondAccount)) return `in ${where}`;
				});
				delete ctx.credentialBeforeEdit;
			},
		},
	],
};
