'use strict';
// Local simulator of WeChat's Official Account API on 127.0.0.1: both token endpoints, get_api_domain_ip,
// openapi/quota/get (daily quotas, quota.js), and 21 datacube endpoints (7 message summary + 14 user /
// article / published content / interface, endpoints.js) with WeChat's documented rules. README.md has the details.
//   const { startSimulator, expectedRows } = require('./test/simulator');
//   const sim = await startSimulator({ port: 0, now: () => fixedMs });
// Options (SIM_DEFAULTS below; * = runtime-settable through sim.setOptions / POST /__sim/options):
//   now                   clock function (ms). Every date decision is China time (UTC+8).
//   readyHour*            yesterday is served from this China hour on (default 8; earlier: 61503)
//   appId, appSecret      the primary account; accounts* [{ appId, appSecret, ipWhitelisted? }] more
//   ipWhitelisted*, callerIp*      40164 for everyone (or per account), naming callerIp
//   tokenTtlSeconds, expireTokenEvery*, classicGraceMs*   token lifetimes
//   forceErrcode*, tokenErrcode*   errcodes on request: N | { errcode, endpoints, after, times, rate, seed }
//   echoSecrets*          'errmsg' | 'html' | 'redirect' | { mode, ...selection }: secrets echoed back
//   lateInvalid*          the late-40001 race: true | N | { times, release, maxHoldMs, expireToken }
//   isDelay*              is_delay of the 2025 APIs: false | 'latest' | ['YYYY-MM-DD', ...]
//   quietDays*            ['YYYY-MM-DD', ...] days the account had no activity: no rows of those days
//   serveRetired*         false (default): the six retired classic article APIs answer 47009, as WeChat
//                         does; true: they serve their rows as before (history and row-shape tests)
//   spans*                { endpoint: days } span overrides (provoke 61501)
//   dailyLimit*, quotaUsed*   daily quota per datacube endpoint (45009 when reached; quota/get reports it):
//                         N | { endpoint: N }; { endpoint: calls other systems made today } (quota.js)
//   faults*, latencyMs*, failOnDate*, shuffle*, shuffleSeed, control, port
// sim: url, port, appId, appSecret, log, tokensIssued, datacubeCalls, held, options, today(), yesterday(),
//   latestDay(), expireTokens(), forceRefresh(appId?), resetLog(), setOptions(p), resetOptions(),
//   expectedRows(endpoint, begin, end, { appId? }), quota(appId?), close().
// expectedRows(endpoint, begin, end, nowMs, { appId?, readyHour? }): the rows a perfect client outputs.

const http = require('http');
const rules = require('./rules');
const data = require('./data');
const { TokenStore, GRACE_MS } = require('./tokens');
const { faultPicker, mulberry32, FAULT_KINDS } = require('./faults');
const { createHandler } = require('./server');
const { checkAccounts, seedOf, findAccount } = require('./accounts');
const { BEHAVIOUR_KEYS, buildBehaviour } = require('./behaviours');
const { QuotaBook, DEFAULT_DAILY_LIMIT, checkDailyLimit, checkQuotaUsed } = require('./quota');

const { ENDPOINTS, parseDate, formatDate, chinaToday, latestServedDay } = rules;

const SIM_DEFAULTS = Object.freeze({
	port: 0,
	appId: 'wx0000000000sim01',
	appSecret: 'sim-secret-0123456789abcdef',
	now: () => Date.now(),
	readyHour: rules.READY_HOUR, // yesterday is served from this hour (China time) on; 0 = from midnight
	latencyMs: 0,
	tokenTtlSeconds: 7200,
	classicGraceMs: GRACE_MS, // the previous /cgi-bin/token token lives this long after a new one; 0 = dies at once
	accounts: Object.freeze([]), // more known accounts [{ appId, appSecret, ipWhitelisted? }] besides appId/appSecret
	expireTokenEvery: 0,
	spans: Object.freeze({}),
	faults: Object.freeze({ rate: 0, seed: 1, kinds: Object.freeze(['busy', 'minuteQuota']) }),
	forceErrcode: null, // N | { errcode, endpoints, after, times, rate, seed } (behaviours.js)
	tokenErrcode: null, // N | { errcode, ... }: token endpoints answer N once the credentials pass (45011, -1, ...)
	echoSecrets: null, // 'errmsg' | 'html' | 'redirect' | { mode, endpoints, after, times, rate, seed } (echo.js)
	lateInvalid: null, // true | N | { times, release, maxHoldMs, expireToken, ... }: the late-40001 race (race.js)
	callerIp: null, // the IP named in 40164 answers (default: the caller's socket address)
	isDelay: false, // 2025 APIs' is_delay: 'latest' (answers including the latest served day) or ['YYYY-MM-DD', ...]
	serveRetired: false, // true: the retired classic article APIs serve rows instead of 47009
	quietDays: Object.freeze([]), // ['YYYY-MM-DD', ...]: answers leave out rows of these days ({"list":[]} for a quiet range)
	failOnDate: null, // { date: 'YYYY-MM-DD', errcode: N }: datacube calls whose range contains date answer errcode
	ipWhitelisted: true,
	shuffle: false, // answer datacube rows in a seeded shuffled order
	shuffleSeed: 7,
	dailyLimit: DEFAULT_DAILY_LIMIT, // N | { endpoint: N }: each datacube endpoint's daily quota per account (quota.js)
	quotaUsed: null, // { endpoint: N }: calls other systems made today (every account), counted against the quota
	control: true, // serve the /__sim/ control routes (see control.js)
});

