/**
 * "Since Last Run" on Get Article Details (getarticletotaldetail): the range selects publish days, and each
 * article's cumulative series gains one statistics day (stat_date) a day for 30 days. Across runs on consecutive
 * days and after a gap, each (msgid, stat_date) row is delivered exactly once, as WeChat serves its stat_date,
 * for every article still within its 30 days; a daily run costs 30 requests (one publish day each).
 */
const { addDays, useSinceLastRunSuite } = require('./n8n-instance');
const helpers = require('./sim-helpers');

const suite = useSinceLastRunSuite({ queue: true }, { id: 'workflow-1' });
let sim;
beforeAll(() => ({ sim } = suite));
const SERIES = { resource: 'publishedContent', operation: 'getArticleDetails', lookbackDays: null };

/** One run at 09:00 China time on `today` (latest served day: the day before). */
async function runOn(today, options = {}) {
	suite.at(`${today}T09:00:00`);
	const run = await suite.execute({ ...SERIES, ...options });
	return {
		...run,
		publishDays: helpers
			.datacubeCalls(sim)
			.map((call) => call.body.begin_date)
			.sort(),
	};
}

/** WeChat's (msgid, stat_date) rows, with their cumulative read_user, whose stat_date is in [from, through], served on `today`. */
function servedRows(from, through, today) {
	const now = Date.parse(`${today}T09:00:00+08:00`);
	return sim
		.expectedRows('getarticletotaldetail', addDays(from, -29), through, now)
		.flatMap((article) =>
			article.detail_list.map((detail) => ({
				msgid: article.msgid,
				stat_date: detail.stat_date,
				read_user: detail.read_user,
			})),
		)
		.filter((row) => row.stat_date >= from && row.stat_date <= through);
}

const key = (row) => `${row.msgid}@${row.stat_date}`;
const sorted = (rows) => rows.map((row) => `${key(row)}=${row.read_user}`).sort();
const publishRange = (from, to) => {
	const days = [];
	for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
	return days;
};

it('delivers each (msgid, stat_date) once as its day is served: first run, daily runs, a rerun, a gap', async () => {
	const delivered = [];
	// First run: the statistics days of the last Lookback Days (7), from every article published within 30 days of them.
	const first = await runOn('2026-01-20');
	expect(first.result.error).toBeUndefined();
	expect(sorted(first.rows)).toEqual(sorted(servedRows('2026-01-13', '2026-01-19', '2026-01-20')));
	expect(first.publishDays).toEqual(publishRange('2025-12-15', '2026-01-19'));
	delivered.push(...first.rows);

	for (const today of ['2026-01-21', '2026-01-22', '2026-01-23']) {
		const latest = addDays(today, -1);
		const run = await runOn(today);
		expect(sorted(run.rows)).toEqual(sorted(servedRows(latest, latest, today)));
		// 30 requests: the publish days whose 30-day series reach the new statistics day.
		expect(run.publishDays).toEqual(publishRange(addDays(latest, -29), latest));
		expect(run.rows.length).toBeGreaterThan(0);
		delivered.push(...run.rows);
	}

	const again = await runOn('2026-01-23');
	expect(again.rows).toEqual([]);
	expect(again.publishDays).toEqual([]);

	// Three days not run: the three missed statistics days, one more publish day per missed day.
	const gap = await runOn('2026-01-27');
	expect(sorted(gap.rows)).toEqual(sorted(servedRows('2026-01-23', '2026-01-26', '2026-01-27')));
	expect(gap.publishDays).toEqual(publishRange('2025-12-25', '2026-01-26'));
	delivered.push(...gap.rows);

	expect(new Set(delivered.map(key)).size).toBe(delivered.length);
	expect(sorted(delivered)).toEqual(sorted(servedRows('2026-01-13', '2026-01-26', '2026-01-27')));
	// An article published before the first statistics day and within 30 days of the last: its whole curve, day by day.
	const article = delivered.find((row) => row.ref_date >= '2025-12-28' && row.ref_date <= '2026-01-13');
	const curve = delivered.filter((row) => row.msgid === article.msgid).map((row) => row.stat_date);
	expect(curve).toEqual(publishRange('2026-01-13', '2026-01-26'));
});

it('a statistics day WeChat has not finalised (is_delay) is held back and delivered once, the next run', async () => {
	await runOn('2026-01-20');
	sim.setOptions({ isDelay: 'latest' });
	const delayed = await runOn('2026-01-21');
	expect(delayed.rows).toEqual([]);
	expect(delayed.hints).toMatch(/has not finalised 2026-01-20 and later \(is_delay\) for Get Article Details/);
	sim.setOptions({ isDelay: false });
	const later = await runOn('2026-01-21');
	expect(sorted(later.rows)).toEqual(sorted(servedRows('2026-01-20', '2026-01-20', '2026-01-21')));
});

it('with a Confirm step and a destination that fails once, the statistics days come again (at least once)', async () => {
	await runOn('2026-01-20');
	const down = await runOn('2026-01-21', { failTimes: 2 });
	expect(down.result.error.message).toMatch(/destination is down/);
	const retried = await runOn('2026-01-21');
	expect(sorted(retried.rows)).toEqual(sorted(down.rows));
	expect((await runOn('2026-01-21')).rows).toEqual([]);
});
