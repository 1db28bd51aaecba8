'use strict';
// lateInvalid: the late-40001 race. A datacube request sent with token T is held, T expires, and the
// held request answers 40001 only once the account has a newer token. Fixed clock; any machine TZ.

const { useSim } = require('./test-helpers');

const t = useSim();
const DAY = ['2024-11-30', '2024-11-30'];

async function until(cond, what, ms = 3000) {
	const end = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

describe('lateInvalid', () => {
	test('held until stable_token issues a new token, then 40001; meanwhile T answers 42001', async () => {
		await t.open({ lateInvalid: { times: 1 } });
		const old = (await t.api.stable()).access_token;
		const late = t.api.dc('getupstreammsg', ...DAY, old);
		await until(() => t.sim.held === 1, 'the hold');
		expect((await t.api.dc('getupstreammsghour', ...DAY, old)).errcode).toBe(42001);
		const fresh = (await t.api.stable()).access_token;
		expect(fresh).not.toBe(old);
		expect(await late).toEqual({ errcode: 40001, errmsg: expect.stringMatching(/^invalid credential/) });
		expect(t.sim.held).toBe(0);
		expect((await t.api.dc('getupstreammsg', ...DAY, old)).errcode).toBe(40001); // T is dead now
		expect((await t.api.dc('getupstreammsg', ...DAY, fresh)).list.length).toBeGreaterThan(0); // times: 1
		const heldRec = t.sim.log.find((r) => r.endpoint === 'getupstreammsg');
		expect(heldRec).toMatchObject({ token: old, errcode: 40001 });
		expect(heldRec.held).toBeGreaterThan(0);
		const order = t.sim.log.map((r) => `${r.endpoint}:${r.errcode}`);
		expect(order).toEqual([
			'stable_token:0',
			'getupstreammsghour:42001',
			'stable_token:0',
			'getupstreammsg:40001',
			'getupstreammsg:40001',
			'getupstreammsg:0',
		]);
	});

	test('classic endpoint: a new /cgi-bin/token releases it', async () => {
		await t.open({ lateInvalid: 1 });
		const old = (await t.api.token()).access_token;
		const late = t.api.dc('getupstreammsg', ...DAY, old);
		await until(() => t.sim.held === 1, 'the hold');
		await t.api.token();
		expect((await late).errcode).toBe(40001);
	});

	test("release 'used': held until a request with the newer token arrives", async () => {
		await t.open({ lateInvalid: { times: 1, release: 'used' } });
		const old = (await t.api.stable()).access_token;
		let settled = false;
		const late = t.api.dc('getupstreammsg', ...DAY, old).then((r) => ((settled = true), r));
		await until(() => t.sim.held === 1, 'the hold');
		const fresh = (await t.api.stable()).access_token;
		await new Promise((r) => setTimeout(r, 50));
		expect(settled).toBe(false);
		expect((await t.api.dc('getupstreammsghour', ...DAY, fresh)).list.length).toBeGreaterThan(0);
		expect((await late).errcode).toBe(40001);
	});

	test("another account's new token does not release it; maxHoldMs answers 42001 (T expired)", async () => {
		const B = { appId: 'wxB', appSecret: 'secret-b' };
		await t.open({ accounts: [B], lateInvalid: { maxHoldMs: 300 } });
		const old = (await t.api.stable()).access_token;
		const started = Date.now();
		const late = t.api.dc('getupstreammsg', ...DAY, old);
		await until(() => t.sim.held === 1, 'the hold');
		await fetch(`${t.sim.url}/cgi-bin/stable_token`, {
			method: 'POST',
			body: JSON.stringify({ grant_type: 'client_credential', appid: B.appId, secret: B.appSecret }),
		});
		expect((await late).errcode).toBe(42001);
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
	});

	test('expireToken:false keeps T valid for other requests while one is held', async () => {
		await t.open({ lateInvalid: { times: 1, expireToken: false } });
		const old = (await t.api.stable()).access_token;
		const late = t.api.dc('getupstreammsg', ...DAY, old);
		await until(() => t.sim.held === 1, 'the hold');
		expect((await t.api.dc('getupstreammsghour', ...DAY, old)).list.length).toBeGreaterThan(0);
		t.sim.forceRefresh();
		expect((await late).errcode).toBe(40001);
	});
});

/**
 * Two windows fetched in parallel by a minimal client that refreshes at most once at a time; with
 * `guard` it retries without a refresh when the rejected token is older than the one it now holds.
 * Shows that the race separates a client with the guard (one refresh) from one without (two).
 */
async function twoWindows(sim, api, guard) {
	let current = (await api.stable()).access_token;
	let refreshing = null;
	const refresh = () =>
		(refreshing ??= api.stable().then((r) => {
			current = r.access_token;
			refreshing = null;
		}));
	const windowFetch = async (name) => {
		for (let attempt = 0; attempt < 4; attempt++) {
			const used = current;
			const r = await api.dc(name, ...DAY, used);
			if (![40001, 40014, 42001].includes(r.errcode)) return r;
			if (guard && used !== current) continue;
			await refresh();
		}
		throw new Error('gave up');
	};
	const results = await Promise.all([windowFetch('getupstreammsg'), windowFetch('getupstreammsghour')]);
	return { results, tokenRequests: sim.log.filter((r) => r.endpoint === 'stable_token').length };
}

test.each([
	[true, 2],
	[false, 3],
])(
	'the race tells a guarded client (guard=%s) by its token requests (%i incl. the first)',
	async (guard, tokenRequests) => {
		await t.open({ lateInvalid: { times: 1 } });
		const out = await twoWindows(t.sim, t.api, guard);
		expect(out.results.every((r) => r.list.length > 0)).toBe(true);
		expect(out.tokenRequests).toBe(tokenRequests);
	},
);
