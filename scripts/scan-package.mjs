#!/usr/bin/env node
/**
 * n8n's community package scanner, offline: `@n8n/scan-community-package`'s own analyzePackage (the same
 * ESLint config n8n applies before verifying a package) on the source checkout (its source leg: package.json
 * and nodes/, credentials/) and on the packed tarball as users get it (its tarball leg). Also checks what the
 * scanner checks outside ESLint for the tarball: no runtime dependencies. Exits 1 on any finding.
 *   node scripts/scan-package.mjs        (after npm run build; npm pack runs prepack = build anyway)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-scan-'));
let failed = 0;

function report(leg, result) {
	if (result.passed) {
		console.log(`[scan] ${leg}: passed`);
		return;
	}
	failed++;
	console.log(`[scan] ${leg}: FAILED: ${result.message}`);
	if (result.details) console.log(result.details);
}

try {
	report('source (package.json, nodes/, credentials/)', await analyzePackage(root, SOURCE_FILE_PATTERNS));

	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const tarball = path.join(work, packed[0].filename);
	execFileSync('tar', ['-xzf', tarball, '-C', work]);
	const unpacked = path.join(work, 'package');
	const files = packed[0].files.map((file) => file.path);
	console.log(`[scan] packed ${packed[0].filename}: ${files.length} files, ${packed[0].size} bytes`);
	report('tarball (as published)', await analyzePackage(unpacked));

	const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	const runtime = Object.keys(manifest.dependencies ?? {});
	report(
		'tarball has no runtime dependencies',
		runtime.length ? { passed: false, message: runtime.join(', ') } : { passed: true },
	);
	const stray = files.filter(
		(file) =>
			!file.startsWith('dist/') &&
			!['package.json', 'index.js', 'README.md', 'README.zh-CN.md', 'LICENSE'].includes(file),
	);
	report(
		'tarball holds only dist/, index.js, package.json, READMEs and LICENSE',
		stray.length ? { passed: false, message: stray.join(', ') } : { passed: true },
	);
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
