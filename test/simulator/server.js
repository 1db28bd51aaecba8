'use strict';
// HTTP routes of the simulated api.weixin.qq.com. Fully async: nothing here blocks the loop.

const { ENDPOINTS, chinaToday, latestServedDay, checkRange, parseDate } = require('./rules');
const { responseRows } = require('./data');
const { wxError, ipError, retiredError } = require('./errors');
const { PROXY_PAGE } = require('./faults');
const { handleControl } = require('./control');
const { findAccount, seedOf, whitelisted } = require('./accounts');
const { echoErrmsg, htmlAnswer, redirectAnswer, proxyLoginAnswer } = require('./echo');
const { holdUntilNewToken } = require('./race');
const { endpointOfPath } = require('./quota');

const JSON_TYPE = 'application/json; encoding=utf-8';

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(raw) {
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return { ok: false, value: raw };
	}
}

function delay(state, ms) {
	if (!(ms > 0)) return null;
	return new Promise((resolve) => {
		const t = setTimeout(() => {
			state.timers.delete(t);
			resolve();
		}, ms);
		state.timers.add(t);
	});
}

const json = (body, status = 200) => ({ status, type: JSON_TYPE, text: JSON.stringify(body), errcode: body.errcode });

/** The caller's IP as WeChat would name it in 40164 (option callerIp, else the socket's address). */
const callerIp = (state, req) => state.opts.callerIp || req.socket.remoteAddress;

/** An errcode answer; 40164 names the caller's IP. */
function errorJson(state, req, errcode) {
	return json(errcode === 40164 ? ipError(callerIp(state, req)) : wxError(errcode));
}

/** errcode forced by tokenErrcode / forceErrcode for this endpoint, or null. */
function forcedErrcode(state, endpoint) {
	for (const key of ['tokenErrcode', 'forceErrcode']) {
		const rule = state.rules[key];
		if (rule && rule.fire(endpoint)) return rule.spec.errcode;
	}
	return null;
}

/** grant_type / appid / secret / IP checks shared by both token endpoints; errcode or 0. */
function credentialErrcode(state, grantType, appid, secret) {
	const o = state.opts;
	if (grantType !== 'client_credential') return 40002;
	if (!appid) return 41002;
	const account = findAccount(o, appid);
	if (!account) return 40013;
	if (!secret) return 41004;
	if (secret !== account.appSecret) return 40125;
	if (!whitelisted(o, appid)) return 40164;
	return 0;
}

/** IP whitelist + access_token checks shared by the token-protected endpoints; errcode or 0. */
function accessErrcode(state, token) {
	const status = state.tokens.check(token);
	if (!whitelisted(state.opts, state.tokens.owner(token))) return 40164;
	if (status === 'missing') return 41001;
	if (status === 'invalid') return 40001;
	if (status === 'expired') return 42001;
	return 0;
}

function grant(state, req, rec, grantType, appid, secret, mint) {
	rec.appId = typeof appid === 'string' ? appid : null;
	rec.secret = typeof secret === 'string' ? secret : null;
	const code = credentialErrcode(state, grantType, appid, secret) || forcedErrcode(state, rec.endpoint);
	return code ? errorJson(state, req, code) : json(mint());
}

function tokenRoute(state, req, url, rec) {
	const q = url.searchParams;
	const appid = q.get('appid');
	return grant(state, req, rec, q.get('grant_type'), appid, q.get('secret'), () => state.tokens.classic(appid));
}

function stableTokenRoute(state, req, url, rec) {
	if (req.method !== 'POST') return json(wxError(43002));
	const parsed = parseJson(rec.body);
	rec.body = parsed.value;
	if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object') return json(wxError(47001));
	const b = parsed.value;
	return grant(state, req, rec, b.grant_type, b.appid, b.secret, () =>
		state.tokens.stableToken(b.appid, b.force_refresh === true),
	);
}

function domainIpRoute(state, req, url, rec) {
	const code = accessErrcode(state, rec.token) || forcedErrcode(state, rec.endpoint);
	return code ? errorJson(state, req, code) : json({ ip_list: ['127.0.0.1'] });
}

