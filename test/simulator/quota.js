'use strict';
// WeChat's daily API quota and POST /cgi-bin/openapi/quota/get (WECHAT-2026.md §3): every datacube call
// that passes the token and IP checks counts against its endpoint's daily limit for the calling account,
// per China day (quotas reset at midnight China time). A call once the limit is reached answers 45009
// ("reach max api daily quota limit") and is not counted.
//   dailyLimit   N for every datacube endpoint, or { endpoint: N } overriding DEFAULT_DAILY_LIMIT for some.
//                WeChat publishes no datacube figure (one 2026 client assumes 1000); the default is high
//                so that long test runs and the bench never reach it.
//   quotaUsed    { endpoint: N }: calls other systems made today, for every account; counts only on the
//                China day it was set (a new day starts at 0).
// quota/get takes { cgi_path: '/datacube/<endpoint>' } and answers
// { errcode: 0, errmsg: 'ok', quota: { daily_limit, used, remain } }; a path the simulator does not serve
// answers 76021, a body that is not JSON 47001.

const { ENDPOINTS, chinaToday } = require('./rules');

const DEFAULT_DAILY_LIMIT = 100000;

const isEndpoint = (name) => Object.prototype.hasOwnProperty.call(ENDPOINTS, name);

function checkCounts(value, what) {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new Error(`${what} must be an object { endpoint: count }`);
	}
	for (const [name, count] of Object.entries(value)) {
		if (!isEndpoint(name)) throw new Error(`${what}: unknown endpoint ${name}`);
		if (!Number.isInteger(count) || count < 0) throw new Error(`${what}.${name} must be a whole number >= 0`);
	}
	return { ...value };
}

/** dailyLimit: a whole number > 0, or { endpoint: N }. */
function checkDailyLimit(value) {
	if (typeof value === 'number') {
		if (!Number.isInteger(value) || value < 1) throw new Error('dailyLimit must be a whole number >= 1');
		return value;
	}
	const limits = checkCounts(value, 'dailyLimit');
	for (const [name, limit] of Object.entries(limits)) {
		if (limit < 1) throw new Error(`dailyLimit.${name} must be >= 1`);
	}
	return limits;
}

function checkQuotaUsed(value) {
	return value === null ? null : checkCounts(value, 'quotaUsed');
}

/** The datacube endpoint a quota/get cgi_path names ('/datacube/<endpoint>'), or null. */
function endpointOfPath(cgiPath) {
	const match = typeof cgiPath === 'string' ? /^\/datacube\/([a-z]+)$/.exec(cgiPath) : null;
	return match && isEndpoint(match[1]) ? match[1] : null;
}

class QuotaBook {
	/** opts: the simulator's options (read live: dailyLimit, quotaUsed, now). */
	constructor(opts) {
		this.opts = opts;
		this.calls = new Map(); // `${day}|${appId}|${endpoint}` -> calls counted
		this.usedDay = chinaToday(opts.now()); // the China day quotaUsed was set on (at start: the start day)
	}

	/** quotaUsed was (re)set now: it describes today. */
	usedSet() {
		this.usedDay = chinaToday(this.opts.now());
	}

	limit(endpoint) {
		const option = this.opts.dailyLimit;
		if (typeof option === 'number') return option;
		return option[endpoint] ?? DEFAULT_DAILY_LIMIT;
	}

	used(appId, endpoint) {
		const today = chinaToday(this.opts.now());
		const before = this.opts.quotaUsed && this.usedDay === today ? (this.opts.quotaUsed[endpoint] ?? 0) : 0;
		return before + (this.calls.get(`${today}|${appId}|${endpoint}`) ?? 0);
	}

	/** Counts a call; false (not counted) when the account has reached the endpoint's daily limit. */
	take(appId, endpoint) {
		if (this.used(appId, endpoint) >= this.limit(endpoint)) return false;
		const key = `${chinaToday(this.opts.now())}|${appId}|${endpoint}`;
		this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
		return true;
	}

	/** What quota/get answers for an account's endpoint. */
	report(appId, endpoint) {
		const dailyLimit = this.limit(endpoint);
		const used = Math.min(this.used(appId, endpoint), dailyLimit);
		return { daily_limit: dailyLimit, used, remain: dailyLimit - used };
	}

	/** Every endpoint's report for an account. */
	all(appId) {
		return Object.fromEntries(Object.keys(ENDPOINTS).map((endpoint) => [endpoint, this.report(appId, endpoint)]));
	}
}

module.exports = { QuotaBook, DEFAULT_DAILY_LIMIT, checkDailyLimit, checkQuotaUsed, endpointOfPath };
