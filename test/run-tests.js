#!/usr/bin/env node
/**
 * Runs the test suites: every suite once in the default machine time zone, and the time-zone-sensitive
 * suites (first line `// @tz-sensitive`, see test/unit/timezones.ts) again under each other zone, each
 * zone in its own jest process with TZ set: the machine's zone must never change a result.
 *
 * Prints one closing line "N passed, N failed" that counts distinct checks: a check is a test file and a
 * full test name, and a time-zone-sensitive suite carries its zone in its name, so its run under four
 * zones is four labelled checks. The same name twice is an error, as is a suite that cannot run (counted
 * as one failed check). Exits non-zero on any failure.
 *   node test/run-tests.js            all of it
 *   node test/run-tests.js --unit     unit suites only
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const jest = require.resolve('jest/bin/jest');
const zones = require('./unit/timezones.json');

const TZ_MARKER = '// @tz-sensitive';
const dirs = process.argv.includes('--unit') ? ['test/unit'] : ['test/unit', 'test/simulator', 'test/engine'];

function testFiles(dir) {
	return fs
		.readdirSync(path.join(root, dir), { withFileTypes: true })
		.flatMap((entry) => {
			const rel = path.posix.join(dir, entry.name);
			if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(rel);
			return /\.test\.[jt]s$/.test(entry.name) ? [rel] : [];
		})
		.sort();
}

const files = dirs.flatMap(testFiles);
const tzSensitive = files.filter((file) => fs.readFileSync(path.join(root, file), 'utf8').startsWith(TZ_MARKER));
const runs = [{ tz: zones.defaultZone, files }];
for (const tz of Object.keys(zones.offsets)) {
	if (tz !== zones.defaultZone && tzSensitive.length > 0) runs.push({ tz, files: tzSensitive });
}

const checks = new Map(); // 'file › full name' -> status
let failed = 0;
let broken = false;
for (const run of runs) {
	const out = path.join(os.tmpdir(), `jest-${process.pid}-${run.tz.replace('/', '_')}.json`);
	console.log(
		`\n=== TZ=${run.tz}: ${run.files.length === files.length ? 'all suites' : `time-zone-sensitive suites (${run.files.join(', ')})`}`,
	);
	const result = spawnSync(
		process.execPath,
		[jest, '--json', `--outputFile=${out}`, '--runTestsByPath', ...run.files],
		{
			cwd: root,
			stdio: 'inherit',
			env: { ...process.env, TZ: run.tz },
		},
	);
	let summary;
	try {
		summary = JSON.parse(fs.readFileSync(out, 'utf8'));
		fs.unlinkSync(out);
	} catch {
		summary = undefined;
	}
	if (!summary || result.status !== 0 || summary.numTotalTests === 0) broken = true;
	for (const suite of summary?.testResults ?? []) {
		const file = path.relative(root, suite.name);
		if (suite.status === 'failed' && !suite.assertionResults.some((test) => test.status === 'failed')) {
			console.log(`Suite ${file} (TZ=${run.tz}) could not run: counted as one failed check`);
			failed++;
		}
		for (const test of suite.assertionResults) {
			const key = `${file} › ${test.fullName}`;
			if (checks.has(key)) {
				console.log(
					`Duplicate check "${key}": give it a distinct name (time-zone-sensitive suites use describeInMachineZone)`,
				);
				broken = true;
			}
			checks.set(key, test.status);
		}
	}
}

const count = (status) => [...checks.values()].filter((s) => s === status).length;
const skipped = checks.size - count('passed') - count('failed');
if (skipped > 0) console.log(`\n${skipped} skipped or todo (not counted)`);
failed += count('failed');
console.log(`\n${count('passed')} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
