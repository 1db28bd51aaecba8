/**
 * Pins the edges of turning WeChat's lists into rows: which days are kept, how out-of-order rows
 * are ordered and de-duplicated when their packed keys are too large (or exactly too large) to
 * pack, the smallest keys, which rows are refused with which message, how nested answers are
 * flattened (lift, explode, scene lists) and which readable fields are (not) added.
 */
import type { IDataObject } from 'n8n-workflow';
import { DATACUBE_APIS, findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import type { Plan } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import { collectRows, RowShapeError } from '../../nodes/WeChatOfficialAccount/rows/collectRows';
import { flattenInto } from '../../nodes/WeChatOfficialAccount/rows/flattenRows';
import { hourOf, keyValue, numericKey } from '../../nodes/WeChatOfficialAccount/rows/rowKeys';

const api = (resource: string, operation: string) => findApi(resource, operation) as DatacubeApi;
const HOURLY = api('messageSummary', 'getHourly');
const DAILY = api('messageSummary', 'getDaily');
const FOLLOWERS = api('userAnalysis', 'getUserSummary');
const SUMMARY = api('articleAnalysis', 'getArticleSummary');
const OVERVIEW = api('publishedContent', 'getOverview');
const READS = api('publishedContent', 'getArticleReads');
const DETAILS = api('publishedContent', 'getArticleDetails');

/** A day-range plan of `of` (no periods); the windows do not matter to collectRows. */
const planOf = (of: DatacubeApi, begin: string, end: string): Plan =>
	({ api: of, periods: [], windows: [], begin, end }) as unknown as Plan;

const collect = (plan: Plan, lists: unknown[][], addReadableFields = false) =>
	collectRows(plan, lists, { addReadableFields });

const refusal = (run: () => unknown): string => {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(RowShapeError);
		return (error as Error).message;
	}
	throw new Error('expected a RowShapeError');
};

describe('collectRows: which days are kept', () => {
	it('drops a row of the day before the range and keeps the first and last day', () => {
		const rows = collect(planOf(DAILY, '2024-03-02', '2024-03-03'), [
			[
				{ ref_date: '2024-03-01', msg_type: 1, msg_user: 1 },
				{ ref_date: '2024-03-02', msg_type: 1, msg_user: 2 },
				{ ref_date: '2024-03-03', msg_type: 1, msg_user: 3 },
				{ ref_date: '2024-03-04', msg_type: 1, msg_user: 4 },
			],
		]);
		expect(rows.map((row) => row.msg_user)).toEqual([2, 3]);
	});
});

describe('collectRows: out-of-order rows', () => {
	it('orders follower rows by day and source when they arrive out of order', () => {
		const rows = collect(planOf(FOLLOWERS, '2024-03-01', '2024-03-02'), [
			[
				{ ref_date: '2024-03-02', user_source: 0, new_user: 1 },
				{ ref_date: '2024-03-01', user_source: 17, new_user: 2 },
				{ ref_date: '2024-03-01', user_source: 0, new_user: 3 },
			],
		]);
		expect(rows).toEqual([
			{ ref_date: '2024-03-01', user_source: 0, new_user: 3 },
			{ ref_date: '2024-03-01', user_source: 17, new_user: 2 },
			{ ref_date: '2024-03-02', user_source: 0, new_user: 1 },
		]);
	});

	it('orders follower rows correctly when the last row has the smallest key', () => {
		const rows = collect(planOf(FOLLOWERS, '1970-01-01', '2024-03-01'), [
			[
				{ ref_date: '2024-03-01', user_source: 0, new_user: 1 },
				{ ref_date: '2024-03-01', user_source: 17, new_user: 2 },
				{ ref_date: '1970-01-01', user_source: 30, new_user: 3 },
			],
		]);
		expect(rows.map((row) => row.new_user)).toEqual([3, 1, 2]);
	});

	it('keeps the first copy of a follower row WeChat sends again later, out of order', () => {
		const rows = collect(planOf(FOLLOWERS, '2024-02-29', '2024-03-01'), [
			[
				{ ref_date: '2024-03-01', user_source: 0, new_user: 1 },
				{ ref_date: '2024-03-01', user_source: 17, new_user: 2 },
				{ ref_date: '2024-03-01', user_source: 0, new_user: 99 },
				{ ref_date: '2024-02-29', user_source: 0, new_user: 4 },
				{ ref_date: '2024-03-01', user_source: 17, new_user: 98 },
			],
		]);
		expect(rows.map((row) => row.new_user)).toEqual([4, 1, 2]);
	});

	it('orders hourly message rows whose packed key is exactly 2^32 (2459-12-19 23:00, type 296)', () => {
		const rows = collect(planOf(HOURLY, '2459-12-19', '2459-12-19'), [
			[
				{ ref_date: '2459-12-19', ref_hour: 2300, msg_type: 1, msg_user: 1 },
				{ ref_date: '2459-12-19', ref_hour: 2300, msg_type: 296, msg_user: 296 },
				{ ref_date: '2459-12-19', ref_hour: 2300, msg_type: 2, msg_user: 2 },
			],
		]);
		expect(rows.map((row) => row.msg_user)).toEqual([1, 2, 296]);
	});

	it('keeps a row of the smallest keys (1970-01-01, type 1), in order or not', () => {
		const first = { ref_date: '1970-01-01', msg_type: 1, msg_user: 1 };
		const second = { ref_date: '1970-01-01', msg_type: 2, msg_user: 2 };
		const plan = planOf(DAILY, '1970-01-01', '1970-01-01');
		expect(collect(plan, [[first, second]])).toEqual([first, second]);
		expect(collect(plan, [[second, first]])).toEqual([first, second]);
	});
});

