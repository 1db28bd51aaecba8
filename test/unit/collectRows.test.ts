import { findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { planRequests } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import { collectRows, RowShapeError } from '../../nodes/WeChatOfficialAccount/rows/collectRows';
import { isCode } from '../../nodes/WeChatOfficialAccount/rows/rowKeys';

const NOW = Date.parse('2026-11-25T12:00:00+08:00');
const plan = (operation: string, begin: string, end: string) =>
	planRequests(
		findApi('messageSummary', operation) as DatacubeApi,
		{ dateRange: 'custom', beginDate: begin, endDate: end },
		NOW,
	);

describe('collectRows', () => {
	it('merges windows, drops duplicates and rows outside the range, sorts by date, hour, type', () => {
		const hourly = plan('getHourly', '2024-03-01', '2024-03-02');
		const rows = collectRows(
			hourly,
			[
				[
					{ ref_date: '2024-03-02', ref_hour: 100, msg_type: 2, msg_user: 1, msg_count: 2 },
					{ ref_date: '2024-03-01', ref_hour: 2300, msg_type: 1, msg_user: 3, msg_count: 4 },
					{ ref_date: '2024-03-01', ref_hour: 0, msg_type: 6, msg_user: 5, msg_count: 6 },
				],
				[
					{ ref_date: '2024-03-01', ref_hour: 2300, msg_type: 1, msg_user: 3, msg_count: 4 },
					{ ref_date: '2024-03-03', ref_hour: 0, msg_type: 1, msg_user: 9, msg_count: 9 },
				],
			],
			{ addReadableFields: true },
		);
		expect(rows).toEqual([
			{
				ref_date: '2024-03-01',
				ref_hour: 0,
				msg_type: 6,
				msg_user: 5,
				msg_count: 6,
				msg_type_name: 'third-party app link',
				hour: 0,
				start_time: '2024-03-01T00:00:00+08:00',
			},
			{
				ref_date: '2024-03-01',
				ref_hour: 2300,
				msg_type: 1,
				msg_user: 3,
				msg_count: 4,
				msg_type_name: 'text',
				hour: 23,
				start_time: '2024-03-01T23:00:00+08:00',
			},
			{
				ref_date: '2024-03-02',
				ref_hour: 100,
				msg_type: 2,
				msg_user: 1,
				msg_count: 2,
				msg_type_name: 'image',
				hour: 1,
				start_time: '2024-03-02T01:00:00+08:00',
			},
		]);
	});

	it('keeps WeChat fields unchanged when readable fields are off', () => {
		const daily = plan('getDailyDistribution', '2024-03-01', '2024-03-01');
		const row = { ref_date: '2024-03-01', count_interval: 2, msg_user: 7 };
		expect(collectRows(daily, [[row]], { addReadableFields: false })).toEqual([row]);
		expect(collectRows(daily, [[row]], { addReadableFields: true })[0]).toEqual({
			...row,
			count_interval_label: '6-10',
		});
	});

	it('keeps only the planned weeks and adds their last day', () => {
		const weekly = plan('getWeekly', '2024-01-03', '2024-01-10');
		const rows = collectRows(
			weekly,
			[
				[
					{ ref_date: '2024-01-08', msg_type: 1, msg_user: 1, msg_count: 1 },
					{ ref_date: '2024-01-01', msg_type: 1, msg_user: 1, msg_count: 1 },
					{ ref_date: '2024-01-03', msg_type: 1, msg_user: 1, msg_count: 1 },
				],
			],
			{ addReadableFields: true },
		);
		expect(rows.map((r) => [r.ref_date, r.period_end])).toEqual([
			['2024-01-01', '2024-01-07'],
			['2024-01-08', '2024-01-14'],
		]);
	});

	it('refuses rows it cannot key instead of dropping them', () => {
		const daily = plan('getDaily', '2024-03-01', '2024-03-01');
		expect(() => collectRows(daily, [[{ msg_type: 1 }]], { addReadableFields: true })).toThrow(RowShapeError);
		expect(() =>
			collectRows(daily, [[{ ref_date: '2024-03-01', msg_type: 'x' }]], { addReadableFields: true }),
		).toThrow(/numeric msg_type/);
	});

	it('a row WeChat sends twice in a row is output once, the first copy', () => {
		const daily = plan('getDaily', '2024-03-01', '2024-03-01');
		const rows = collectRows(
			daily,
			[
				[
					{ ref_date: '2024-03-01', msg_type: 1, msg_user: 1 },
					{ ref_date: '2024-03-01', msg_type: 1, msg_user: 2 },
					{ ref_date: '2024-03-01', msg_type: 2, msg_user: 3 },
				],
			],
			{ addReadableFields: false },
		);
		expect(rows.map((row) => row.msg_user)).toEqual([1, 3]);
	});

	it('quotes the refused row in the error, clipped to 200 characters; a missing row as undefined', () => {
		const daily = plan('getDaily', '2024-03-01', '2024-03-01');
		const long = { ref_date: '2024-03-01', msg_type: 'x', note: 'n'.repeat(500) };
		const error = (() => {
			try {
				collectRows(daily, [[long]], { addReadableFields: false });
			} catch (e) {
				return e as Error;
			}
			throw new Error('not refused');
		})();
		expect(error).toBeInstanceOf(RowShapeError);
		expect(error.message).toBe(
			`WeChat returned a row without a numeric msg_type (a whole number from 0): ${JSON.stringify(long).slice(0, 200)}`,
		);
		expect(() => collectRows(daily, [[undefined]], { addReadableFields: false })).toThrow(
			new RowShapeError('WeChat returned a row without a valid ref_date (YYYY-MM-DD): undefined'),
		);
	});

	it('a numeric msgid is keyed as its digits; a msgid that is not a finite number or a string is refused', () => {
		const api = findApi('articleAnalysis', 'getArticleSummary') as DatacubeApi;
		const summary = planRequests(api, { dateRange: 'custom', beginDate: '2024-03-01', endDate: '2024-03-01' }, NOW);
		const rows = collectRows(
			summary,
			[
				[
					{ ref_date: '2024-03-01', msgid: 2 },
					{ ref_date: '2024-03-01', msgid: '10_1' },
					{ ref_date: '2024-03-01', msgid: '2' },
				],
			],
			{ addReadableFields: false },
		);
		expect(rows.map((row) => row.msgid)).toEqual(['10_1', 2]); // '10_1' < '2' as strings; '2' repeats msgid 2
		for (const msgid of [Number.NaN, Number.POSITIVE_INFINITY, null, true, '']) {
			expect(() => collectRows(summary, [[{ ref_date: '2024-03-01', msgid }]], { addReadableFields: false })).toThrow(
				/a msgid \(a non-empty string\)/,
			);
		}
	});

	it('a code at its limit is not a code (it would take the next hour or day in the packed key)', () => {
		expect(isCode(99, 100)).toBe(true);
		expect(isCode(100, 100)).toBe(false);
	});

	it('refuses a null or non-object row of an API keyed by date and msgid', () => {
		const api = findApi('articleAnalysis', 'getArticleSummary') as DatacubeApi;
		const summary = planRequests(api, { dateRange: 'custom', beginDate: '2024-03-01', endDate: '2024-03-01' }, NOW);
		for (const row of [null, 7, 'row']) {
			expect(() => collectRows(summary, [[row]], { addReadableFields: false })).toThrow(RowShapeError);
		}
	});

	it('refuses a first row with an empty or missing ref_date (it used to vanish: issue 8 §5)', () => {
		const daily = plan('getDaily', '2024-03-01', '2024-03-01');
		const good = { ref_date: '2024-03-01', msg_type: 1, msg_user: 1, msg_count: 1 };
		expect(() => collectRows(daily, [[{ ref_date: '', msg_type: 1 }, good]], { addReadableFields: false })).toThrow(
			/valid ref_date/,
		);
		expect(() => collectRows(daily, [[{ msg_type: 1 }, good]], { addReadableFields: false })).toThrow(/valid ref_date/);
		expect(() =>
			collectRows(daily, [[], [{ ref_date: undefined, msg_type: 1 }]], { addReadableFields: false }),
		).toThrow(/valid ref_date/);
	});

	it('labels a message type or count interval WeChat has not documented like before', () => {
		const daily = plan('getDaily', '2024-03-01', '2024-03-01');
		expect(
			collectRows(daily, [[{ ref_date: '2024-03-01', msg_type: 7 }]], { addReadableFields: true })[0].msg_type_name,
		).toBe('type 7');
		const dist = plan('getDailyDistribution', '2024-03-01', '2024-03-01');
		expect(
			collectRows(dist, [[{ ref_date: '2024-03-01', count_interval: 9 }]], { addReadableFields: true })[0]
				.count_interval_label,
		).toBe('interval 9');
	});

	it('orders and de-duplicates shuffled input exactly like a naive sort, keeping the first copy', () => {
		const hourly = plan('getHourly', '2024-01-01', '2024-01-10');
		let seed = 12345;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const lists: Record<string, unknown>[][] = [];
		for (let l = 0; l < 20; l++) {
			const list: Record<string, unknown>[] = [];
			for (let r = 0; r < 300; r++) {
				const day = 1 + Math.floor(random() * 12); // days 11 and 12 are outside the range
				list.push({
					ref_date: `2024-01-${String(day).padStart(2, '0')}`,
					ref_hour: Math.floor(random() * 24) * 100,
					msg_type: [1, 2, 3, 4, 6][Math.floor(random() * 5)],
					msg_user: l,
					msg_count: r,
				});
			}
			lists.push(list);
		}
		const keyOf = (row: Record<string, unknown>) =>
			`${row.ref_date}|${String(row.ref_hour).padStart(4, '0')}|${row.msg_type}`;
		const naive = new Map<string, Record<string, unknown>>();
		for (const row of lists.flat())
			if (String(row.ref_date) <= '2024-01-10' && !naive.has(keyOf(row))) naive.set(keyOf(row), { ...row });
		const expected = [...naive.keys()].sort().map((key) => naive.get(key));
		const rows = collectRows(hourly, lists, { addReadableFields: false });
		expect(rows).toEqual(expected);
		expect(rows.length).toBeGreaterThan(1000);
	});
});
