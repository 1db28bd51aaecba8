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

module.exports = { wechatOnly, datacubeCalls, tokenCalls, setSimCredential };