/** Options that sim.setOptions() may change while running. */
const RUNTIME_KEYS = [
	'readyHour',
	'latencyMs',
	'faults',
	'forceErrcode',
	'failOnDate',
	'expireTokenEvery',
	'spans',
	'ipWhitelisted',
	'shuffle',
	'tokenErrcode',
	'echoSecrets',
	'lateInvalid',
	'callerIp',
	'classicGraceMs',
	'accounts',
	'isDelay',
	'quietDays',
	'serveRetired',
	'dailyLimit',
	'quotaUsed',
];

function checkSpans(spans) {
	for (const [name, span] of Object.entries(spans || {})) {
		if (!ENDPOINTS[name]) throw new Error(`spans: unknown endpoint ${name}`);
		if (!Number.isInteger(span) || span < 1) throw new Error(`spans.${name} must be a positive integer`);
	}
	return { ...spans };
}

function parseDay(s, what) {
	const day = parseDate(s);
	if (day === null) throw new Error(`${what} must be a real date YYYY-MM-DD, got ${s}`);
	return day;
}

function checkIsDelay(v) {
	if (v === false || v === null || v === 'latest') return v;
	if (Array.isArray(v) && v.every((d) => parseDate(d) !== null)) return [...v];
	throw new Error("isDelay must be false, 'latest' or a list of 'YYYY-MM-DD' dates");
}

function checkQuietDays(v) {
	if (Array.isArray(v) && v.every((d) => parseDate(d) !== null)) return [...v];
	throw new Error("quietDays must be a list of 'YYYY-MM-DD' dates");
}

function checkServeRetired(v) {
	if (typeof v !== 'boolean') throw new Error('serveRetired must be true or false');
	return v;
}

function checkReadyHour(h) {
	if (!Number.isInteger(h) || h < 0 || h > 23) throw new Error('readyHour must be an integer 0..23');
	return h;
}

/**
 * Rows a perfect client should output for the user range [begin,end] as seen at instant nowMs
 * (periods served by then: the 08:00 China-time rule, see rules.latestServedDay).
 * extra: { readyHour (default 8), appId (whose rows: another account's AppID; default the primary
 * account, SIM_DEFAULTS.appId here; sim.expectedRows knows the simulator's own primary AppID) }.
 */
function expectedRows(endpoint, begin, end, nowMs = Date.now(), extra = {}) {
	if (!ENDPOINTS[endpoint]) throw new Error(`unknown endpoint ${endpoint}`);
	const b = parseDay(begin, 'begin');
	const e = parseDay(end, 'end');
	const latest = latestServedDay(nowMs, checkReadyHour(extra.readyHour ?? rules.READY_HOUR));
	const seed = seedOf({ appId: extra.primaryAppId ?? SIM_DEFAULTS.appId }, extra.appId);
	return data.coveringRows(endpoint, b, e, latest, seed);
}

