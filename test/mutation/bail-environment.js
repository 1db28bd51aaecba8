/**
 * jest's node environment for the mutation run. During a Stryker mutant run only:
 * - it skips every test after the first failure: the mutant is killed, the rest would only cost
 *   time (Stryker's jest runner cannot bail);
 * - it hands the tests Stryker selected (jest's testNamePattern) to all-suites.js as the global
 *   `__mutantRunTests`, so that suites with none of them are not even loaded.
 * - it gives each unit test (suite under unit/) without a timeout of its own UNIT_TIMEOUT_MS: a mutant
 *   that leaves a unit test waiting forever (a promise never settled) fails that test within seconds
 *   and is killed, instead of holding the run until Stryker's timeout and its worker restart. The
 *   slowest unit test takes well under a second, except those that declare a longer timeout.
 * In the dry run (no active mutant) every test runs, so that Stryker sees what each test covers.
 */
const { TestEnvironment } = require('jest-environment-node');

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
const UNIT_TIMEOUT_MS = 3000;

/** The name of the suite (all-suites.js's top-level describe: the suite's path under test/) a test is in. */
function suiteOf(test) {
	let block = test.parent;
	while (block.parent?.parent) block = block.parent;
	return block.name;
}

function skipAll(describeBlock) {
	for (const child of describeBlock.children) {
		if (child.type === 'describeBlock') skipAll(child);
		else child.mode = 'skip';
	}
}

class BailEnvironment extends TestEnvironment {
	failed = false;

	constructor(config, context) {
		super(config, context);
		if (process.env[ACTIVE_MUTANT] !== undefined) this.global.__mutantRunTests = config.globalConfig.testNamePattern;
	}

	async handleTestEvent(event, state) {
		await super.handleTestEvent?.(event, state);
		if (process.env[ACTIVE_MUTANT] === undefined) return;
		if (event.name === 'test_done' && event.test.errors.length > 0) this.failed = true;
		if (event.name === 'test_start' && event.test.timeout === undefined && suiteOf(event.test).startsWith('unit/')) {
			event.test.timeout = UNIT_TIMEOUT_MS;
		}
		if (!this.failed) return;
		// a skipped block's beforeAll (simulator, engine) does not run either
		if (event.name === 'run_describe_start') skipAll(event.describeBlock);
		if (event.name === 'test_start') event.test.mode = 'skip';
	}
}

module.exports = BailEnvironment;