/** POST /cgi-bin/openapi/quota/get {cgi_path}: the token owner's daily quota of a datacube endpoint (quota.js). */
async function quotaRoute(state, req, url, rec) {
	await delay(state, state.opts.latencyMs);
	if (req.method !== 'POST') return json(wxError(43002));
	const code = accessErrcode(state, rec.token) || forcedErrcode(state, rec.endpoint);
	if (code) return errorJson(state, req, code);
	const parsed = parseJson(rec.body);
	rec.body = parsed.value;
	if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object') return json(wxError(47001));
	const endpoint = endpointOfPath(parsed.value.cgi_path);
	if (!endpoint) return json(wxError(76021));
	return json({ errcode: 0, errmsg: 'ok', quota: state.quota.report(state.tokens.owner(rec.token), endpoint) });
}

/**
 * is_delay of a 2025 API answer: option isDelay 'latest' flags answers whose figures include the latest
 * served day, a list of 'YYYY-MM-DD' flags those days; false/null never. The figures of a request are
 * its days, for byPublish endpoints every stat_date its items may carry (up to the latest served day).
 */
function isDelayed(option, ep, begin, end, latest) {
	if (!option) return false;
	const last = ep.byPublish ? Math.min(latest, end + ep.seriesDays - 1) : end;
	const days = option === 'latest' ? [latest] : option.map(parseDate);
	return days.some((d) => d >= begin && d <= last);
}

function faultAnswer(kind) {
	if (kind === 'busy') return json(wxError(-1));
	if (kind === 'minuteQuota') return json(wxError(45011));
	if (kind === 'http500') return { status: 500, type: 'text/plain', text: 'Internal Server Error' };
	if (kind === 'nonJson') return { status: 200, type: 'text/html', text: PROXY_PAGE };
	return { reset: true };
}