async function startSimulator(options = {}) {
	const opts = { ...SIM_DEFAULTS, ...options };
	opts.faults = { ...SIM_DEFAULTS.faults, ...(options.faults || {}) };
	opts.spans = checkSpans(opts.spans);
	opts.accounts = checkAccounts(opts.accounts);
	opts.isDelay = checkIsDelay(opts.isDelay);
	opts.quietDays = checkQuietDays(opts.quietDays);
	checkServeRetired(opts.serveRetired);
	opts.dailyLimit = checkDailyLimit(opts.dailyLimit);
	opts.quotaUsed = checkQuotaUsed(opts.quotaUsed);
	checkReadyHour(opts.readyHour);
	const useListeners = new Set();
	const state = {
		opts,
		tokens: new TokenStore(
			() => opts.now(),
			opts.tokenTtlSeconds,
			() => opts.classicGraceMs,
		),
		rules: Object.fromEntries(BEHAVIOUR_KEYS.map((k) => [k, buildBehaviour(k, opts[k])])),
		held: 0,
		/** A datacube request arrived with a valid token of appId (for lateInvalid release 'used'). */
		tokenUsed: (appId, token) => {
			for (const fn of [...useListeners]) fn(appId, token);
		},
		onTokenUse: (fn) => {
			useListeners.add(fn);
			return () => useListeners.delete(fn);
		},
		log: [],
		logEpoch: 0,
		pickFault: faultPicker(opts.faults),
		shuffleRnd: mulberry32(opts.shuffleSeed),
		datacubeCalls: 0,
		quota: new QuotaBook(opts),
		callsForExpiry: 0,
		timers: new Set(),
		api: null,
	};

	const server = http.createServer({ keepAlive: true }, createHandler(state));
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});

	let closing = null;
	const sim = {
		url: `http://127.0.0.1:${server.address().port}`,
		port: server.address().port,
		appId: opts.appId,
		appSecret: opts.appSecret,
		log: state.log,
		get tokensIssued() {
			return state.tokens.issued;
		},
		get datacubeCalls() {
			return state.datacubeCalls;
		},
		/** Datacube requests held right now by lateInvalid. */
		get held() {
			return state.held;
		},
		/** Current options (without the clock function). */
		get options() {
			const { now, ...rest } = opts;
			return JSON.parse(JSON.stringify(rest));
		},
		/** Today / yesterday in China time by the simulator clock, 'YYYY-MM-DD'. */
		today: () => formatDate(chinaToday(opts.now())),
		yesterday: () => formatDate(chinaToday(opts.now()) - 1),
		/** The latest day WeChat serves now: yesterday from 08:00 China time (readyHour), else the day before. */
		latestDay: () => formatDate(latestServedDay(opts.now(), opts.readyHour)),
		expireTokens: () => state.tokens.expireAll(),
		/**
		 * Another system calls stable_token with force_refresh:true for the account (default: the primary
		 * one): its current stable token dies at once. Returns the new token.
		 */
		forceRefresh: (appId = opts.appId) => {
			if (!findAccount(opts, appId)) throw new Error(`forceRefresh: unknown account ${appId}`);
			return state.tokens.stableToken(appId, true).access_token;
		},
		/** Empties the log; requests in flight now are not logged when they finish (they belong to before). */
		resetLog: () => {
			state.log.length = 0;
			state.logEpoch++;
		},
		/** Every runtime option back to its value at start (counters of after/times/rate restart). */
		resetOptions() {
			sim.setOptions(initialRuntime);
		},
		setOptions(partial) {
			for (const key of Object.keys(partial || {})) {
				if (!RUNTIME_KEYS.includes(key)) throw new Error(`setOptions: ${key} cannot be changed at runtime`);
			}
			const p = { ...partial };
			if (p.faults) {
				p.faults = { ...SIM_DEFAULTS.faults, ...p.faults };
				state.pickFault = faultPicker(p.faults); // restarts the seeded sequence
			}
			if (p.spans) p.spans = checkSpans(p.spans);
			if ('readyHour' in p) checkReadyHour(p.readyHour);
			if ('accounts' in p) p.accounts = checkAccounts(p.accounts);
			if ('isDelay' in p) p.isDelay = checkIsDelay(p.isDelay);
			if ('quietDays' in p) p.quietDays = checkQuietDays(p.quietDays);
			if ('serveRetired' in p) checkServeRetired(p.serveRetired);
			if ('dailyLimit' in p) p.dailyLimit = checkDailyLimit(p.dailyLimit);
			if ('quotaUsed' in p) p.quotaUsed = checkQuotaUsed(p.quotaUsed);
			const built = {};
			for (const k of BEHAVIOUR_KEYS) if (k in p) built[k] = buildBehaviour(k, p[k]); // validate all first
			if ('expireTokenEvery' in p) state.callsForExpiry = 0;
			Object.assign(state.rules, built); // a new value restarts its after/times/rate counting
			Object.assign(opts, p);
			if ('quotaUsed' in p) state.quota.usedSet();
		},
		/** Today's quota of every datacube endpoint for an account (default: the primary one), as quota/get reports it. */
		quota: (appId = opts.appId) => state.quota.all(appId),
		expectedRows: (endpoint, begin, end, extra = {}) =>
			expectedRows(endpoint, begin, end, opts.now(), { readyHour: opts.readyHour, primaryAppId: opts.appId, ...extra }),
		close() {
			if (!closing) {
				for (const t of state.timers) clearTimeout(t);
				state.timers.clear();
				closing = new Promise((resolve) => server.close(() => resolve()));
				server.closeAllConnections();
			}
			return closing;
		},
	};
	const initialRuntime = JSON.parse(JSON.stringify(Object.fromEntries(RUNTIME_KEYS.map((k) => [k, opts[k] ?? null]))));
	state.api = sim;
	return sim;
}

module.exports = { startSimulator, SIM_DEFAULTS, RUNTIME_KEYS, ENDPOINTS, FAULT_KINDS, expectedRows, rules, data };
