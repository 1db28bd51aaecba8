'use strict';
/**
 * What an n8n installation keeps of one workflow between its executions: the workflow's static data
 * (workflow_entity."staticData") and the deduplication store (processed_data, modelled by processed-data.js).
 *
 * - regular mode: each execution starts from the saved static data;
 * - queue mode (n8n 2.41.1, reference WECHAT-2026.md §7): a new execution on a worker starts from `{}`;
 * - either way n8n then saves the static data the execution changed in place of all of it
 *   (saveStaticDataById), and saves nothing when it changed nothing.
 */
const { ProcessedData } = require('./processed-data');

let executions = 0;

class N8nInstance {
	constructor({ queue = false, staticData = {} } = {}) {
		this.queue = queue;
		this.staticData = structuredClone(staticData);
		this.processedData = new ProcessedData();
	}

	/** One production execution (mode 'trigger' unless options.mode) of `workflow`. */
	async run(engine, workflow, options = {}) {
		const result = await engine.run(workflow, {
			timezone: 'Asia/Shanghai',
			mode: 'trigger',
			executionId: `exec-${++executions}`,
			staticData: this.queue ? {} : structuredClone(this.staticData),
			processedData: this.processedData,
			...options,
		});
		if (result.savedStaticData !== undefined) this.staticData = result.savedStaticData;
		return result;
	}
}

/** The messages of the hints a node showed in its (last) run. */
function hintsOf(result, node) {
	return (result.runData[node]?.slice(-1)[0]?.hints ?? []).map((hint) => hint.message).join(' | ');
}

const DAY_MS = 86400000;
/** 'YYYY-MM-DD' plus n days. */
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * A "Since Last Run" suite: the simulator and the engine on one movable clock (sim-helpers), and before each test a
 * fresh N8nInstance (`instanceOptions`), the simulator's options reset and the destinations emptied. `suite.execute(
 * options, runOptions)` runs sinceLastRunWorkflow(options) once: { result, rows (the WeChat node's json), hints,
 * confirmHints, requests (datacube calls) }.
 */
function useSinceLastRunSuite(instanceOptions = {}, workflowDefaults = {}) {
	const helpers = require('./sim-helpers');
	const { clearDestinations } = require('./builtin-nodes');
	const { sinceLastRunWorkflow } = require('./since-last-run-workflow');
	const suite = helpers.useFixedChinaClock(() => {
		suite.sim.resetOptions();
		suite.n8n = new N8nInstance(instanceOptions);
		clearDestinations();
	});
	suite.execute = async (options = {}, runOptions = {}) => {
		suite.sim.resetLog();
		const workflow = sinceLastRunWorkflow({ ...workflowDefaults, ...options });
		const result = await suite.n8n.run(suite.engine, workflow, runOptions);
		return {
			result,
			rows: (result.data.WeChat ?? []).map((item) => item.json),
			hints: hintsOf(result, 'WeChat'),
			confirmHints: hintsOf(result, 'Confirm'),
			requests: helpers.datacubeCalls(suite.sim).length,
		};
	};
	return suite;
}

module.exports = { N8nInstance, hintsOf, addDays, useSinceLastRunSuite };
