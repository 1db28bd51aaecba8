/**
 * What n8n's nodes panel and its community-node review read: the codex file's categories against the
 * list of @n8n/eslint-plugin-community-nodes' valid-node-categories rule (n8n master,
 * packages/@n8n/eslint-plugin-community-nodes/src/rules/valid-node-categories.ts; the installed 0.32.0
 * does not have the rule yet), and the English-only rule of n8n's verification guidelines ("Both the
 * node interface and all documentation must be in English only. This includes parameter names,
 * descriptions, help text, error messages"): every text the editor shows for the node and the
 * credential is free of Chinese characters. Search aliases are not shown (the editor only matches the
 * search text against them), so the Chinese names operators type are kept there.
 */
import type { INodeProperties } from 'n8n-workflow';
import { WeChatOfficialAccountApi } from '../../credentials/WeChatOfficialAccountApi.credentials';
import { WeChatOfficialAccount } from '../../nodes/WeChatOfficialAccount/WeChatOfficialAccount.node';
import codex from '../../nodes/WeChatOfficialAccount/WeChatOfficialAccount.node.json';

const VALID_CATEGORIES = [
	'Data & Storage',
	'Finance & Accounting',
	'Marketing & Content',
	'Productivity',
	'Miscellaneous',
	'Sales',
	'Development',
	'Analytics',
	'Communication',
	'Utility',
	'AI',
];
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Every text the editor shows for these properties: names, descriptions, hints, options, actions, notices. */
function shownTexts(properties: INodeProperties[]): string[] {
	const texts: string[] = [];
	const visit = (entry: Record<string, unknown>) => {
		for (const key of ['displayName', 'name', 'description', 'hint', 'placeholder', 'action']) {
			if (typeof entry[key] === 'string') texts.push(entry[key] as string);
		}
		for (const option of (entry.options as Array<Record<string, unknown>> | undefined) ?? []) visit(option);
		for (const value of (entry.values as Array<Record<string, unknown>> | undefined) ?? []) visit(value);
	};
	for (const property of properties) visit(property as unknown as Record<string, unknown>);
	return texts;
}

describe('codex', () => {
	it('uses only categories the valid-node-categories rule accepts: Analytics and Marketing & Content', () => {
		expect(codex.categories).toEqual(['Analytics', 'Marketing & Content']);
		for (const category of codex.categories) expect(VALID_CATEGORIES).toContain(category);
		expect(codex.categories).not.toContain('Marketing');
	});

	it('search aliases: English names first; the Chinese names are search terms only, never shown', () => {
		expect(codex.alias.filter((alias) => !CHINESE.test(alias))).toEqual(['Weixin', 'Official Account', 'datacube']);
		expect(codex.alias.filter((alias) => CHINESE.test(alias))).toEqual(['微信', '公众号']);
	});
});

describe('English only where the editor shows text', () => {
	const node = new WeChatOfficialAccount().description;
	const credential = new WeChatOfficialAccountApi();

	it('the node: its name, description, subtitle and every parameter', () => {
		const texts = [node.displayName, node.description, String(node.subtitle), ...shownTexts(node.properties)];
		expect(texts.length).toBeGreaterThan(100);
		expect(texts.filter((text) => CHINESE.test(text))).toEqual([]);
	});

	it("the credential: its name, every field and the test's messages", () => {
		const rules = (credential.test.rules ?? []).map((rule) => (rule.properties as { message: string }).message);
		const texts = [credential.displayName, ...shownTexts(credential.properties), ...rules];
		expect(texts.filter((text) => CHINESE.test(text))).toEqual([]);
	});
});
