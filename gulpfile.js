const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// The themed icons (one place, used by the node and the credential) and the codex files
// (*.node.json) go next to the compiled code, where n8n looks for them.
function copyIcons() {
	return src(path.resolve('icons', '*.svg'), { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
}

function copyCodex() {
	return src(path.resolve('nodes', '**', '*.node.json'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}

task('build:icons', parallel(copyIcons, copyCodex));
