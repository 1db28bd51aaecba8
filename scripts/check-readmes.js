#!/usr/bin/env node
'use strict';
/**
 * Keeps the English and Chinese documents in step: README.md with README.zh-CN.md, and every docs/X.md
 * that the README links with docs/zh-CN/X.md (and every docs/zh-CN/X.md with its docs/X.md). For each
 * pair it compares what must not differ between two languages:
 *   - headings: the same number, at the same levels, in the same order;
 *   - figures: the set of numbers in the prose and tables (dates such as 2025-11-01 count as one);
 *   - code blocks: the same blocks (shell comments and mermaid labels may be translated);
 *   - inline code: the same set of `code` spans (commands, fields, error messages);
 *   - pictures and links: the same targets (a Chinese page's link to a Chinese page counts as the
 *     English one; links between the two languages of one pair are ignored).
 * Prints every difference and exits 1 when there is one.
 *   node scripts/check-readmes.js
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const ZH_DIR = 'docs/zh-CN';

/** Splits Markdown into prose lines and fenced code blocks. */
function splitFences(text) {
	const prose = [];
	const blocks = [];
	let open = null;
	for (const line of text.split('\n')) {
		const fence = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
		if (open) {
			if (fence && fence[1][0] === open.marker[0] && fence[1].length >= open.marker.length && !fence[2]) {
				blocks.push({ lang: open.lang, body: open.lines.join('\n') });
				open = null;
			} else {
				open.lines.push(line);
			}
		} else if (fence) {
			open = { marker: fence[1], lang: fence[2] || 'text', lines: [] };
		} else {
			prose.push(line);
		}
	}
	if (open) throw new Error(`an unclosed code block (${open.lang})`);
	return { prose: prose.join('\n'), blocks };
}

const SHELL = new Set(['bash', 'sh', 'shell', 'console']);

