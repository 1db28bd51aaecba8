/**
 * The jest configuration of the mutation run (stryker.config.js): every unit and engine suite in one
 * test file (all-suites.js), the bail environment, and the package loaded from its TypeScript source.
 * `npx jest -c test/mutation/jest.config.js` runs what Stryker's dry run runs, without Stryker.
 *
 * The engine tests load the package as n8n does: PackageDirectoryLoader reads package.json and
 * requires dist/nodes/.../WeChatOfficialAccount.node.js and the credential. Under jest, n8n-core's
 * loadClassInIsolation uses plain `require` (NODE_ENV=test), so moduleNameMapper below points the
 * node and credential files package.json names (and the node's codex .node.json) at their source;
 * ts-jest compiles them (with Stryker's mutant switches) and their imports resolve in the source
 * tree. No build is needed. A suite that requires another built module of the package (dist/...js)
 * gets its source the same way.
 */
const path = require('node:path');
const base = require('../../jest.config');
const { n8n } = require('../../package.json');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** dist/x.js -> x.ts for each node and credential in package.json, and the node's codex file. */
const fromSource = Object.fromEntries(
	[...n8n.nodes, ...n8n.credentials].flatMap((built) => {
		const source = built.replace(/^dist\//, '').replace(/\.js$/, '');
		const entries = [[`^(.*)/${escape(built)}$`, `$1/${source}.ts`]];
		if (n8n.nodes.includes(built)) entries.push([`^(.*)/${escape(built)}on$`, `$1/${source}.json`]);
		return entries;
	}),
);

const root = path.resolve(__dirname, '..', '..');
/** Any other built module of this package (not of n8n's, whose dist/ folders are left alone). */
const anyBuilt = { [`^${escape(root)}/dist/(.*)\\.js$`]: `${root}/$1.ts` };

module.exports = {
	...base,
	rootDir: root,
	testMatch: ['<rootDir>/test/mutation/all-suites.js'],
	testEnvironment: path.join(__dirname, 'bail-environment.js'),
	moduleNameMapper: { ...fromSource, ...anyBuilt },
};
