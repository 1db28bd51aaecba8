/**
 * Issue 8 §3: WeChat finishes a day by 08:00 China time the next morning. With a fixed clock on
 * both sides (the node's Date.now and the simulator's, which answers 61503 for yesterday before
 * 08:00), presets end on the latest day WeChat serves, custom ranges are clamped to it, and the
 * editor is told why (an execution hint), around midnight, on a Monday (weeks) and on the 1st.
 */
const { wechatSuiteOnClock, hintsOf } = require('./suite');

// The workflow's time zone is not China's: the node must decide by China time all the same.
const clock = wechatSuiteOnClock({ timezone: 'America/Los_Angeles' });
const ENDPOINTS = { getDaily: 'getupstreammsg', getHourly: 'getupstreammsghour' };

it.each([
	// what, China time, parameters, the one request [begin, end], the hint ([]: none)
	[
		'Yesterday at 07:30 China time is the day before yesterday, with a hint; no request for unfinished data',
		'2026-11-26T07:30:00',
		{ operation: 'getDaily', dateRange: 'yesterday' },
		['2026-11-24', '2026-11-24'],
		/before then the latest day it serves is 2026-11-24, not yesterday \(2026-11-25\)/,
	],
	[
		'Yesterday at 08:00 China time is yesterday, without a hint',
		'2026-11-26T08:00:01',
		{ operation: 'getDaily', dateRange: 'yesterday' },
		['2026-11-25', '2026-11-25'],
		[],
	],
	[
		'Yesterday just after midnight China time (16:30 UTC the day before) is two days back',
		'2026-11-26T00:30:00',
		{ operation: 'getHourly', dateRange: 'yesterday' },
		['2026-11-24', '2026-11-24'],
		/before then the latest day it serves is 2026-11-24, not yesterday \(2026-11-25\)/,
	],
	[
		'Last 7 Days at 03:00 China time keeps its length and ends the day before yesterday',
		'2026-11-26T03:00:00',
		{ operation: 'getDaily', dateRange: 'last7Days' },
		['2026-11-18', '2026-11-24'],
		/before then the latest day it serves is 2026-11-24, not yesterday \(2026-11-25\)/,
	],
	[
		'a custom range ending yesterday is clamped before 08:00, with a hint naming the new end',
		'2026-11-26T07:59:00',
		{ operation: 'getDaily', dateRange: 'custom', beginDate: '2026-11-20', endDate: '2026-11-25' },
		['2026-11-20', '2026-11-24'],
		/End Date moved from 2026-11-25 to 2026-11-24/,
	],
])('%s', async (_, chinaTime, parameters, [begin, end], hint) => {
	clock.at(chinaTime);
	const result = await clock.run({ options: { addReadableFields: false }, ...parameters });
	expect(result.error).toBeUndefined();
	expect(clock.datacubeCalls().map((call) => [call.body.begin_date, call.body.end_date])).toEqual([[begin, end]]);
	expect(result.data.WeChat.map((item) => item.json)).toEqual(
		clock.sim.expectedRows(ENDPOINTS[parameters.operation], begin, end),
	);
	if (hint instanceof RegExp) expect(hintsOf(result).join(' ')).toMatch(hint);
	else expect(hintsOf(result)).toEqual(hint);
});

it.each([
	// what, operation, Date Range, [China time, the one ref_date] before 08:00 and after
	[
		'on Monday 00:30 China time, Last Week is the week before (the one that just ended is not served yet)',
		'getWeekly',
		'lastWeek',
		['2026-11-23T00:30:00', '2026-11-09'],
		['2026-11-23T09:00:00', '2026-11-16'],
	],
	[
		'on the 1st before 08:00 China time, Last Month is the month before last',
		'getMonthly',
		'lastMonth',
		['2026-11-01T07:00:00', '2026-09-01'],
		['2026-11-01T08:00:00', '2026-10-01'],
	],
])('%s', async (_, operation, dateRange, ...times) => {
	for (const [chinaTime, refDate] of times) {
		clock.at(chinaTime);
		const result = await clock.run({ operation, dateRange, options: { addReadableFields: false } });
		expect(result.error).toBeUndefined();
		expect(new Set(result.data.WeChat.map((item) => item.json.ref_date))).toEqual(new Set([refDate]));
	}
});