/** What must be equal in a code block: shell comments and mermaid labels are the translatable parts. */
function normalizeBlock({ lang, body }) {
	let lines = body.split('\n').map((line) => line.replace(/^\s+/, ''));
	if (SHELL.has(lang)) lines = lines.map((line) => line.replace(/(^|\s)#.*$/, '').trimEnd());
	if (lang === 'mermaid') lines = lines.map((line) => line.replace(/\["[^"]*"\]|\[[^\]]*\]|%%.*$/g, '').trimEnd());
	return `${lang}: ${lines.filter((line) => line !== '').join(' | ')}`;
}

/** Removes inline code and HTML comments from prose, returning both. */
function inlineCode(prose) {
	const spans = [];
	const rest = prose
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (m, ticks, code) => {
			spans.push(code.trim());
			return ` ${code} `;
		});
	return { spans, rest };
}

/** Numbers as written, with thousands separators dropped; an ISO date (or year-month) is one figure. */
function figures(text) {
	const found = new Set();
	const pattern = /(?<![A-Za-z0-9_])(\d{4}-\d{2}(?:-\d{2})?|\d+(?:[.,:]\d+)*)(?![A-Za-z0-9_])/g;
	for (const [, value] of text.matchAll(pattern)) found.add(value.replace(/(\d),(?=\d{3}\b)/g, '$1'));
	return found;
}

function headings(prose) {
	return prose
		.split('\n')
		.map((line) => /^(#{1,6})\s/.exec(line))
		.filter(Boolean)
		.map((match) => match[1].length);
}

/** The English path of a document: docs/zh-CN/X.md → docs/X.md, README.zh-CN.md → README.md. */
function englishPath(rel) {
	if (rel === 'README.zh-CN.md') return 'README.md';
	if (rel.startsWith(`${ZH_DIR}/`)) return `docs/${rel.slice(ZH_DIR.length + 1)}`;
	return rel;
}

/** Link and picture targets, resolved from the file's folder and mapped to their English paths. */
function targets(prose, file, pair) {
	const links = new Set();
	const pictures = new Set();
	for (const [, bang, target] of prose.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
		const into = bang ? pictures : links;
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
			into.add(target);
			continue;
		}
		const [where] = target.split('#');
		if (!where) continue; // an anchor in the same page: its text is translated
		const rel = englishPath(path.posix.normalize(path.posix.join(path.posix.dirname(file), where)));
		if (!pair.includes(rel) && !pair.map(englishPath).includes(rel)) into.add(rel);
	}
	return { links, pictures };
}

/** Everything about one document that its translation must share. */
function facts(text, file, pair) {
	const { prose, blocks } = splitFences(text);
	const { spans, rest } = inlineCode(prose);
	const { links, pictures } = targets(prose, file, pair);
	return {
		headings: headings(prose),
		figures: figures(rest),
		blocks: blocks.map(normalizeBlock).sort(),
		code: new Set(spans),
		links,
		pictures,
	};
}

function setDifference(a, b) {
	return [...a].filter((value) => !b.has(value)).sort();
}

/** The differences between an English document and its Chinese version, as readable lines. */
function compare(en, zh, [enFile, zhFile]) {
	const problems = [];
	const a = facts(en, enFile, [enFile, zhFile]);
	const b = facts(zh, zhFile, [enFile, zhFile]);
	if (a.headings.join() !== b.headings.join()) {
		problems.push(
			`headings differ: ${enFile} has levels [${a.headings.join(' ')}], ${zhFile} has [${b.headings.join(' ')}]`,
		);
	}
	const sets = [
		['figures', a.figures, b.figures],
		['inline code', a.code, b.code],
		['links', a.links, b.links],
		['pictures', a.pictures, b.pictures],
	];
	for (const [what, x, y] of sets) {
		const onlyEn = setDifference(x, y);
		const onlyZh = setDifference(y, x);
		if (onlyEn.length) problems.push(`${what} only in ${enFile}: ${onlyEn.join(', ')}`);
		if (onlyZh.length) problems.push(`${what} only in ${zhFile}: ${onlyZh.join(', ')}`);
	}
	const blocksEn = new Set(a.blocks);
	const blocksZh = new Set(b.blocks);
	if (a.blocks.join('\n') !== b.blocks.join('\n')) {
		const onlyEn = a.blocks.filter((block) => !blocksZh.has(block));
		const onlyZh = b.blocks.filter((block) => !blocksEn.has(block));
		problems.push(
			`code blocks differ (${a.blocks.length} in ${enFile}, ${b.blocks.length} in ${zhFile})` +
				onlyEn.map((block) => `\n    only in ${enFile}: ${block.slice(0, 160)}`).join('') +
				onlyZh.map((block) => `\n    only in ${zhFile}: ${block.slice(0, 160)}`).join(''),
		);
	}
	return problems;
}

/** The pairs to compare: the READMEs, each docs page the README links, and each Chinese docs page. */
function pairs(root) {
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const linked = [...targets(splitFences(readme).prose, 'README.md', ['README.md']).links].filter((rel) =>
		/^docs\/[^/]+\.md$/.test(rel),
	);
	const zhDir = path.join(root, ZH_DIR);
	const translated = fs.existsSync(zhDir)
		? fs
				.readdirSync(zhDir)
				.filter((name) => name.endsWith('.md'))
				.map((name) => `docs/${name}`)
		: [];
	const docs = [...new Set([...linked, ...translated])].sort();
	return [['README.md', 'README.zh-CN.md'], ...docs.map((rel) => [rel, `${ZH_DIR}/${path.posix.basename(rel)}`])];
}

function check(root = ROOT) {
	const problems = [];
	for (const [enFile, zhFile] of pairs(root)) {
		const read = (rel) => {
			const file = path.join(root, rel);
			if (!fs.existsSync(file))
				problems.push(`${rel} is missing (the other language of ${enFile === rel ? zhFile : enFile})`);
			return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
		};
		const en = read(enFile);
		const zh = read(zhFile);
		if (en === null || zh === null) continue;
		try {
			problems.push(...compare(en, zh, [enFile, zhFile]).map((problem) => `${enFile} ↔ ${zhFile}: ${problem}`));
		} catch (error) {
			problems.push(`${enFile} ↔ ${zhFile}: ${error.message}`);
		}
	}
	return problems;
}

if (require.main === module) {
	const problems = check();
	if (problems.length) {
		console.error(`The English and Chinese documents are out of step:\n- ${problems.join('\n- ')}`);
		process.exit(1);
	}
	console.log(`check-readmes: ${pairs(ROOT).length} document pairs in step`);
}

module.exports = { check, compare, facts, figures, pairs };
