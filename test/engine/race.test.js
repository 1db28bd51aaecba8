/**
 * The late-40001 race, produced on purpose: the simulator holds one datacube request sent with the
 * stored token T and expires T; the node's other windows meet 42001 and refresh; only when a request
 * with the new token arrives does the held one answer 40001 for T. The node must see that T is older
 * than the token it now holds and retry with that one: one refresh, not two.
 */
const { wechatSuite, rowsOf } = require('./suite');

const suite = wechatSuite();

it('a 40001 for a token already replaced causes no second refresh', async () => {
	const { sim, engine } = suite;
	const parameters = {
		dateRange: 'custom',
		beginDate: '2024-01-01',
		endDate: '2024-01-21',
		options: { parallelRequests: 3 },
	};
	expect((await suite.run(parameters)).error).toBeUndefined();
	const old = engine.credentials.get('sim').accessToken;
	sim.resetLog();
	engine.credentials.resetCounters();
	sim.setOptions({ lateInvalid: { times: 1, release: 'used' } });

	const result = await suite.run(parameters);

	expect(result.error).toBeUndefined();
	expect(rowsOf(result)).toEqual(sim.expectedRows('getupstreammsg', '2024-01-01', '2024-01-21'));
	const late = suite.datacubeCalls().filter((call) => call.held > 0);
	expect(late).toEqual([expect.objectContaining({ token: old, errcode: 40001 })]);
	expect(suite.datacubeCalls().filter((call) => call.errcode === 42001).length).toBeGreaterThanOrEqual(1);
	expect(suite.tokenCalls()).toHaveLength(1);
	expect(engine.credentials.preAuthCount).toBe(1);
	const fresh = engine.credentials.get('sim').accessToken;
	expect(fresh).not.toBe(old);
	expect(
		suite
			.datacubeCalls()
			.filter((call) => call.errcode === 0)
			.every((call) => call.token === fresh),
	).toBe(true);
});
