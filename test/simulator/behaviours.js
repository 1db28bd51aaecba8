'use strict';
// The injected behaviours that can be limited to some requests (see triggers.js), built from options:
//   forceErrcode  N | { errcode, endpoints = ['datacube'], after, times, rate, seed }
//   tokenErrcode  N | { errcode, endpoints = ['token', 'stable_token'], ... }   answered once the
//                 credentials passed (e.g. 45011 per-minute quota, -1, 40164)
//   echoSecrets   'errmsg' | 'html' | 'redirect' | { mode, endpoints = all, after, times, rate, seed }
//   lateInvalid   true | N | { times, endpoints = ['datacube'], expireToken = true, maxHoldMs = 10000,
//                 release = 'issued' | 'used', ... }   the late-40001 race, see race.js

const { ENDPOINTS } = require('./rules');
const { makeRule, SERVICE_ENDPOINTS } = require('./triggers');

const ECHO_MODES = ['errmsg', 'html', 'redirect'];
const isDatacube = (name) => Object.prototype.hasOwnProperty.call(ENDPOINTS, name);

function checkErrcode(code) {
	if (!Number.isInteger(code)) throw new Error('errcode must be an integer');
}

const BUILDERS = {
	forceErrcode: (v) => makeRule(v, 'errcode', ['datacube'], isDatacube, checkErrcode),
	tokenErrcode: (v) => makeRule(v, 'errcode', ['token', 'stable_token'], isDatacube, checkErrcode),
	echoSecrets: (v) =>
		makeRule(v, 'mode', [...SERVICE_ENDPOINTS, 'datacube'], isDatacube, (mode) => {
			if (!ECHO_MODES.includes(mode)) throw new Error(`echoSecrets mode must be one of ${ECHO_MODES.join(', ')}`);
		}),
	lateInvalid: (v) => {
		if (v === true) v = {};
		else if (typeof v === 'number') v = { times: v };
		const rule = makeRule(v, 'maxHoldMs', ['datacube'], isDatacube, () => {});
		if (rule) {
			const { maxHoldMs = 10000, expireToken = true, release = 'issued' } = rule.spec;
			if (!(maxHoldMs > 0)) throw new Error('lateInvalid.maxHoldMs must be > 0');
			if (!['issued', 'used'].includes(release)) throw new Error("lateInvalid.release must be 'issued' or 'used'");
			Object.assign(rule.spec, { maxHoldMs, expireToken: expireToken !== false, release });
		}
		return rule;
	},
};

const BEHAVIOUR_KEYS = Object.keys(BUILDERS);

/** A Rule (or null) for one behaviour option; throws on a malformed value. */
function buildBehaviour(key, value) {
	return BUILDERS[key](value);
}

module.exports = { BEHAVIOUR_KEYS, ECHO_MODES, buildBehaviour, isDatacube };
