/**
 * What the WeChat node's engine suites share on top of sim-helpers.js: the suite's simulator and engine
 * (set in beforeAll), one execution of Input → WeChat with given parameters, what WeChat was asked, and
 * what a run gave (WeChat's rows, the hints).
 */
const helpers = require('./sim-helpers');
const { wechatWorkflow } = require('./wechat-workflow');

function withCalls(suite, timezone = 'Asia/Shanghai') {
	return Object.assign(suite, {
		/** One execution; `more` is the rest of wechatWorkflow's input (items, continueOnFail). */
		run: (parameters, more = {}) => suite.engine.run(wechatWorkflow({ parameters, ...more }), { timezone }),
		datacubeCalls: () => helpers.datacubeCalls(suite.sim),
		tokenCalls: () => helpers.tokenCalls(suite.sim),
		setCredential: (extra) => helpers.setSimCredential(suite.engine, suite.sim, extra),
	});
}

/** A simulator (answers shuffled) and an engine, everything reset before each test (sim-helpers). */
const wechatSuite = () => withCalls(helpers.useSimulatorAndEngine());

/** The same on one movable clock: `suite.at('2026-11-26T07:30:00')` (China time; sim-helpers). */
const wechatSuiteOnClock = ({ timezone, beforeEach } = {}) =>
	withCalls(helpers.useFixedChinaClock(beforeEach), timezone);

/** WeChat's own fields of each item the WeChat node output. */
const rowsOf = (result) => (result.data.WeChat ?? []).map((item) => helpers.wechatOnly(item.json));

/** The messages of a node's execution hints. */
const hintsOf = (result, node = 'WeChat') => (result.runData[node]?.[0]?.hints ?? []).map((hint) => hint.message);

module.exports = { wechatSuite, wechatSuiteOnClock, rowsOf, hintsOf, wechatOnly: helpers.wechatOnly };
