'use strict';
// HTTP routes of the simulated api.weixin.qq.com. Fully async: nothing here blocks the loop.

const { ENDPOINTS, chinaToday, latestServedDay, checkRange } = require('./rules');
const { responseRows } = require('./data');
const { wxError, ipError } = require('./errors');
const { PROXY_PAGE } = require('./faults');
const { handleControl } = require('./control');

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

/** grant_type / appid / secret / IP checks shared by both token endpoints; null when fine. */
function credentialError(state, req, grantType, appid, secret) {
  const o = state.opts;
  if (grantType !== 'client_credential') return wxError(40002);
  if (!appid) return wxError(41002);
  if (appid !== o.appId) return wxError(40013);
  if (!secret) return wxError(41004);
  if (secret !== o.appSecret) return wxError(40125);
  if (!o.ipWhitelisted) return ipError(req.socket.remoteAddress);
  return null;
}

/** IP whitelist + access_token checks shared by the token-protected endpoints; null when fine. */
function accessError(state, req, token) {
  if (!state.opts.ipWhitelisted) return ipError(req.socket.remoteAddress);
  const status = state.tokens.check(token);
  if (status === 'missing') return wxError(41001);
  if (status === 'invalid') return wxError(40001);
  if (status === 'expired') return wxError(42001);
  return null;
}

function tokenRoute(state, req, url) {
  const q = url.searchParams;
  const err = credentialError(state, req, q.get('grant_type'), q.get('appid'), q.get('secret'));
  return json(err || state.tokens.classic());
}

function stableTokenRoute(state, req, url, rec) {
  if (req.method !== 'POST') return json(wxError(43002));
  const parsed = parseJson(rec.body);
  rec.body = parsed.value;
  if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object') return json(wxError(47001));
  const b = parsed.value;
  const err = credentialError(state, req, b.grant_type, b.appid, b.secret);
  return json(err || state.tokens.stableToken(b.force_refresh === true));
}

function domainIpRoute(state, req, url, rec) {
  return json(accessError(state, req, rec.token) || { ip_list: ['127.0.0.1'] });
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
  const denied = accessError(state, req, rec.token);
  if (denied) return json(denied);
  state.datacubeCalls++;
  state.callsForExpiry++;
  const expireAfter = o.expireTokenEvery > 0 && state.callsForExpiry % o.expireTokenEvery === 0;
  try {
    if (req.method !== 'POST') return json(wxError(43002));
    if (o.forceErrcode !== null && o.forceErrcode !== undefined) return json(wxError(o.forceErrcode));
    const fault = state.pickFault();
    if (fault) {
      rec.fault = fault;
      return faultAnswer(fault);
    }
    const parsed = parseJson(rec.body);
    rec.body = parsed.value;
    const nowMs = o.now();
    const latest = latestServedDay(nowMs, o.readyHour);
    const span = o.spans[name] ?? ENDPOINTS[name].span;
    const range = checkRange(parsed.ok ? parsed.value : null, span, chinaToday(nowMs), latest);
    if (range.errcode) return json(wxError(range.errcode));
    const failOn = o.failOnDate;
    if (failOn && rec.body && rec.body.begin_date <= failOn.date && failOn.date <= rec.body.end_date) {
      return json(wxError(failOn.errcode));
    }
    let rows = responseRows(name, range.begin, range.end, latest);
    if (o.shuffle) rows = shuffled(rows, state.shuffleRnd);
    rec.rows = rows.length;
    return json({ list: rows });
  } finally {
    if (expireAfter) state.tokens.expireAll();
  }
}

const ROUTES = {
  '/cgi-bin/token': ['token', tokenRoute],
  '/cgi-bin/stable_token': ['stable_token', stableTokenRoute],
  '/cgi-bin/get_api_domain_ip': ['get_api_domain_ip', domainIpRoute],
};

function route(state, req, url, rec) {
  if (ROUTES[url.pathname]) {
    const [endpoint, fn] = ROUTES[url.pathname];
    rec.endpoint = endpoint;
    return fn(state, req, url, rec);
  }
  const m = /^\/datacube\/([a-z]+)$/.exec(url.pathname);
  if (m && Object.prototype.hasOwnProperty.call(ENDPOINTS, m[1])) {
    rec.endpoint = m[1];
    return datacubeRoute(state, req, url, rec);
  }
  return json({ errcode: 404, errmsg: 'not found' }, 404);
}

function send(res, answer) {
  const body = Buffer.from(answer.text, 'utf8');
  res.writeHead(answer.status, { 'Content-Type': answer.type, 'Content-Length': body.length });
  res.end(body);
}

async function handle(state, req, res) {
  const started = Date.now();
  const url = new URL(req.url, 'http://127.0.0.1');
  const raw = await readBody(req);
  if (state.opts.control && url.pathname.startsWith('/__sim/')) {
    return send(res, await handleControl(state, req, url, raw));
  }
  const rec = {
    method: req.method,
    path: url.pathname,
    endpoint: null,
    body: raw === '' ? null : raw,
    token: url.searchParams.get('access_token'),
    status: 0,
    errcode: 0,
    rows: 0,
    at: state.opts.now(),
    fault: null,
    ms: 0,
  };
  const answer = await route(state, req, url, rec);
  rec.errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
  rec.status = answer.reset ? 0 : answer.status;
  rec.ms = Date.now() - started;
  state.log.push(rec);
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
