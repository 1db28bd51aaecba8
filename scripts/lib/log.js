'use strict';
/**
 * Progress lines of the tooling scripts: "[prefix   1.2s] message". Output never stops a shutdown: with
 * `npm start | tee x`, Ctrl-C kills tee first and writes fail (EPIPE); such errors are ignored.
 */
const path = require('node:path');

for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

/** Writes to a stream, ignoring a closed terminal or pipe. */
function say(stream, text) {
	try {
		stream.write(text);
	} catch {
		/* closed terminal or pipe */
	}
}

/** { log, warn, secs } for a prefix; the clock starts now. */
function createLog(prefix) {
	const t0 = Date.now();
	const secs = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(5);
	return {
		secs,
		log: (message) => say(process.stdout, `[${prefix} ${secs()}s] ${message}\n`),
		warn: (message) => say(process.stderr, `[${prefix} ${secs()}s] WARNING: ${message}\n`),
	};
}

/** A path for messages: relative to the current folder when inside it, else absolute. */
function show(file) {
	const rel = path.relative(process.cwd(), file);
	return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

module.exports = { say, createLog, show };
