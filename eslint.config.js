// Flat config. The shippable sources (nodes/, credentials/, package.json) get exactly what n8n's community
// package scanner (@n8n/scan-community-package, buildScanConfig) and `n8n-node lint` apply:
// @n8n/eslint-plugin-community-nodes' recommended config, unmodified, plus eslint-plugin-n8n-nodes-base's
// community / credentials / nodes rule sets with n8n's own four off-overrides (kept identical to the scanner's:
// the enum NodeConnectionTypes.Main instead of the string "main", which the community rules require; no
// documentation-url casing for community nodes; the community password rule instead of the older one; maxValue).
// `npm run scan` runs n8n's scanner code itself on the source checkout and on the packed tarball.
const tsParser = require('@typescript-eslint/parser');
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const { configs: communityNodes } = require('@n8n/eslint-plugin-community-nodes');
const js = require('@eslint/js');
const globals = require('globals');

const rulesOf = (name) => n8nNodesBase.configs[name].rules;
const SHIPPED = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];

module.exports = [
	{
		ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', '.n8n-local/**', '.e2e/**'],
	},
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } } },
	{ files: ['package.json'], languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } } },
	{ ...communityNodes.recommended, files: SHIPPED },
	{ files: SHIPPED, rules: { 'no-console': 'error' } },
	{ files: SHIPPED, plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: rulesOf('community') },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...rulesOf('credentials'),
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...rulesOf('nodes'),
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			'no-restricted-globals': [
				'error',
				{ name: 'setTimeout', message: 'Use sleep from n8n-workflow.' },
				{ name: 'setInterval', message: 'Not allowed in n8n node code.' },
				{ name: 'process', message: 'Not allowed in n8n node code.' },
			],
		},
	},
	// JavaScript (scripts/, bench/, test/, the config files): eslint's recommended rules, Node globals; jest's in the jest suites and their helpers.
	{
		files: ['**/*.js', '**/*.mjs'],
		languageOptions: { ecmaVersion: 2023, sourceType: 'commonjs', globals: { ...globals.node } },
		rules: {
			...js.configs.recommended.rules,
			'no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
		},
	},
	{ files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
	{
		files: ['test/**/*.js'],
		ignores: ['test/e2e/**', 'test/demo/**'],
		languageOptions: { globals: { ...globals.jest } },
	},
];
