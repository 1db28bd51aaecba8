'use strict';
// Helpers shared by the simulator's own test files: a settable clock and a tiny HTTP client.

const { startSimulator } = require('./index');

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A clock the tests set: c.t is the instant (ms). */
function clock(start) {
	const c = { t: start, now: () => c.t, advance: (ms) => (c.t += ms), set: (iso) => (c.t = Date.parse(iso)) };
	return c;
}

/** Raw HTTP calls to a simulator, answering parsed JSON (or { status, text, headers } for raw()). */
function client(sim, creds = { appId: sim.appId, appSecret: sim.appSecret }) {
	const post = async (p, body) => {
		const res = await fetch(sim.url + p, {
			method: 'POST',
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
		return res.json();
	};
	return {
		token: async (q = `grant_type=client_credential&appid=${creds.appId}&secret=${creds.appSecret}`) =>
			(await fetch(`${sim.url}/cgi-bin/token?${q}`)).json(),
		stable: (extra = {}) =>
			post('/cgi-bin/stable_token', {
				grant_type: 'client_credential',
				appid: creds.appId,
				secret: creds.appSecret,
				...extra,
			}),
		dc: (name, begin, end, token) =>
			post(`/datacube/${name}?access_token=${token}`, { begin_date: begin, end_date: end }),
		raw: (name, body, token) => post(`/datacube/${name}?access_token=${token}`, body),
		domainIp: async (token) => (await fetch(`${sim.url}/cgi-bin/get_api_domain_ip?access_token=${token}`)).json(),
		/** fetch without following redirects: { status, text, headers }. */
		http: async (p, init = {}) => {
			const res = await fetch(sim.url + p, { redirect: 'manual', ...init });
			return { status: res.status, text: await res.text(), headers: res.headers };
		},
	};
}

/**
 * One simulator per test: const t = useSim(); then `await t.open({...})` inside a test gives
 * t.sim, t.api (client), t.clk (clock starting at options.start or 2024-12-01 10:00 China time).
 */
function useSim() {
	const t = { sim: null, api: null, clk: null };
	t.open = async (options = {}) => {
		const { start = Date.parse('2024-12-01T10:00:00+08:00'), ...rest } = options;
		t.clk = clock(start);
		t.sim = await startSimulator({ now: t.clk.now, ...rest });
		t.api = client(t.sim);
		return t.sim;
	};
	afterEach(async () => {
		if (t.sim) await t.sim.close();
		t.sim = null;
	});
	return t;
}

/** Distinct ref_date values of a list, in order of first appearance. */
const dates = (list) => [...new Set(list.map((r) => r.ref_date))];

module.exports = { MIN, HOUR, DAY, clock, client, useSim, dates };
