'use strict';
/**
 * Synthetic hourly responses for the collectRows micro-benchmarks, shaped as WeChat returns them:
 * one response list per day (getupstreammsghour serves one day per request), 24 hours x 5 message
 * types = 120 rows per day, each list parsed from JSON text (as n8n's HTTP stack does, so the row
 * objects have the same shape and string layout as in a real run). A few duplicate rows are mixed
 * in (the last hour of the previous day repeated at the start of every 100th list), and the lists
 * can be shuffled inside (as a server that does not sort; the simulator's `shuffle` mode).
 */
const path = require('node:path');

// the package bench/run.js measures (its private copy of the build, bench/lib/package-copy.js), else the repo's
const DIST = path.join(
	process.env.BENCH_PACKAGE_DIR ? path.resolve(process.env.BENCH_PACKAGE_DIR) : path.resolve(__dirname, '..', '..'),
	'dist',
	'nodes',
	'WeChatOfficialAccount',
);
const MSG_TYPES = [1, 2, 3, 4, 6];
const ROWS_PER_DAY = 24 * MSG_TYPES.length;
const DUPLICATE_EVERY = 100;

function loadDist() {
	const { collectRows } = require(path.join(DIST, 'rows', 'collectRows.js'));
	const { planRequests } = require(path.join(DIST, 'dates', 'planRequests.js'));
	const { findApi } = require(path.join(DIST, 'apis')); // apis.js, or apis/index.js since the API table became a folder;
	return { collectRows, planRequests, findApi, DIST };
}

/** Small deterministic PRNG (the simulator's mulberry32). */
const prng = require('../../test/simulator/faults').mulberry32;

/** Fisher-Yates shuffle of `list` in place with the random source `rnd`. */
function shuffleInPlace(list, rnd) {
	for (let i = list.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[list[i], list[j]] = [list[j], list[i]];
	}
	return list;
}

function addDaysText(text, days) {
	return new Date(Date.parse(`${text}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A real getHourly plan from the built planner over `days` days from `begin`. The planner clamps
 * ranges to "yesterday", so the plan is made at a fixed future instant (2040) for ranges beyond
 * today: 1 M distinct hourly keys need 8,334 days, more than WeChat has kept since 2014.
 */
function hourlyPlan(dist, begin, days) {
	const end = addDaysText(begin, days - 1);
	const plan = dist.planRequests(
		dist.findApi('messageSummary', 'getHourly'),
		{ dateRange: 'custom', beginDate: begin, endDate: end },
		Date.UTC(2040, 0, 1),
	);
	if (plan.windows.length !== days || plan.begin !== begin || plan.end !== end) {
		throw new Error(`unexpected plan: ${plan.windows.length} windows ${plan.begin}..${plan.end}`);
	}
	return plan;
}

function dayRows(date, dayIndex) {
	const rows = [];
	for (let hour = 0; hour < 24; hour++) {
		for (const type of MSG_TYPES) {
			const users = 1 + ((dayIndex * 131 + hour * 17 + type * 7) % 400);
			rows.push({
				ref_date: date,
				ref_hour: hour * 100,
				msg_type: type,
				msg_user: users,
				msg_count: users + ((hour + type) % 9),
			});
		}
	}
	return rows;
}

/**
 * Response lists for a plan: one JSON-parsed list per window. Returns { lists, inputRows,
 * distinctRows, duplicates }. order: 'sorted' | 'shuffled' (rows shuffled inside each list).
 */
function buildResponses(plan, { order = 'sorted', seed = 7 } = {}) {
	const rnd = prng(seed);
	const lists = new Array(plan.windows.length);
	let previous = null;
	let inputRows = 0;
	let duplicates = 0;
	plan.windows.forEach((window, index) => {
		const rows = dayRows(window.begin, index);
		let list = rows;
		if (previous && index % DUPLICATE_EVERY === 0) {
			const repeated = previous.slice(-MSG_TYPES.length); // hour 23 of the day before
			duplicates += repeated.length;
			list = repeated.concat(rows);
		}
		previous = rows;
		if (order === 'shuffled') list = shuffleInPlace(list.slice(), rnd);
		lists[index] = JSON.parse(JSON.stringify(list));
		inputRows += list.length;
	});
	return { lists, inputRows, distinctRows: plan.windows.length * ROWS_PER_DAY, duplicates };
}

/** Checks an hourly output: expected length, strictly increasing (date, hour, type), readable fields. */
function checkHourlyOutput(out, expectedLength, readable) {
	if (out.length !== expectedLength) return `expected ${expectedLength} rows, got ${out.length}`;
	let last = '';
	for (let i = 0; i < out.length; i++) {
		const row = out[i];
		const key = `${row.ref_date}|${String(row.ref_hour).padStart(4, '0')}|${row.msg_type}`;
		if (key <= last) return `row ${i} out of order or duplicated: ${key} after ${last}`;
		last = key;
		if (
			readable &&
			(row.hour !== row.ref_hour / 100 || typeof row.msg_type_name !== 'string' || typeof row.start_time !== 'string')
		) {
			return `row ${i} lacks readable fields: ${JSON.stringify(row)}`;
		}
	}
	return null;
}

module.exports = {
	loadDist,
	hourlyPlan,
	buildResponses,
	checkHourlyOutput,
	prng,
	shuffleInPlace,
	ROWS_PER_DAY,
	DUPLICATE_EVERY,
};