describe('collectRows: refused rows', () => {
	it('refuses a null row of an API keyed by date and msgid, naming the date field', () => {
		expect(refusal(() => collect(planOf(SUMMARY, '2024-03-01', '2024-03-01'), [[null]]))).toBe(
			'WeChat returned a row without a valid ref_date (YYYY-MM-DD): null',
		);
	});

	it('refuses an article row whose msgid is missing, NaN or an object', () => {
		const plan = planOf(SUMMARY, '2024-03-01', '2024-03-01');
		for (const msgid of [undefined, Number.NaN, { id: 1 }]) {
			const row = { ref_date: '2024-03-01', msgid, int_page_read_user: 1 };
			expect(refusal(() => collect(plan, [[row]]))).toBe(
				`WeChat returned a row without a msgid (a non-empty string): ${JSON.stringify(row)}`,
			);
		}
	});

	it('refuses an hourly row with a negative ref_hour', () => {
		const row = { ref_date: '2024-03-01', ref_hour: -100, msg_type: 1 };
		expect(refusal(() => collect(planOf(HOURLY, '2024-03-01', '2024-03-01'), [[row]]))).toBe(
			`WeChat returned a row without a valid ref_hour (0, 100, ... 2300): ${JSON.stringify(row)}`,
		);
		expect(hourOf(-100)).toBeNaN();
		expect(hourOf(0)).toBe(0);
		expect(hourOf(2300)).toBe(23);
	});
});

describe('row keys', () => {
	it('every key of ref_date, an optional ref_hour and an optional code packs into one number', () => {
		expect(numericKey(HOURLY.key)).toEqual({
			dateField: 'ref_date',
			hourField: 'ref_hour',
			codeField: 'msg_type',
			codeRadix: 1000,
		});
		expect(numericKey(DAILY.key)).toEqual({ dateField: 'ref_date', codeField: 'msg_type', codeRadix: 1000 });
		expect(numericKey(FOLLOWERS.key)).toEqual({ dateField: 'ref_date', codeField: 'user_source', codeRadix: 2 ** 31 });
		expect(numericKey(OVERVIEW.key)).toEqual({ dateField: 'ref_date', codeRadix: 1 });
		expect(numericKey(api('interfaceAnalysis', 'getInterfaceSummaryHourly').key)).toEqual({
			dateField: 'ref_date',
			hourField: 'ref_hour',
			codeRadix: 1,
		});
		for (const each of DATACUBE_APIS.filter((a) => a.resource === 'messageSummary')) {
			expect(numericKey(each.key)).toBeDefined();
		}
	});

	it('a key with a msgid, without a leading date or with no field at all does not pack', () => {
		expect(numericKey(SUMMARY.key)).toBeUndefined();
		expect(numericKey(DETAILS.key)).toBeUndefined();
		expect(numericKey([{ field: 'msgid', kind: 'id' }, ...DAILY.key])).toBeUndefined();
		expect(numericKey([])).toBeUndefined();
	});

	it('reads an hour field as 0..23 and a code below its limit, and refuses other values', () => {
		const hour = { field: 'ref_hour', kind: 'hour' } as const;
		const code = { field: 'msg_type', kind: 'code', limit: 1000 } as const;
		expect(keyValue({ ref_hour: 1300 }, hour)).toBe(13);
		expect(keyValue({ ref_hour: 0 }, hour)).toBe(0);
		expect(() => keyValue({ ref_hour: 1350 }, hour)).toThrow(
			new RowShapeError('WeChat returned a row without a valid ref_hour (0, 100, ... 2300): {"ref_hour":1350}'),
		);
		expect(keyValue({ msg_type: 999 }, code)).toBe(999);
		expect(() => keyValue({ msg_type: 1000 }, code)).toThrow(
			new RowShapeError('WeChat returned a row without a numeric msg_type (a whole number from 0): {"msg_type":1000}'),
		);
	});
});

