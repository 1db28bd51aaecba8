/** Small helpers shared by the engine suites: reading the simulator's log and pointing the credential at it. */
const WECHAT_FIELDS = ['ref_date', 'ref_hour', 'msg_type', 'msg_user', 'msg_count', 'count_interval'];

/** Only WeChat's own fields of an output item (drops the readable ones). */
function wechatOnly(json) {
	const out = {};
	for (const key of WECHAT_FIELDS) if (key in json) out[key] = json[key];
	return out;
}

/** Most requests in flight at the same moment; a request ending as another starts does not overlap it. */
function mostInFlight(calls) {
	const events = calls.flatMap((call) => [
		[call.at, 1],
		[call.at + call.ms, -1],
	]);
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let most = 0;
	for (const [, change] of events) most = Math.max(most, (now += change));
	return most;
}

const datacubeCalls = (sim) => sim.log.filter((entry) => entry.path.startsWith('/datacube/'));
const tokenCalls = (sim) => sim.log.filter((entry) => entry.endpoint === 'stable_token' || entry.endpoint === 'token');

function setSimCredential(engine, sim, extra = {}) {
	engine.credentials.set('sim', 'weChatOfficialAccountApi', {
		appId: sim.appId,
		appSecret: sim.appSecret,
		baseUrl: sim.url,
		issuingEndpoint: 'stable',
		...extra,
	});
}

/**
 * Registers a suite's shared simulator and engine: started once, and before each test every
 * runtime option of the simulator is back as started, tokens expired, the log empty and the
 * credential pointing at it (its counters at 0). Returns an object whose `sim` and `engine` are set in beforeAll.
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
		suite.sim.resetOptions();
		suite.sim.expireTokens();
		setSimCredential(suite.engine, suite.sim);
		suite.engine.credentials.resetCounters();
		suite.sim.resetLog();
	});
	return suite;
}

/**
 * A simulator and an engine on one movable clock: the node's Date.now and the simulator's `now` follow
 * `suite.at('2026-11-26T07:30:00')` (China time; the clock keeps ticking from there). Before each test
 * the credential points at the simulator and its log is empty; `beforeEachExtra` runs after that.
 */
function useFixedChinaClock(beforeEachExtra = () => undefined) {
	const { startSimulator } = require('../simulator');
	const { createEngine } = require('./harness');
	const realNow = Date.now.bind(Date);
	let offset = 0;
	const suite = {
		at(chinaTime) {
			offset = Date.parse(`${chinaTime}+08:00`) - realNow();
		},
	};
	beforeAll(async () => {
		suite.sim = await startSimulator({ now: () => Date.now() });
		suite.engine = await createEngine();
	});
	afterAll(async () => {
		await suite.sim.close();
	});
	beforeEach(() => {
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
		setSimCredential(suite.engine, suite.sim);
		suite.sim.resetLog();
		beforeEachExtra(suite);
	});
	afterEach(() => jest.restoreAllMocks());
	return suite;
}

module.exports = {
	useFixedChinaClock,
	wechatOnly,
	datacubeCalls,
	tokenCalls,
	setSimCredential,
	useSimulatorAndEngine,
	mostInFlight,
};
