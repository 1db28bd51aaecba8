'use strict';
/**
 * The baseline the bench compares against (`--baseline <rev>`): that commit's files (`git archive`, so the
 * working tree and its worktrees stay untouched) in a temp folder, `node_modules` a link to the repo's,
 * built there with the repo's toolchain (its own `npm run build`). Removed on exit. A folder that already
 * holds a build (`dist/`) is used as it is.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { run } = require('../../scripts/lib/processes');
const { ROOT } = require('./package-copy');

const NODE_FILE = path.join('dist', 'nodes', 'WeChatOfficialAccount', 'WeChatOfficialAccount.node.js');

async function checked(command, args, options) {
	const result = await run(command, args, { timeoutMs: 300000, ...options });
	if (result.code !== 0) {
		const reason = (result.stderr || result.stdout || `exit ${result.code}`).trim().split('\n').slice(-6).join(' / ');
		throw new Error(`${command} ${args.join(' ')} failed: ${reason}`);
	}
	return result.stdout.trim();
}

/** { packageDir, rev, commit, subject } of the baseline; builds it from `rev` unless `rev` is a built folder. */
async function prepareBaseline(rev) {
	const given = path.resolve(rev);
	if (fs.existsSync(path.join(given, NODE_FILE))) return { packageDir: given, rev, commit: 'a built folder' };
	const commit = await checked('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: ROOT });
	const subject = await checked('git', ['log', '-1', '--format=%s', commit], { cwd: ROOT });
	const packageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-bench-baseline-'));
	process.once('exit', () => fs.rmSync(packageDir, { recursive: true, force: true })); // the link, not node_modules
	const archive = path.join(packageDir, 'source.tar');
	await checked('git', ['archive', '--format=tar', '-o', archive, commit], { cwd: ROOT });
	await checked('tar', ['-xf', archive, '-C', packageDir]);
	fs.rmSync(archive);
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(packageDir, 'node_modules'), 'dir');
	await checked('npm', ['run', 'build'], { cwd: packageDir });
	if (!fs.existsSync(path.join(packageDir, NODE_FILE))) throw new Error(`the baseline ${rev} built no ${NODE_FILE}`);
	return { packageDir, rev, commit, subject: subject.slice(0, 120) };
}

module.exports = { prepareBaseline };
