'use strict';
// Minimal @n8n/di registrations n8n-core 2.41 needs to run nodes in-process.
// Everything else (OutboundHttp, SsrfProtectionService, ErrorReporter, configs, ...) resolves by itself
// from its @Service() decorator with env defaults.
//  - Logger: replaced by a quiet HarnessLogger (winston console logging otherwise, unless NODE_ENV=test)
//  - InstanceSettings: built by hand on $TMPDIR/n8n-harness-<uid>/.n8n, so nothing touches ~/.n8n and no
//    env var changes (n8n-core would otherwise use $N8N_USER_FOLDER or ~ and write `.n8n/config` there)
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Container } = require('@n8n/di');
const { Logger } = require('@n8n/backend-common');
const { InstanceSettings } = require('n8n-core');
const { LoggerProxy } = require('n8n-workflow');
const { HarnessLogger } = require('./logger');

const ENCRYPTION_KEY = 'n8n-harness-encryption-key';
let state;

// One folder per OS user, reused by every run and jest worker (jest never fires process 'exit' handlers,
// so per-process temp dirs would pile up). The settings file is written atomically beforehand, so the
// InstanceSettings constructor only reads it and parallel workers never see a half-written file.
function prepareUserFolder() {
	const userHome = path.join(os.tmpdir(), `n8n-harness-${os.userInfo().uid}`);
	const settingsFile = path.join(userHome, '.n8n', 'config');
	if (!fs.existsSync(settingsFile)) {
		fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
		const temp = `${settingsFile}.${process.pid}.tmp`;
		fs.writeFileSync(temp, JSON.stringify({ encryptionKey: ENCRYPTION_KEY }));
		fs.renameSync(temp, settingsFile);
	}
	return userHome;
}

function setupContainer({ logLevel } = {}) {
	if (!state) {
		const userHome = prepareUserFolder();
		const logger = new HarnessLogger(logLevel);
		Container.set(Logger, logger);
		LoggerProxy.init(logger);
		const instanceSettings = new InstanceSettings(
			{
				enforceSettingsFilePermissions: false,
				encryptionKey: ENCRYPTION_KEY,
				n8nFolder: path.join(userHome, '.n8n'),
				userHome,
			},
			logger,
		);
		Container.set(InstanceSettings, instanceSettings);
		state = { userHome, logger, instanceSettings };
	}
	if (logLevel) state.logger.printLevel = logLevel;
	return state;
}

module.exports = { setupContainer };
