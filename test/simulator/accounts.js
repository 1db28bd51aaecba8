'use strict';
// The Official Accounts the simulator knows: the primary one (options appId/appSecret) and any in
// options.accounts ([{ appId, appSecret, ipWhitelisted? }]). Tokens are bound to the account that got
// them, and each account has its own statistics: the primary account's rows are the unsalted data set,
// every other account's rows are seeded by its AppID.

function checkAccounts(accounts) {
	if (!Array.isArray(accounts)) throw new Error('accounts must be an array of { appId, appSecret }');
	const seen = new Set();
	for (const a of accounts) {
		if (!a || typeof a.appId !== 'string' || !a.appId || typeof a.appSecret !== 'string' || !a.appSecret) {
			throw new Error('each account needs a non-empty appId and appSecret');
		}
		if (seen.has(a.appId)) throw new Error(`account ${a.appId} listed twice`);
		seen.add(a.appId);
	}
	return accounts.map((a) => ({ ...a }));
}

/** Every known account, the primary one first. */
function allAccounts(opts) {
	const extra = (opts.accounts || []).filter((a) => a.appId !== opts.appId);
	return [{ appId: opts.appId, appSecret: opts.appSecret }, ...extra];
}

function findAccount(opts, appId) {
	return allAccounts(opts).find((a) => a.appId === appId) || null;
}

/** The data seed of an account's rows: '' for the primary account, its AppID otherwise. */
function seedOf(opts, appId) {
	return !appId || appId === opts.appId ? '' : appId;
}

/** Whether calls for this account come from a whitelisted IP (global switch, then per account). */
function whitelisted(opts, appId) {
	if (!opts.ipWhitelisted) return false;
	const account = findAccount(opts, appId);
	return !(account && account.ipWhitelisted === false);
}

module.exports = { checkAccounts, allAccounts, findAccount, seedOf, whitelisted };
