// Flat config: eslint-plugin-n8n-nodes-base's community (package.json), credentials and nodes rule sets.
const tsParser = require('@typescript-eslint/parser');
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const js = require('@eslint/js');
const globals = require('globals');

const rulesOf = (name) => n8nNodesBase.configs[name].rules;

module.exports = [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', '.n8n-local/**', '.e2e/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: rulesOf('community'),
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...rulesOf('credentials'),
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...rulesOf('nodes'),
			// These two predate NodeConnectionTypes (n8n-workflow >= 1.90), which is what n8n 2.x expects.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
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
		files: ['**/*.js'],
		languageOptions: { ecmaVersion: 2023, sourceType: 'commonjs', globals: { ...globals.node } },
		rules: {
			...js.configs.recommended.rules,
			'no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
		},
	},
	{ files: ['test/**/*.js'], ignores: ['test/e2e/**', 'test/demo/**'], languageOptions: { globals: { ...globals.jest } } },
];
