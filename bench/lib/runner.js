'use strict';
/** The bench's command-line options, medians, and its measurements run in child processes (clean heaps). */
const path = require('node:path');
const { run } = require('../../scripts/lib/processes');

const ROOT = path.resolve(__dirname, '..', '..');

/** --name value (true for a bare --name), else fallback. */
function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = process.argv[index + 1];
	return value === undefined || value.startsWith('--') ? true : value;
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs `node --expose-gc <script> <args>` (env: variables set on top of this process's) and resolves the JSON
 * object on the last line it prints; rejects with the start of its stderr when it fails.
 */
async function runJson(script, args, { timeoutMs = 30 * 60000, env } = {}) {
	const result = await run(process.execPath, ['--expose-gc', script, ...args], {
		cwd: ROOT,
		timeoutMs,
		env: env && { ...process.env, ...env },
	});
	if (result.code !== 0) {
		const reason = (result.stderr || `exit ${result.code}`).trim().split('\n').slice(0, 6).join(' / ');
		throw new Error(`${path.relative(ROOT, script)} ${args.join(' ')} failed: ${reason}`);
	}
	const lines = result.stdout.trim().split('\n');
	return JSON.parse(lines[lines.length - 1]);
}

module.exports = { option, median, runJson };