describe('flattening nested answers', () => {
	const overview = (detail: unknown, extra: object = {}) => ({ ref_date: '2025-11-02', ...extra, detail });

	it('lifts the detail object to the top level and keeps other fields as they are', () => {
		const rows = collect(planOf(OVERVIEW, '2025-11-02', '2025-11-02'), [
			[overview({ read_user: 5, share_user: 2 }, { note: { a: 1 }, tags: [1, 2] })],
		]);
		expect(rows).toEqual([{ ref_date: '2025-11-02', note: { a: 1 }, tags: [1, 2], read_user: 5, share_user: 2 }]);
	});

	it('adds one read_user field per scene, the first entry of a scene winning; other lists add none', () => {
		const rows = collect(planOf(READS, '2025-11-02', '2025-11-02'), [
			[
				{
					ref_date: '2025-11-02',
					msgid: '2247490098_1',
					detail: {
						read_user: 9,
						read_user_source: [
							{ scene_desc: '全部', user_count: 9 },
							{ scene_desc: '朋友圈', user_count: 4 },
							{ scene_desc: '朋友圈', user_count: 7 },
						],
						other_source: [{ scene_desc: '推荐', user_count: 3 }],
					},
				},
			],
		]);
		expect(rows).toEqual([
			{
				ref_date: '2025-11-02',
				msgid: '2247490098_1',
				read_user: 9,
				read_user_source: [
					{ scene_desc: '全部', user_count: 9 },
					{ scene_desc: '朋友圈', user_count: 4 },
					{ scene_desc: '朋友圈', user_count: 7 },
				],
				read_user_all: 9,
				read_user_moments: 4,
				other_source: [{ scene_desc: '推荐', user_count: 3 }],
			},
		]);
	});

	it.each([
		['a string', 'x'],
		['a number', 5],
		['an array', [1]],
	])('refuses a detail_list entry that is %s', (_, entry) => {
		const raw = { ref_date: '2025-11-02', msgid: 'm_1', detail_list: [entry] };
		expect(refusal(() => collect(planOf(DETAILS, '2025-11-02', '2025-11-02'), [[raw]]))).toBe(
			`WeChat returned a detail_list entry that is not an object: ${JSON.stringify(raw)}`,
		);
	});

	it('drops an article published outside the range without looking at its detail_list', () => {
		const inRange = {
			ref_date: '2025-11-02',
			msgid: 'm_1',
			detail_list: [{ stat_date: '2025-11-02', read_user: 1 }],
		};
		const rows = collect(planOf(DETAILS, '2025-11-02', '2025-11-02'), [
			[{ ref_date: '2025-11-01', msgid: 'm_0', detail_list: 'none' }, inRange],
		]);
		expect(rows).toEqual([{ ref_date: '2025-11-02', msgid: 'm_1', stat_date: '2025-11-02', read_user: 1 }]);

		const out: IDataObject[] = [];
		flattenInto(out, { ref_date: '2025-11-01', msgid: 'm_0' }, DETAILS.shape!, () => false);
		expect(out).toEqual([]);
	});
});

describe('readable fields', () => {
	it('adds publish_type_name only to a row that has a publish_type', () => {
		const rows = collect(
			planOf(DETAILS, '2025-11-02', '2025-11-02'),
			[
				[
					{ ref_date: '2025-11-02', msgid: 'm_1', detail_list: [{ stat_date: '2025-11-02' }] },
					{ ref_date: '2025-11-02', msgid: 'm_2', publish_type: 1, detail_list: [{ stat_date: '2025-11-02' }] },
				],
			],
			true,
		);
		expect(rows).toEqual([
			{ ref_date: '2025-11-02', msgid: 'm_1', stat_date: '2025-11-02' },
			{
				ref_date: '2025-11-02',
				msgid: 'm_2',
				publish_type: 1,
				stat_date: '2025-11-02',
				publish_type_name: 'published without notification',
			},
		]);
	});
});
