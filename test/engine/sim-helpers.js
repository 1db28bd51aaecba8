/** Small helpers shared by the engine suites: reading the simulator's log and pointing the credential at it. */
const WECHAT_FIELDS = ['ref_date', 'ref_hour', 'msg_type', 'msg_user', 'msg_count', 'count_interval'];

/** Only WeChat's own fields of an output item (drops the readable ones). */
function wechatOnly(json) {
	const out = {};
	for (const key of WECHAT_FIELDS) if (key in json) out[key] = json[key];
	return out;
}

const datacubeCalls = (sim) => sim.log.filter((entry) => entry.path.startsWith('/datacube/'));
const tokenCalls = (sim) => sim.log.filter((entry) => entry.endpoint === 'stable_token' || entry.endpoint === 'token');

function setSimCredential(engine, sim, extra = {}) {
	engine.credentials.set('sim', 'weChatOfficialAccountApi', {
		appId: sim.appId,
		appSecret: sim.appSecret,
		baseUrl: sim.url,
		tokenEndpoint: 'stable',
		...extra,
	});
}

/**
 * Registers a suite's shared simulator and engine: started once, and before each test the
 * simulator's runtime options are back to normal, tokens expired, the log empty and the
 * credential pointing at it. Returns an object whose `sim` and `engine` are set in beforeAll.
 */
function useSimulatorAndEngine() {
	const { startSimulator } = require('../simulator');
	const { createEngine } = require('./harness');
	const suite = {};
	beforeAll(async () => {
		suite.sim = await startSimulator({ shuffle: true });
		suite.engine = await createEngine();
	});
	afterAll(async () => {
		await suite.sim.close();
	});
	beforeEach(() => {
		suite.sim.setOptions({ forceErrcode: null, failOnDate: null, expireTokenEvery: 0, ipWhitelisted: true, faults: { rate: 0 }, spans: {}, latencyMs: 0 });
		suite.sim.expireTokens();
		setSimCredential(suite.engine, suite.sim);
		suite.sim.resetLog();
	});
	return suite;
}

module.exports = { wechatOnly, datacubeCalls, tokenCalls, setSimCredential, useSimulatorAndEngine };
