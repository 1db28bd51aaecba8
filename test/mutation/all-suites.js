/**
 * The suites Stryker runs against each mutant (stryker.config.js), as ONE jest test file: n8n-core
 * and n8n-workflow (several seconds to load under jest) then load once per mutant run instead of
 * once per suite. Each suite is required inside its own describe block, so its hooks stay its own
 * and a suite whose tests the run does not select starts no simulator or engine.
 *
 * Order: the unit suites first (fast), then the engine suites smallest first; with the bail
 * environment a killed mutant stops at its first failing test. In a mutant run, a suite none of
 * whose tests Stryker selected is not loaded at all (Stryker's pattern is "(full name)|(full
 * name)…", and every full name starts with the suite's describe name). Left out: the simulator's own
 * suites and harness.test.js, which never reach the package's code.
 */
const fs = require('node:fs');
const path = require('node:path');

const testDir = path.resolve(__dirname, '..');
const LEFT_OUT = new Set(['engine/harness.test.js']);

function suites(dir, pattern) {
	return fs
		.readdirSync(path.join(testDir, dir))
		.filter((name) => pattern.test(name) && !LEFT_OUT.has(`${dir}/${name}`))
		.map((name) => path.join(testDir, dir, name))
		.sort((a, b) => fs.statSync(a).size - fs.statSync(b).size || a.localeCompare(b));
}

/** The tests of this mutant run, unescaped; undefined outside a mutant run (every suite then). */
const selected = globalThis.__mutantRunTests?.replace(/\\(.)/g, '$1');

for (const file of [...suites('unit', /\.test\.ts$/), ...suites('engine', /\.test\.js$/)]) {
	const name = path.relative(testDir, file);
	if (selected !== undefined && !selected.includes(`(${name} `)) continue;
	describe(name, () => {
		require(file);
	});
}
