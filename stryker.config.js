/**
 * Mutation testing (npm run test:mutation): StrykerJS mutates the TypeScript source of nodes/ and
 * credentials/ (not the parameter descriptions) and runs the jest suites against each mutant. The
 * TypeScript checker drops mutants that do not compile before any test runs.
 *
 * The engine tests see the mutants: test/mutation/jest.config.js maps the built files n8n loads
 * (dist/...) to their TypeScript source, which ts-jest compiles with Stryker's mutant switches. No
 * build is needed: dist/ is not copied into the sandbox, and `npm ci && npm run test:mutation` works
 * from a clean clone.
 *
 * Speed: every unit and engine suite runs inside one jest test file (test/mutation/all-suites.js),
 * so n8n's packages load once per mutant run, and the bail environment (test/mutation/
 * bail-environment.js) skips the remaining tests once one has failed.
 *
 * perTest coverage runs only the tests that reach a mutant. Code that runs while n8n loads the
 * package (module level, class fields) is "static": such mutants would need every suite per mutant,
 * so they are ignored (listed as Ignored in the report), not counted as survived or killed.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
	packageManager: 'npm',
	testRunner: 'jest',
	checkers: ['typescript'],
	tsconfigFile: 'tsconfig.json',
	mutate: ['nodes/**/*.ts', 'credentials/**/*.ts', '!nodes/**/description/**', '!**/*.node.json', '!**/*.d.ts'],
	ignorePatterns: [
		'dist',
		'.n8n-local',
		'coverage',
		'reports',
		'docs',
		'.bench',
		'bench-results',
		'.e2e',
		'*.tgz',
		'test/e2e',
		'test/queue',
	],
	jest: {
		projectType: 'custom',
		configFile: 'test/mutation/jest.config.js',
		enableFindRelatedTests: false,
	},
	coverageAnalysis: 'perTest',
	ignoreStatic: true,
	concurrency: 2,
	timeoutMS: 10000,
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: { fileName: 'reports/mutation/mutation.html' },
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	thresholds: { high: 90, low: 85, break: null },
	tempDirName: '.stryker-tmp',
	cleanTempDir: true,
};
