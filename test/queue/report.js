'use strict';
/** Steps, checks, skips, figures and the closing "N passed, N failed, N skipped" line of the queue-mode test. */
const { createLog } = require('../../scripts/lib/log');

const { log, secs } = createLog('queue');
const counts = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const figures = [];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const indent = (text) => String(text).split('\n').join('\n        ');

/** Prints a step line; returns done(note) that prints how long it took. */
function step(title) {
	const t0 = Date.now();
	log(title);
	return (note = '') => log(`  done in ${seconds(Date.now() - t0)}${note ? `: ${note}` : ''}`);
}

const info = (line) => console.log(`        ${line}`);

/** What fn() says is wrong: nothing when it returns nothing, else the string it returns or the error it throws. */
function wrongWith(fn) {
	try {
		const result = fn();
		return typeof result === 'string' ? result : undefined;
	} catch (error) {
		return (error && error.message) || String(error);
	}
}

/** A check: passes when fn() finds nothing wrong. */
function check(name, fn) {
	const reason = wrongWith(fn);
	if (reason !== undefined) {
		fail(name, reason);
		return false;
	}
	counts.passed += 1;
	console.log(`  ok    ${name}`);
	return true;
}

function fail(name, reason) {
	counts.failed += 1;
	failures.push(`${name}: ${String(reason).split('\n')[0]}`);
	console.log(`  FAIL  ${name}\n        ${indent(reason)}`);
}

function skip(name, reason) {
	counts.skipped += 1;
	console.log(`  SKIP  ${name}\n        ${indent(reason)}`);
}

/** A measured figure, printed now and again in the closing table. */
function figure(label, value) {
	figures.push([label, value]);
	console.log(`  =     ${label}: ${value}`);
}

function summary() {
	if (figures.length) {
		console.log('\nFigures:');
		const width = Math.max(...figures.map(([label]) => label.length));
		for (const [label, value] of figures) console.log(`  ${label.padEnd(width)}  ${value}`);
	}
	if (failures.length) {
		console.log('\nFailures:');
		for (const line of failures) console.log(`  - ${line}`);
	}
	console.log(`\nTest stage took ${secs().trim()} s.`);
	console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
	return { ...counts };
}

module.exports = { step, info, check, fail, skip, figure, summary, seconds };
