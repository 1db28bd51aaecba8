/**
 * collectRows on the fourteen APIs of issue 10: flattening per row shape, range selection,
 * de-duplication and order by the row key, readable fields, unknown codes and fields, unkeyable rows.
 * Row fixtures follow the examples in ../shared/reference/DATACUBE-MORE.md.
 */
import { findApi, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { planRequests } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import { collectRows, RowShapeError } from '../../nodes/WeChatOfficialAccount/rows/collectRows';

const NOW = Date.parse('2026-11-25T12:00:00+08:00');
type Row = Record<string, unknown>;

function collect(resource: string, operation: string, begin: string, end: string, lists: Row[][], readable = true) {
	const api = findApi(resource, operation) as DatacubeApi;
	const plan = planRequests(api, { dateRange: 'custom', beginDate: begin, endDate: end }, NOW);
	return collectRows(plan, lists, { addReadableFields: readable });
}
const pick = (rows: Row[], ...fields: string[]) => rows.map((row) => fields.map((field) => row[field]));

describe('user analysis', () => {
	it('getUserSummary: one item per day and channel, channels in numeric order, names and net_user', () => {
		const rows = collect('userAnalysis', 'getUserSummary', '2024-03-01', '2024-03-02', [
			[
				{ ref_date: '2024-03-02', user_source: 100, new_user: 4, cancel_user: 1 },
				{ ref_date: '2024-03-01', user_source: 30, new_user: 5, cancel_user: 7 },
				{ ref_date: '2024-03-01', user_source: 2, new_user: 1, cancel_user: 0 },
				{ ref_date: '2024-03-01', user_source: 17, new_user: 3, cancel_user: 0 },
			],
			[
				{ ref_date: '2024-03-01', user_source: 30, new_user: 5, cancel_user: 7 }, // again from another window
				{ ref_date: '2024-03-02', user_source: 0, new_user: 9, cancel_user: 2 },
				{ ref_date: '2024-03-03', user_source: 0, new_user: 9, cancel_user: 2 }, // outside the range
			],
		]);
		expect(pick(rows, 'ref_date', 'user_source', 'user_source_name', 'net_user')).toEqual([
			['2024-03-01', 2, 'unknown (2)', 1],
			['2024-03-01', 17, 'business card share', 3],
			['2024-03-01', 30, 'QR code scan', -2],
			['2024-03-02', 0, 'other', 7],
			['2024-03-02', 100, 'WeChat ads', 3],
		]);
		expect(rows[2]).toEqual({
			ref_date: '2024-03-01',
			user_source: 30,
			new_user: 5,
			cancel_user: 7,
			user_source_name: 'QR code scan',
			net_user: -2,
		});
	});

	it("getUserSummary without readable fields keeps exactly WeChat's fields", () => {
		const row = { ref_date: '2024-03-01', user_source: 30, new_user: 5, cancel_user: 7 };
		expect(collect('userAnalysis', 'getUserSummary', '2024-03-01', '2024-03-01', [[{ ...row }]], false)).toEqual([row]);
	});

	it('getUserCumulate: one item per day; the undocumented user_source passes through unlabelled', () => {
		const rows = collect('userAnalysis', 'getUserCumulate', '2023-04-19', '2023-04-20', [
			[
				{ ref_date: '2023-04-20', user_source: 0, cumulate_user: 11 },
				{ ref_date: '2023-04-19', user_source: 0, cumulate_user: 10 },
				{ ref_date: '2023-04-20', user_source: 0, cumulate_user: 11 },
			],
		]);
		expect(rows).toEqual([
			{ ref_date: '2023-04-19', user_source: 0, cumulate_user: 10 },
			{ ref_date: '2023-04-20', user_source: 0, cumulate_user: 11 },
		]);
	});
});

describe('classic article analysis', () => {
	it('getUserRead: sources numerically with 99999999 (all) last, unknown codes labelled, sparse fields kept as sent', () => {
		const rows = collect('articleAnalysis', 'getUserRead', '2020-02-18', '2020-02-18', [
			[
				{
					ref_date: '2020-02-18',
					user_source: 99999999,
					int_page_read_user: 50,
					ori_page_read_user: 3,
					add_to_fav_user: 1,
				},
				{ ref_date: '2020-02-18', user_source: 10, int_page_read_user: 1 },
				{ ref_date: '2020-02-18', user_source: 7, int_page_read_user: 2 },
				{ ref_date: '2020-02-18', user_source: 0, int_page_read_user: 30 },
				{ ref_date: '2020-02-18', user_source: 2, int_page_read_user: 20 },
			],
		]);
		expect(pick(rows, 'user_source', 'user_source_name')).toEqual([
			[0, 'account chat'],
			[2, 'Moments'],
			[7, 'Search'],
			[10, 'unknown (10)'],
			[99999999, 'all'],
		]);
		expect(rows[4]).toEqual({
			ref_date: '2020-02-18',
			user_source: 99999999,
			int_page_read_user: 50,
			ori_page_read_user: 3,
			add_to_fav_user: 1,
			user_source_name: 'all',
		});
	});

	it('getUserReadHourly: by day, hour, source; hour and start_time added', () => {
		const rows = collect('articleAnalysis', 'getUserReadHourly', '2015-07-14', '2015-07-14', [
			[
				{ ref_date: '2015-07-14', ref_hour: 100, user_source: 99999999, int_page_read_user: 5 },
				{ ref_date: '2015-07-14', ref_hour: 0, user_source: 99999999, int_page_read_user: 6392 },
				{ ref_date: '2015-07-14', ref_hour: 100, user_source: 1, int_page_read_user: 1 },
				{ ref_date: '2015-07-14', ref_hour: 0, user_source: 1, int_page_read_user: 1 },
				{ ref_date: '2015-07-14', ref_hour: 0, user_source: 0, int_page_read_user: 6391 },
			],
		]);
		expect(pick(rows, 'ref_hour', 'user_source', 'hour', 'start_time', 'user_source_name')).toEqual([
			[0, 0, 0, '2015-07-14T00:00:00+08:00', 'account chat'],
			[0, 1, 0, '2015-07-14T00:00:00+08:00', 'friends'],
			[0, 99999999, 0, '2015-07-14T00:00:00+08:00', 'all'],
			[100, 1, 1, '2015-07-14T01:00:00+08:00', 'friends'],
			[100, 99999999, 1, '2015-07-14T01:00:00+08:00', 'all'],
		]);
	});

	it('getUserShare and getUserShareHourly: scenes numerically, the undocumented 5 labelled unknown', () => {
		const daily = collect('articleAnalysis', 'getUserShare', '2014-12-07', '2014-12-07', [
			[
				{ ref_date: '2014-12-07', share_scene: 255, share_count: 1, share_user: 1 },
				{ ref_date: '2014-12-07', share_scene: 5, share_count: 23, share_user: 11 },
				{ ref_date: '2014-12-07', share_scene: 1, share_count: 207, share_user: 11 },
			],
		]);
		expect(pick(daily, 'share_scene', 'share_scene_name')).toEqual([
			[1, 'friends'],
			[5, 'unknown (5)'],
			[255, 'other'],
		]);
		const hourly = collect('articleAnalysis', 'getUserShareHourly', '2014-12-07', '2014-12-07', [
			[
				{ ref_date: '2014-12-07', ref_hour: 1200, share_scene: 2, share_count: 1, share_user: 1 },
				{ ref_date: '2014-12-07', ref_hour: 1200, share_scene: 1, share_count: 72, share_user: 4 },
			],
		]);
		expect(pick(hourly, 'share_scene', 'share_scene_name', 'hour', 'start_time')).toEqual([
			[1, 'friends', 12, '2014-12-07T12:00:00+08:00'],
			[2, 'Moments', 12, '2014-12-07T12:00:00+08:00'],
		]);
	});

	it('getArticleSummary: by day, then msgid in string order', () => {
		const rows = collect('articleAnalysis', 'getArticleSummary', '2014-12-08', '2014-12-09', [
			[
				{ ref_date: '2014-12-09', msgid: '10000050_1', title: 'b', int_page_read_user: 1 },
				{ ref_date: '2014-12-08', msgid: '9_1', title: 'c', int_page_read_user: 3 },
				{ ref_date: '2014-12-08', msgid: '10000050_2', title: 'a2', int_page_read_user: 2 },
				{ ref_date: '2014-12-08', msgid: '10000050_1', title: 'a', int_page_read_user: 23676 },
			],
			[{ ref_date: '2014-12-08', msgid: '10000050_1', title: 'a (second copy)', int_page_read_user: 0 }],
		]);
		expect(pick(rows, 'ref_date', 'msgid', 'title')).toEqual([
			['2014-12-08', '10000050_1', 'a'],
			['2014-12-08', '10000050_2', 'a2'],
			['2014-12-08', '9_1', 'c'],
			['2014-12-09', '10000050_1', 'b'],
		]);
	});

	it('getArticleTotal: one item per article per stat_date, selected by publish date, parent fields carried', () => {
		const article = (refDate: string, msgid: string, statDates: string[]) => ({
			ref_date: refDate,
			msgid,
			title: `title ${msgid}`,
			user_source: 0,
			url: `https://mp.weixin.qq.com/s/${msgid}`,
			details: statDates.map((statDate, index) => ({
				stat_date: statDate,
				target_user: 261917,
				int_page_read_user: 100 * (index + 1),
				feed_share_from_session_cnt: index,
				int_page_from_kanyikan_read_user: 7, // a field added to the API later
			})),
		});
		const rows = collect('articleAnalysis', 'getArticleTotal', '2014-12-13', '2014-12-14', [
			[article('2014-12-14', '202457380_1', ['2014-12-14', '2014-12-15', '2014-12-16'])],
			[
				article('2014-12-13', '202457379_2', ['2014-12-14', '2014-12-13']),
				article('2014-12-13', '202457379_1', ['2014-12-13']),
			],
			[article('2014-12-15', '202457390_1', ['2014-12-15'])], // published after the range
		]);
		expect(pick(rows, 'ref_date', 'msgid', 'stat_date')).toEqual([
			['2014-12-13', '202457379_1', '2014-12-13'],
			['2014-12-13', '202457379_2', '2014-12-13'],
			['2014-12-13', '202457379_2', '2014-12-14'],
			['2014-12-14', '202457380_1', '2014-12-14'],
			['2014-12-14', '202457380_1', '2014-12-15'], // the series goes on past the range's end
			['2014-12-14', '202457380_1', '2014-12-16'],
		]);
		expect(rows[4]).toEqual({
			ref_date: '2014-12-14',
			msgid: '202457380_1',
			title: 'title 202457380_1',
			user_source: 0,
			url: 'https://mp.weixin.qq.com/s/202457380_1',
			stat_date: '2014-12-15',
			target_user: 261917,
			int_page_read_user: 200,
			feed_share_from_session_cnt: 1,
			int_page_from_kanyikan_read_user: 7,
		});
		expect(rows.every((row) => !('details' in row))).toBe(true);
	});

	it('getArticleTotal: on a name clash the field of the article wins over the one of the statistics day (ref_date stays the publish date)', () => {
		const rows = collect('articleAnalysis', 'getArticleTotal', '2014-12-14', '2014-12-14', [
			[
				{
					ref_date: '2014-12-14',
					msgid: '1_1',
					title: 'a',
					details: [{ stat_date: '2014-12-15', ref_date: '2014-12-15', title: 'b', share_user: 1 }],
				},
			],
		]);
		expect(rows).toEqual([
			{ ref_date: '2014-12-14', msgid: '1_1', title: 'a', stat_date: '2014-12-15', share_user: 1 },
		]);
	});

	it('getArticleTotal: an article with no statistics days yet gives no items; a missing details list fails', () => {
		expect(
			collect('articleAnalysis', 'getArticleTotal', '2014-12-14', '2014-12-14', [
				[{ ref_date: '2014-12-14', msgid: '1_1', details: [] }],
			]),
		).toEqual([]);
		expect(() =>
			collect('articleAnalysis', 'getArticleTotal', '2014-12-14', '2014-12-14', [
				[{ ref_date: '2014-12-14', msgid: '1_1' }],
			]),
		).toThrow(/without its details list/);
		expect(() =>
			collect('articleAnalysis', 'getArticleTotal', '2014-12-14', '2014-12-14', [
				[{ ref_date: '2014-12-14', msgid: '1_1', details: [null] }],
			]),
		).toThrow(/details entry that is not an object/);
		expect(() =>
			collect('articleAnalysis', 'getArticleTotal', '2014-12-14', '2014-12-14', [
				[{ ref_date: '2014-12-14', msgid: '1_1', details: [{ target_user: 1 }] }],
			]),
		).toThrow(/without a valid stat_date/);
	});
});

describe('published content', () => {
	const scenes = [
		{ user_count: 120, scene_desc: '全部' },
		{ user_count: 70, scene_desc: '公众号消息' },
		{ user_count: 20, scene_desc: '聊天会话' },
		{ user_count: 10, scene_desc: '朋友圈' },
		{ user_count: 8, scene_desc: '公众号主页' },
		{ user_count: 5, scene_desc: '其他' },
		{ user_count: 4, scene_desc: '推荐' },
		{ user_count: 3, scene_desc: '搜一搜' },
	];

	it('getArticleReads: detail lifted to the top level, one field per scene, the raw list kept', () => {
		const rows = collect('publishedContent', 'getArticleReads', '2025-11-02', '2025-11-02', [
			[
				{
					ref_date: '2025-11-02',
					msgid: '2247490098_2',
					detail: { read_user: 9, read_user_source: [{ user_count: 9, scene_desc: '全部' }] },
				},
				{
					ref_date: '2025-11-02',
					msgid: '2247490098_1',
					detail: { read_user: 120, read_user_source: scenes, read_new_metric: 1 },
				},
			],
		]);
		expect(pick(rows, 'msgid')).toEqual([['2247490098_1'], ['2247490098_2']]);
		expect(rows[0]).toEqual({
			ref_date: '2025-11-02',
			msgid: '2247490098_1',
			read_user: 120,
			read_user_source: scenes,
			read_user_all: 120,
			read_user_account_message: 70,
			read_user_chat: 20,
			read_user_moments: 10,
			read_user_account_profile: 8,
			read_user_other: 5,
			read_user_recommended: 4,
			read_user_search: 3,
			read_new_metric: 1,
		});
		expect(Object.keys(rows[0]).slice(0, 5)).toEqual([
			'ref_date',
			'msgid',
			'read_user',
			'read_user_source',
			'read_user_all',
		]);
	});

	it('a scene WeChat adds later becomes read_user_scene_<its name>; entries without a scene are left in the raw list only', () => {
		const list = [{ user_count: 2, scene_desc: '新场景' }, { user_count: 1 }, 'junk'];
		const [row] = collect('publishedContent', 'getArticleReads', '2025-11-02', '2025-11-02', [
			[{ ref_date: '2025-11-02', msgid: '1_1', detail: { read_user: 3, read_user_source: list } }],
		]);
		expect(row).toEqual({
			ref_date: '2025-11-02',
			msgid: '1_1',
			read_user: 3,
			read_user_source: list,
			read_user_scene_新场景: 2,
		});
	});

	it('getArticleShares: detail lifted; a row without detail keeps what it has', () => {
		const rows = collect('publishedContent', 'getArticleShares', '2025-11-02', '2025-11-02', [
			[
				{ ref_date: '2025-11-02', msgid: '2_1', detail: { share_user: 4 } },
				{ ref_date: '2025-11-02', msgid: '1_1' },
			],
		]);
		expect(rows).toEqual([
			{ ref_date: '2025-11-02', msgid: '1_1' },
			{ ref_date: '2025-11-02', msgid: '2_1', share_user: 4 },
		]);
	});

	it('getOverview: one item per day with the detail metrics at the top level', () => {
		const detail = {
			read_user: 120,
			read_user_source: scenes,
			share_user: 6,
			zaikan_user: 2,
			like_user: 3,
			comment_count: 1,
			collection_user: 1,
			redirect_ori_page_user: 0,
			send_page_count: 2,
		};
		const rows = collect('publishedContent', 'getOverview', '2025-11-01', '2025-11-02', [
			[
				{ ref_date: '2025-11-02', detail },
				{ ref_date: '2025-11-01', detail: { ...detail, read_user: 1, read_user_source: [] } },
			],
		]);
		expect(pick(rows, 'ref_date', 'read_user', 'read_user_moments', 'zaikan_user', 'send_page_count')).toEqual([
			['2025-11-01', 1, undefined, 2, 2],
			['2025-11-02', 120, 10, 2, 2],
		]);
		expect(rows.every((row) => !('detail' in row))).toBe(true);
	});

	it('getArticleDetails: one item per article per stat_date, parent fields carried, scenes split, publish_type named', () => {
		const jump = [{ position: 1, rate: 0.9 }];
		const rows = collect('publishedContent', 'getArticleDetails', '2025-11-02', '2025-11-02', [
			[
				{
					ref_date: '2025-11-02',
					msgid: '2247490098_1',
					publish_type: 0,
					title: 'Hello',
					content_url: 'https://mp.weixin.qq.com/s/x',
					detail_list: [
						{
							stat_date: '2025-11-03',
							read_user: 150,
							read_user_source: scenes,
							share_user: 5,
							read_jump_position: jump,
							praise_money: 100,
						},
						{ stat_date: '2025-11-02', read_user: 120, read_user_source: scenes, share_user: 3 },
					],
				},
				{
					ref_date: '2025-11-02',
					msgid: '2247490099_1',
					publish_type: 7,
					detail_list: [{ stat_date: '2025-11-02', read_user: 1 }],
				},
			],
		]);
		expect(pick(rows, 'msgid', 'stat_date', 'publish_type_name')).toEqual([
			['2247490098_1', '2025-11-02', 'notified followers'],
			['2247490098_1', '2025-11-03', 'notified followers'],
			['2247490099_1', '2025-11-02', 'unknown (7)'],
		]);
		expect(rows[1]).toMatchObject({
			ref_date: '2025-11-02',
			msgid: '2247490098_1',
			publish_type: 0,
			title: 'Hello',
			content_url: 'https://mp.weixin.qq.com/s/x',
			stat_date: '2025-11-03',
			read_user: 150,
			read_user_source: scenes,
			read_user_all: 120,
			read_user_search: 3,
			share_user: 5,
			read_jump_position: jump,
			praise_money: 100,
		});
		expect(rows.every((row) => !('detail_list' in row))).toBe(true);
	});
});

describe('interface analysis', () => {
	it('getInterfaceSummary and getInterfaceSummaryHourly: by day (and hour), unknown fields pass through', () => {
		const daily = collect('interfaceAnalysis', 'getInterfaceSummary', '2014-12-06', '2014-12-07', [
			[
				{
					ref_date: '2014-12-07',
					callback_count: 36974,
					fail_count: 67,
					total_time_cost: 14994291,
					max_time_cost: 5044,
				},
				{ ref_date: '2014-12-06', callback_count: 1, fail_count: 0, total_time_cost: 1, max_time_count: 1 },
			],
		]);
		expect(pick(daily, 'ref_date', 'max_time_cost', 'max_time_count')).toEqual([
			['2014-12-06', undefined, 1],
			['2014-12-07', 5044, undefined],
		]);
		const hourly = collect('interfaceAnalysis', 'getInterfaceSummaryHourly', '2014-12-01', '2014-12-01', [
			[
				{ ref_date: '2014-12-01', ref_hour: 2300, callback_count: 2 },
				{ ref_date: '2014-12-01', ref_hour: 0, callback_count: 331 },
			],
		]);
		expect(hourly).toEqual([
			{ ref_date: '2014-12-01', ref_hour: 0, callback_count: 331, hour: 0, start_time: '2014-12-01T00:00:00+08:00' },
			{ ref_date: '2014-12-01', ref_hour: 2300, callback_count: 2, hour: 23, start_time: '2014-12-01T23:00:00+08:00' },
		]);
	});
});

describe('rows that cannot be keyed fail the item with a clear message', () => {
	it.each([
		['userAnalysis', 'getUserSummary', { ref_date: '', user_source: 0 }, /valid ref_date/],
		['userAnalysis', 'getUserSummary', { user_source: 0 }, /valid ref_date/],
		['userAnalysis', 'getUserSummary', { ref_date: '2024-03-01' }, /numeric user_source/],
		['userAnalysis', 'getUserSummary', { ref_date: '2024-03-01', user_source: '30' }, /numeric user_source/],
		['userAnalysis', 'getUserSummary', { ref_date: '2024-03-01', user_source: -1 }, /numeric user_source/],
		['userAnalysis', 'getUserSummary', { ref_date: '2024-03-01', user_source: 1.5 }, /numeric user_source/],
		[
			'articleAnalysis',
			'getUserReadHourly',
			{ ref_date: '2024-03-01', ref_hour: 150, user_source: 0 },
			/valid ref_hour/,
		],
		[
			'articleAnalysis',
			'getUserReadHourly',
			{ ref_date: '2024-03-01', ref_hour: 2400, user_source: 0 },
			/valid ref_hour/,
		],
		['articleAnalysis', 'getArticleSummary', { ref_date: '2024-03-01', title: 'x' }, /a msgid \(a non-empty string\)/],
		['articleAnalysis', 'getArticleSummary', { ref_date: '2024-03-01', msgid: '' }, /a msgid/],
		['articleAnalysis', 'getArticleSummary', { ref_date: '2024/03/01', msgid: '1_1' }, /valid ref_date/],
		['publishedContent', 'getArticleReads', { ref_date: '2025-11-02', detail: { read_user: 1 } }, /a msgid/],
		['publishedContent', 'getOverview', { ref_date: null, detail: {} }, /valid ref_date/],
		['interfaceAnalysis', 'getInterfaceSummaryHourly', { ref_date: '2024-03-01', callback_count: 1 }, /valid ref_hour/],
	])('%s/%s %j', (resource, operation, row, message) => {
		const run = () => collect(resource, operation, '2024-03-01', '2025-11-02', [[{ ...row }]]);
		expect(run).toThrow(RowShapeError);
		expect(run).toThrow(message);
	});

	it('the message names the row as WeChat sent it', () => {
		expect(() =>
			collect('userAnalysis', 'getUserSummary', '2024-03-01', '2024-03-01', [
				[{ ref_date: '2024-03-01', user_source: 'x', new_user: 1 }],
			]),
		).toThrow(
			'WeChat returned a row without a numeric user_source (a whole number from 0): {"ref_date":"2024-03-01","user_source":"x","new_user":1}',
		);
	});

	it('a null row or a non-object list element fails too', () => {
		expect(() =>
			collect('userAnalysis', 'getUserSummary', '2024-03-01', '2024-03-01', [[null as unknown as Row]]),
		).toThrow(RowShapeError);
		expect(() =>
			collect('articleAnalysis', 'getArticleSummary', '2024-03-01', '2024-03-01', [['x' as unknown as Row]]),
		).toThrow(RowShapeError);
		expect(() =>
			collect('publishedContent', 'getArticleDetails', '2025-11-02', '2025-11-02', [[7 as unknown as Row]]),
		).toThrow(RowShapeError);
	});
});

describe('order and de-duplication match a naive sort for shuffled input', () => {
	/** Deterministic PRNG (LCG) so failures are reproducible. */
	function random(seed: number) {
		return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	}
	const fields = {
		getUserReadHourly: ['ref_date', 'ref_hour', 'user_source'],
		getArticleSummary: ['ref_date', 'msgid'],
	} as const;
	/** Independent oracle: the key as a tuple, compared numerically for numbers and by string otherwise. */
	function naive(rows: Row[], keyFields: readonly string[], begin: string, end: string): Row[] {
		const seen = new Map<string, Row>();
		for (const row of rows) {
			const key = JSON.stringify(keyFields.map((field) => row[field]));
			if ((row.ref_date as string) >= begin && (row.ref_date as string) <= end && !seen.has(key)) seen.set(key, row);
		}
		return [...seen.values()].sort((a, b) => {
			for (const field of keyFields) {
				const [x, y] = [a[field], b[field]] as [number | string, number | string];
				if (x !== y) return x < y ? -1 : 1;
			}
			return 0;
		});
	}

	it.each([
		['articleAnalysis', 'getUserReadHourly'],
		['articleAnalysis', 'getArticleSummary'],
	] as const)('%s/%s', (resource, operation) => {
		const next = random(operation.length);
		const lists: Row[][] = [];
		for (let l = 0; l < 15; l++) {
			const list: Row[] = [];
			for (let r = 0; r < 400; r++) {
				const day = 1 + Math.floor(next() * 12); // days 11 and 12 are outside the range
				list.push({
					ref_date: `2024-01-${String(day).padStart(2, '0')}`,
					ref_hour: Math.floor(next() * 24) * 100,
					user_source: [0, 1, 2, 4, 5, 6, 7, 10, 99999999][Math.floor(next() * 9)],
					msgid: `${[9, 10, 11, 100, 2247483654][Math.floor(next() * 5)]}_${1 + Math.floor(next() * 8)}`,
					list: l,
					position: r,
				});
			}
			lists.push(list);
		}
		const expected = naive(
			lists.flat().map((row) => ({ ...row })),
			fields[operation],
			'2024-01-01',
			'2024-01-10',
		);
		const rows = collect(resource, operation, '2024-01-01', '2024-01-10', lists, false);
		expect(rows).toEqual(expected);
		expect(rows.length).toBeGreaterThan(200);
	});
});
