/**
 * jest's node environment for the mutation run. During a Stryker mutant run only:
 * - it skips every test after the first failure: the mutant is killed, the rest would only cost
 *   time (Stryker's jest runner cannot bail);
 * - it hands the tests Stryker selected (jest's testNamePattern) to all-suites.js as the global
 *   `__mutantRunTests`, so that suites with none of them are not even loaded.
 * In the dry run (no active mutant) every test runs, so that Stryker sees what each test covers.
 */
const { TestEnvironment } = require('jest-environment-node');

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

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
		if (!this.failed) return;
		// a skipped block's beforeAll (simulator, engine) does not run either
		if (event.name === 'run_describe_start') skipAll(event.describeBlock);
		if (event.name === 'test_start') event.test.mode = 'skip';
	}
}

module.exports = BailEnvironment;
