'use strict';
/**
 * Which built package the bench measures. By default a private copy of dist/ and package.json taken when
 * the bench starts (in a temp folder removed on exit, node_modules a link to the repo's), so that an
 * `npm run build` elsewhere in the tree, which empties dist/ for a while, cannot break a long run.
 * `--package-dir DIR` (or BENCH_PACKAGE_DIR) measures an existing built copy instead, unchanged.
 * The collect benchmarks run as child processes and find the same copy through BENCH_PACKAGE_DIR.
 */
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_FILE = path.join('dist', 'nodes', 'WeChatOfficialAccount', 'WeChatOfficialAccount.node.js');

/** The built node's folder inside a package folder (what bench/lib/synthetic.js loads). */
const nodeDir = (packageDir) => path.join(packageDir, 'dist', 'nodes', 'WeChatOfficialAccount');

/** A private copy of ROOT's build: { packageDir, copied: true }, or throws when there is no build. */
function copyBuild() {
	if (!fs.existsSync(path.join(ROOT, NODE_FILE)))
		throw new Error(`No build at ${NODE_FILE}: run "npm run build" first (npm run bench does).`);
	const packageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-bench-package-'));
	process.once('exit', () => fs.rmSync(packageDir, { recursive: true, force: true })); // the link, not node_modules
	fs.cpSync(path.join(ROOT, 'dist'), path.join(packageDir, 'dist'), { recursive: true });
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(packageDir, 'package.json'));
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(packageDir, 'node_modules'), 'dir');
	if (!fs.existsSync(path.join(packageDir, NODE_FILE))) throw new Error('dist/ changed while it was copied: run again');
	return packageDir;
}

/**
 * The package folder to measure (given, or a fresh copy) and sets BENCH_PACKAGE_DIR to it for the child
 * processes. Returns { packageDir, copied }.
 */
function benchPackage(given = process.env.BENCH_PACKAGE_DIR) {
	if (given) {
		const packageDir = path.resolve(given);
		if (!fs.existsSync(path.join(packageDir, NODE_FILE)))
			throw new Error(`No build at ${path.join(packageDir, NODE_FILE)}`);
		process.env.BENCH_PACKAGE_DIR = packageDir;
		return { packageDir, copied: false };
	}
	const packageDir = copyBuild();
	process.env.BENCH_PACKAGE_DIR = packageDir;
	return { packageDir, copied: true };
}

module.exports = { benchPackage, nodeDir, ROOT };
