/** Unit tests (TypeScript, pure logic) and engine tests (JavaScript, the built package in n8n's engine). */

// Every run has a named machine time zone (test/unit/timezones.ts checks it): test/run-tests.js sets TZ
// per run; a plain `npx jest` gets the default zone. Node applies a TZ assigned at run time.
process.env.TZ ||= require('./test/unit/timezones.json').defaultZone;

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 60000,
};
