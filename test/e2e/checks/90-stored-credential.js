/** What n8n stored: the credential with the refreshed token, encrypted at rest; no secret in any n8n output. */
const fs = require('node:fs');
const path = require('node:path');
const { CREDENTIAL_TYPE, SIM_CREDENTIAL } = require('../../../scripts/lib/entities');
const { check } = require('../lib/report');

module.exports = {
	steps: [
		{
			title:
				"n8n export:credentials --all --decrypted: the credential type, and the refreshed token persisted in n8n's DB",
			async run(ctx) {
				const { sim, tokens } = ctx;
				const file = path.join(ctx.tmp, 'exported-credentials.json');
				await ctx.n8n('export-credentials', ['export:credentials', '--all', '--decrypted', `--output=${file}`]);
				const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
				fs.rmSync(file);
				check(`the credential is stored as type ${CREDENTIAL_TYPE} and holds the token of the last refresh`, () => {
					// The suite's credential, by id: checks 79 (its own clocked simulator) and 86 (the MCP example's
					// Bearer Auth) import credentials of their own next to it.
					const wechat = stored.filter((c) => c.id === SIM_CREDENTIAL.id);
					if (wechat.length !== 1) return `${wechat.length} credentials with id ${SIM_CREDENTIAL.id}`;
					const [credential] = wechat;
					if (
						credential.id !== SIM_CREDENTIAL.id ||
						credential.type !== CREDENTIAL_TYPE ||
						credential.name !== SIM_CREDENTIAL.name
					) {
						return `${credential.id} ${credential.type} ${credential.name}`;
					}
					if (credential.data.appId !== sim.appId || credential.data.baseUrl !== sim.url)
						return 'appId/baseUrl changed';
					if (!credential.data.accessToken || credential.data.accessToken !== tokens.refreshed)
						return 'the stored accessToken is not the refreshed token';
				});
				const secrets = [sim.appSecret, tokens.first, tokens.refreshed].filter(Boolean);
				check(
					'n8n encrypted the credential at rest: neither the App Secret nor a token is readable in its database files',
					() => {
						const dir = path.join(ctx.userFolder, '.n8n');
						const dbFiles = fs.readdirSync(dir).filter((f) => f.startsWith('database.sqlite'));
						if (!dbFiles.length) return 'no database.sqlite';
						if (!tokens.first || !tokens.refreshed) return 'the earlier checks recorded no tokens to look for';
						for (const dbFile of dbFiles) {
							const bytes = fs.readFileSync(path.join(dir, dbFile));
							for (const secret of secrets) if (bytes.includes(secret)) return `found in ${dbFile}`;
						}
					},
				);
				check('no n8n command printed the App Secret or a token', () => {
					for (const { where, text } of ctx.outputs)
						for (const secret of secrets) if (text.includes(secret)) return `in ${where}`;
				});
			},
		},
	],
};
