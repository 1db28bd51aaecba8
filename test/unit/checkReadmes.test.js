/**
 * scripts/check-readmes.js: an English document and its Chinese version must share headings, figures,
 * code blocks, inline code, pictures and links; the translatable parts (prose, shell comments, mermaid
 * labels) may differ.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { check, compare } = require('../../scripts/check-readmes');

const PAIR = ['docs/x.md', 'docs/zh-CN/x.md'];

const EN = `# Title

[中文](zh-CN/x.md)

WeChat keeps it from 2025-11-01; a year is 365 requests and 26,805 rows on n8n 2.41.1.

## Install

Run \`npm run bench\`, see [Testing](testing.md).

![The panel](images/panel.png)

\`\`\`bash
npm install && npm start   # the editor
\`\`\`

\`\`\`mermaid
flowchart TD
  a["the node"] --> b["the router"]
\`\`\`
`;

const ZH = `# 标题

[English](../x.md)

微信从 2025-11-01 开始保存；一整年是 365 次请求、26805 行，n8n 2.41.1。

## 安装

运行 \`npm run bench\`，见[测试](testing.md)。

![面板](../images/panel.png)

\`\`\`bash
npm install && npm start   # 编辑器
\`\`\`

\`\`\`mermaid
flowchart TD
  a["节点"] --> b["路由"]
\`\`\`
`;

describe('check-readmes: what a translation must keep', () => {
	it('accepts a translation that differs only in prose, shell comments and mermaid labels', () => {
		expect(compare(EN, ZH, PAIR)).toEqual([]);
	});

	it.each([
		['a figure', '365 次请求', '366 次请求', /figures only in docs\/x\.md: 365[\s\S]*only in docs\/zh-CN\/x\.md: 366/],
		['a date', '2025-11-01', '2025-11-02', /figures only in docs\/x\.md: 2025-11-01/],
		['a heading level', '## 安装', '### 安装', /headings differ: .*\[1 2\].*\[1 3\]/],
		['a heading', '## 安装', '安装', /headings differ/],
		['a command in a code block', 'npm install && npm start', 'npm ci && npm start', /code blocks differ/],
		['a mermaid edge', '--> b["路由"]', '-.-> b["路由"]', /code blocks differ/],
		[
			'an inline command',
			'`npm run bench`',
			'`npm run bench:profile`',
			/inline code only in docs\/x\.md: npm run bench/,
		],
		['a link', '[测试](testing.md)', '[测试](performance.md)', /links only in docs\/x\.md: docs\/testing\.md/],
		[
			'a picture',
			'(../images/panel.png)',
			'(../images/other.png)',
			/pictures only in docs\/x\.md: docs\/images\/panel\.png/,
		],
	])('reports %s changed in one language only', (_what, from, to, problem) => {
		const changed = ZH.replace(from, to);
		expect(changed).not.toBe(ZH);
		expect(compare(EN, changed, PAIR).join('\n')).toMatch(problem);
	});

	it('does not read digits inside words (n8n) or thousands separators as figures', () => {
		const en = 'Runs on n8n with 1,000 rows.';
		expect(compare(en, '在 n8n 上运行，1000 行。', ['README.md', 'README.zh-CN.md'])).toEqual([]);
		expect(compare(en, '在 n8n 上运行，100 行。', ['README.md', 'README.zh-CN.md'])).not.toEqual([]);
	});

	it('pairs every docs page the README links with its Chinese version, and reports a missing one', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'check-readmes-'));
		try {
			fs.mkdirSync(path.join(root, 'docs/zh-CN'), { recursive: true });
			fs.writeFileSync(path.join(root, 'README.md'), '# A\n\n[Guide](docs/guide.md), [中文](README.zh-CN.md)\n');
			fs.writeFileSync(
				path.join(root, 'README.zh-CN.md'),
				'# 甲\n\n[指南](docs/zh-CN/guide.md)，[English](README.md)\n',
			);
			fs.writeFileSync(path.join(root, 'docs/guide.md'), '# Guide\n\n7 days.\n');
			expect(check(root)).toEqual([expect.stringMatching(/docs\/zh-CN\/guide\.md is missing/)]);
			fs.writeFileSync(path.join(root, 'docs/zh-CN/guide.md'), '# 指南\n\n7 天。\n');
			expect(check(root)).toEqual([]);
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});
