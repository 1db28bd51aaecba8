'use strict';
// A quiet stand-in for n8n's winston Logger (@n8n/backend-common), registered in the DI container.
// Every line is kept in `lines`; lines at or above `printLevel` are also printed to stderr.
// printLevel: 'silent' (default) | 'error' | 'warn' | 'info' | 'debug'  (env HARNESS_LOG_LEVEL).

const LEVELS = { silent: -1, error: 0, warn: 1, info: 2, debug: 3 };

class HarnessLogger {
	constructor(printLevel = process.env.HARNESS_LOG_LEVEL || 'silent', lines = []) {
		this.printLevel = printLevel in LEVELS ? printLevel : 'silent';
		this.level = this.printLevel;
		this.lines = lines;
	}

	log(level, message, metadata = {}) {
		this.lines.push({ level, message: String(message), metadata });
		if (this.lines.length > 1000) this.lines.shift();
		if ((LEVELS[level] ?? 3) <= LEVELS[this.printLevel]) {
			process.stderr.write(`[n8n ${level}] ${message}\n`);
		}
	}

	error(message, metadata) {
		this.log('error', message, metadata);
	}
	warn(message, metadata) {
		this.log('warn', message, metadata);
	}
	info(message, metadata) {
		this.log('info', message, metadata);
	}
	debug(message, metadata) {
		this.log('debug', message, metadata);
	}

	scoped() {
		return this;
	}
}

module.exports = { HarnessLogger };
