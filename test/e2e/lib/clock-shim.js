'use strict';
/**
 * Preloaded into an `n8n execute` process (NODE_OPTIONS=--require) by clock.js: Date.now() starts at the instant
 * in E2E_CLOCK and runs on from there, for the whole process. The node decides "the latest day WeChat serves"
 * from Date.now(), so a run can happen on any day. Nothing else of n8n is changed.
 */
const at = Date.parse(process.env.E2E_CLOCK || '');
if (Number.isFinite(at)) {
	const realNow = Date.now.bind(Date);
	const offset = at - realNow();
	Date.now = () => realNow() + offset;
}
