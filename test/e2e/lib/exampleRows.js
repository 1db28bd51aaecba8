/**
 * The rows of an example's WeChat nodes (issue 10's operations), for the examples that have no expectation of their
 * own in checks/50-examples.js: each node's range follows from its Date Range on the simulator's latest served day
 * (a runnable copy runs for the first time, so "Since Last Run" covers its Lookback Days).
 */
const { NODE_TYPE } = require('../../../scripts/lib/entities');
const { nodeItems } = require('../../../scripts/lib/n8nApp');
const { findOperation, expectedUnits, compareUnits, itemPer } = require('./analytics');
const { check } = require('./report');

const PRESET_DAYS = { yesterday: 1, last7Days: 7, last30Days: 30 };
const DAY = 86400000;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** [begin, end] of a day-grain node's first run, or undefined for a Date Range this helper does not model. */
function rangeOf(parameters, latestDay) {
	const preset = parameters.dateRange;
	if (preset === 'custom') return [String(parameters.beginDate).slice(0, 10), String(parameters.endDate).slice(0, 10)];
	const days = preset === 'sinceLastRun' ? (parameters.lookbackDays ?? 7) : PRESET_DAYS[preset];
	return days ? [addDays(latestDay, 1 - days), latestDay] : undefined;
}

/** Checks every WeChat node of the copy (Confirm Delivery steps aside) against the simulator's rows. */
async function expectWeChatNodes(copy, runData, { sim, state }) {
	const nodes = copy.workflow.nodes.filter(
		(node) => node.type === NODE_TYPE && node.parameters.resource !== 'delivery',
	);
	const name = copy.example.file.replace(/\.json$/, '');
	check(`${name}: has WeChat nodes to run`, () => (nodes.length ? undefined : 'none'));
	for (const node of nodes) {
		const { resource, operation, dateRange } = node.parameters;
		const op = findOperation(resource, operation);
		const range = rangeOf(node.parameters, state.latestDay);
		const rows = op && range ? await sim.expected(op.endpoint, range[0], range[1]) : [];
		const units = op ? expectedUnits(op.endpoint, rows) : [];
		check(
			`${name} (without ${copy.leftOut.join(', ')}): "${node.name}" (${operation}, ${dateRange}${range ? ` = ${range.join('..')}` : ''}) gives ${units.length} item${units.length === 1 ? '' : 's'}, ${op ? itemPer(op, rows) : '?'}`,
			() => {
				if (!op) return `${resource} / ${operation} is not one of issue 10's operations: add an expectation`;
				if (!range) return `no expectation for Date Range "${dateRange}"`;
				return compareUnits(op, nodeItems(runData, node.name), units);
			},
		);
	}
}

module.exports = { expectWeChatNodes };