function shuffled(rows, rnd) {
	const out = rows.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

async function datacubeRoute(state, req, url, rec) {
	const name = rec.endpoint;
	await delay(state, state.opts.latencyMs);
	const o = state.opts;
	const denied = accessErrcode(state, rec.token);
	if (denied) return errorJson(state, req, denied);
	const appId = state.tokens.owner(rec.token);
	state.tokenUsed(appId, rec.token);
	state.datacubeCalls++;
	state.callsForExpiry++;
	const expireAfter = o.expireTokenEvery > 0 && state.callsForExpiry % o.expireTokenEvery === 0;
	try {
		if (req.method !== 'POST') return json(wxError(43002));
		// Parsed first, so that the log shows the dates of every request, refused or not.
		const parsed = parseJson(rec.body);
		rec.body = parsed.value;
		if (!state.quota.take(appId, name)) return errorJson(state, req, 45009);
		const race = state.rules.lateInvalid;
		if (race && race.fire(name)) {
			const started = Date.now();
			const code = await holdUntilNewToken(state, rec.token, appId, race.spec);
			rec.held = Date.now() - started;
			return errorJson(state, req, code);
		}
		const forced = forcedErrcode(state, name);
		if (forced !== null) return errorJson(state, req, forced);
		if (ENDPOINTS[name].retired && !o.serveRetired) return json(retiredError());
		const fault = state.pickFault();
		if (fault) {
			rec.fault = fault;
			return faultAnswer(fault);
		}
		const nowMs = o.now();
		const latest = latestServedDay(nowMs, o.readyHour);
		const span = o.spans[name] ?? ENDPOINTS[name].span;
		const range = checkRange(parsed.ok ? parsed.value : null, span, chinaToday(nowMs), latest);
		if (range.errcode) return errorJson(state, req, range.errcode);
		const failOn = o.failOnDate;
		if (failOn && rec.body && rec.body.begin_date <= failOn.date && failOn.date <= rec.body.end_date) {
			return errorJson(state, req, failOn.errcode);
		}
		let rows = responseRows(name, range.begin, range.end, latest, seedOf(o, appId));
		// A day the account had no activity: WeChat has no rows for it (an empty list for a quiet range).
		if (o.quietDays.length > 0) rows = rows.filter((row) => !o.quietDays.includes(row.ref_date));
		if (o.shuffle) rows = shuffled(rows, state.shuffleRnd);
		rec.rows = rows.length;
		if (!ENDPOINTS[name].isDelay) return json({ list: rows });
		return json({ list: rows, is_delay: isDelayed(o.isDelay, ENDPOINTS[name], range.begin, range.end, latest) });
	} finally {
		if (expireAfter) state.tokens.expireAll();
	}
}

const ROUTES = {
	'/cgi-bin/token': ['token', tokenRoute],
	'/cgi-bin/stable_token': ['stable_token', stableTokenRoute],
	'/cgi-bin/get_api_domain_ip': ['get_api_domain_ip', domainIpRoute],
	'/cgi-bin/openapi/quota/get': ['quota_get', quotaRoute],
	'/proxy/login': ['proxy_login', (state, req, url) => proxyLoginAnswer(url.searchParams.get('return'))],
};

/** What the request carried that echoSecrets may print back. */
function echoContext(state, req, rec) {
	const isTokenEndpoint = rec.endpoint === 'token' || rec.endpoint === 'stable_token';
	let { appId = null, secret = null } = rec;
	if (!isTokenEndpoint) {
		appId = state.tokens.owner(rec.token);
		const account = appId && findAccount(state.opts, appId);
		secret = account ? account.appSecret : null;
	}
	const rawBody = typeof rec.body === 'string' ? rec.body : rec.body === null ? '' : JSON.stringify(rec.body);
	return {
		isTokenEndpoint,
		token: rec.token,
		appId,
		secret,
		method: req.method,
		url: state.api.url + req.url,
		origin: state.api.url,
		body: rawBody,
	};
}

/** The secrets a token request carried, for html/redirect modes (read before the route parses them). */
function peekCredentials(rec, url) {
	if (rec.endpoint === 'token') return { appId: url.searchParams.get('appid'), secret: url.searchParams.get('secret') };
	if (rec.endpoint === 'stable_token') {
		const b = parseJson(rec.body || '').value;
		if (b && typeof b === 'object') return { appId: b.appid ?? null, secret: b.secret ?? null };
	}
	return {};
}

async function route(state, req, url, rec) {
	if (ROUTES[url.pathname]) rec.endpoint = ROUTES[url.pathname][0];
	else {
		const m = /^\/datacube\/([a-z]+)$/.exec(url.pathname);
		if (!m || !Object.prototype.hasOwnProperty.call(ENDPOINTS, m[1]))
			return json({ errcode: 404, errmsg: 'not found' }, 404);
		rec.endpoint = m[1];
	}
	const echo = state.rules.echoSecrets;
	const mode = echo && echo.spec.mode;
	if (mode && mode !== 'errmsg' && echo.fire(rec.endpoint)) {
		rec.echo = mode;
		const c = { ...echoContext(state, req, rec), ...peekCredentials(rec, url) };
		return mode === 'html' ? htmlAnswer(c) : redirectAnswer(c);
	}
	const answer = ROUTES[url.pathname]
		? await ROUTES[url.pathname][1](state, req, url, rec)
		: await datacubeRoute(state, req, url, rec);
	if (mode === 'errmsg' && answer.errcode && echo.fire(rec.endpoint)) {
		const body = JSON.parse(answer.text);
		body.errmsg = echoErrmsg(body.errcode, body.errmsg, echoContext(state, req, rec));
		rec.echo = mode;
		return { ...answer, text: JSON.stringify(body) };
	}
	return answer;
}

function send(res, answer) {
	const body = Buffer.from(answer.text, 'utf8');
	res.writeHead(answer.status, {
		'Content-Type': answer.type,
		'Content-Length': body.length,
		...(answer.headers || {}),
	});
	res.end(body);
}

async function handle(state, req, res) {
	const epoch = state.logEpoch; // a request still in flight when the log is reset is not logged
	const url = new URL(req.url, 'http://127.0.0.1');
	const raw = await readBody(req);
	if (state.opts.control && url.pathname.startsWith('/__sim/')) {
		return send(res, await handleControl(state, req, url, raw));
	}
	// `at` and `ms` span the same stretch (from the body read to the answer), so that [at, at + ms] of two
	// requests overlap only when the server really handled them at the same time.
	const started = Date.now();
	const rec = {
		method: req.method,
		path: url.pathname,
		endpoint: null,
		body: raw === '' ? null : raw,
		token: url.searchParams.get('access_token'),
		appId: null,
		status: 0,
		errcode: 0,
		rows: 0,
		at: state.opts.now(),
		fault: null,
		echo: null,
		held: 0,
		ms: 0,
	};
	const answer = await route(state, req, url, rec);
	if (rec.appId === null && rec.token) rec.appId = state.tokens.owner(rec.token);
	delete rec.secret;
	rec.errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
	rec.status = answer.reset ? 0 : answer.status;
	rec.ms = Date.now() - started;
	if (epoch === state.logEpoch) state.log.push(rec);
	if (answer.reset) return req.socket.destroy();
	send(res, answer);
}

function createHandler(state) {
	return (req, res) => {
		handle(state, req, res).catch((err) => {
			if (!res.headersSent && !res.destroyed) send(res, { status: 500, type: 'text/plain', text: String(err) });
		});
	};
}

module.exports = { createHandler, JSON_TYPE, json };
