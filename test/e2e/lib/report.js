/** Progress lines, checks and the closing "N passed, M failed" line of the e2e run. */
const started = Date.now();
let passed = 0;
let failed = 0;
let stepNo = 0;
const failures = [];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const elapsed = () => seconds(Date.now() - started);

/** A progress line for a step; returns a function that prints its end with the time it took. */
function step(title) {
	stepNo += 1;
	const t0 = Date.now();
	console.log(`[e2e ${elapsed().padStart(7)}] step ${stepNo}: ${title}`);
	return (note = '') =>
		console.log(`[e2e ${elapsed().padStart(7)}]   done in ${seconds(Date.now() - t0)}${note ? `: ${note}` : ''}`);
}

function info(line) {
	console.log(`             ${line}`);
}

/** One assertion: fn returns nothing (pass), or throws / returns a string (fail, with that reason). */
function check(name, fn) {
	let reason;
	try {
		const result = fn();
		if (typeof result === 'string') reason = result;
	} catch (error) {
		reason = error && error.message ? error.message : String(error);
	}
	if (reason === undefined) {
		passed += 1;
		console.log(`  ok    ${name}`);
		return true;
	}
	failed += 1;
	failures.push(`${name}: ${reason}`);
	console.log(`  FAIL  ${name}\n        ${reason.split('\n').join('\n        ')}`);
	return false;
}

/** Records a failure that stops the run (setup could not be completed). */
function fatal(name, reason) {
	failed += 1;
	failures.push(`${name}: ${reason}`);
	console.log(`  FAIL  ${name}\n        ${String(reason).split('\n').join('\n        ')}`);
}

function summary() {
	if (failures.length) {
		console.log('\nFailures:');
		for (const line of failures) console.log(`  - ${line.split('\n')[0]}`);
	}
	console.log(`\nTotal ${elapsed()}.`);
	console.log(`${passed} passed, ${failed} failed`);
	return { passed, failed };
}

module.exports = { step, info, check, fatal, summary, seconds };
