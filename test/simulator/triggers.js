'use strict';
// When an injected behaviour fires. A rule spec is an object
//   { endpoints?, after?, times?, rate?, seed? }
// endpoints: which requests it applies to: 'token', 'stable_token', 'get_api_domain_ip', 'quota_get', 'datacube'
//   (every datacube endpoint) or a datacube endpoint name such as 'getusersummary';
// after: let the first N matching requests pass untouched; times: then fire at most N times;
// rate: fire with this probability (seeded by seed, reproducible). Without after/times/rate it always fires.

const { mulberry32 } = require('./faults');

const SERVICE_ENDPOINTS = ['token', 'stable_token', 'get_api_domain_ip', 'quota_get'];

function checkCount(v, what) {
	if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new Error(`${what} must be a whole number >= 0`);
}

class Rule {
	/** spec: see above, plus the behaviour's own fields; defaultEndpoints when spec has none. */
	constructor(spec, defaultEndpoints, isDatacube) {
		const { endpoints = defaultEndpoints, after = 0, times, rate, seed = 1 } = spec;
		if (
			!Array.isArray(endpoints) ||
			endpoints.some((e) => e !== 'datacube' && !SERVICE_ENDPOINTS.includes(e) && !isDatacube(e))
		) {
			throw new Error(
				`endpoints must list token, stable_token, get_api_domain_ip, quota_get, datacube or datacube endpoint names`,
			);
		}
		checkCount(after, 'after');
		checkCount(times, 'times');
		if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new Error('rate must be within 0..1');
		this.spec = spec;
		this.endpoints = endpoints;
		this.isDatacube = isDatacube;
		this.after = after;
		this.times = times;
		this.rate = rate;
		this.rnd = mulberry32(seed);
		this.seen = 0;
		this.fired = 0;
	}

	matches(endpoint) {
		return this.endpoints.includes(endpoint) || (this.endpoints.includes('datacube') && this.isDatacube(endpoint));
	}

	/** Counts a matching request and says whether the behaviour applies to it. */
	fire(endpoint) {
		if (!this.matches(endpoint)) return false;
		this.seen++;
		if (this.seen <= this.after) return false;
		if (this.times !== undefined && this.fired >= this.times) return false;
		if (this.rate !== undefined && !(this.rnd() < this.rate)) return false;
		this.fired++;
		return true;
	}
}

/**
 * Builds a Rule from an option value: null/undefined -> null; a scalar -> { [field]: value };
 * an object is taken as is. The behaviour's own field must be present.
 */
function makeRule(value, field, defaultEndpoints, isDatacube, checkField) {
	if (value === null || value === undefined || value === false) return null;
	const spec = typeof value === 'object' && !Array.isArray(value) ? { ...value } : { [field]: value };
	checkField(spec[field]);
	return new Rule(spec, defaultEndpoints, isDatacube);
}

module.exports = { Rule, makeRule, SERVICE_ENDPOINTS };
