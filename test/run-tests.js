#!/usr/bin/env node
/**
 * Runs the test suites: the unit suites once per machine time zone (the machine's zone must never
 * change a result), then the simulator and engine suites. Prints one closing line
 * "N passed, N failed" and exits non-zero on any failure.
 *   node test/run-tests.js            all of it
 *   node test/run-tests.js --unit     unit suites only
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const jest = require.resolve('jest/bin/jest');
const UNIT_ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'];
const onlyUnit = process.argv.includes('--unit');

const runs = UNIT_ZONES.map((tz) => ({ label: `unit (TZ=${tz})`, tz, paths: ['test/unit'] }));
if (!onlyUnit) runs.push({ label: 'simulator + engine (TZ=America/Los_Angeles)', tz: 'America/Los_Angeles', paths: ['test/simulator', 'test/engine'] });

let passed = 0;
let failed = 0;
let broken = false;
for (const run of runs) {
	const out = path.join(os.tmpdir(), `jest-${process.pid}-${run.tz.replace('/', '_')}-${run.paths.length}.json`);
	console.log(`\n=== ${run.label}`);
	const result = spawnSync(process.execPath, [jest, '--json', `--outputFile=${out}`, ...run.paths], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, TZ: run.tz },
	});
	let summary;
	try {
		summary = JSON.parse(fs.readFileSync(out, 'utf8'));
		fs.unlinkSync(out);
	} catch {
		summary = undefined;
	}
	if (!summary || result.status !== 0) broken = true;
	if (summary) {
		passed += summary.numPassedTests;
		failed += summary.numFailedTests;
		if (summary.numTotalTests === 0) broken = true;
	}
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
