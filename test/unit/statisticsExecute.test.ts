/**
 * The statistics and Confirm Delivery operations run in a scripted n8n context (test/unit/support/
 * scriptedContext.ts: n8n's credential and request contract, WeChat answers scripted): a hand-edited
 * operation, resource or Date Range value is quoted in the error only up to 40 characters; Confirm
 * Delivery refuses an operation it does not have; figures WeChat marks is_delay give a hint naming
 * the days and the endpoint; Simplify outputs one summary item instead of the rows.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { delivery } from '../../nodes/WeChatOfficialAccount/actions/delivery';
import { statistics } from '../../nodes/WeChatOfficialAccount/actions/statistics';
import { executeContext } from './support/nodeRun';
import { boundCredential, ScriptedContext } from './support/scriptedContext';

/** 2026-11-25 12:00 China time: the latest day WeChat serves is 2026-11-24. */
const NOW = Date.parse('2026-11-25T12:00:00+08:00');

interface Run {
	scripted: ScriptedContext;
	ctx: IExecuteFunctions;
	hints: NodeExecutionHint[];
}

/** A context whose node parameters are `parameters` (the same for every item), as n8n resolves them. */
function context(parameters: IDataObject): Run {
	const scripted = new ScriptedContext({ credential: boundCredential('token-0') });
	return { scripted, ...executeContext(scripted, parameters) };
}

const ITEM: INodeExecutionData[] = [{ json: {} }];

async function failure(run: Promise<unknown>): Promise<NodeOperationError> {
	const error = await run.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	return error as NodeOperationError;
}

beforeEach(() => {
	jest.spyOn(Date, 'now').mockReturnValue(NOW);
});

afterEach(() => {
	jest.restoreAllMocks();
});

describe('statistics: values left over or hand-edited', () => {
	const long = (start: string) => `${start}${'X'.repeat(60)}`;

	it('quotes an unknown operation and its resource up to 40 characters each', async () => {
		const { ctx, scripted } = context({
			resource: long('messageSummary'),
			operation: long('getYearly'),
			dateRange: 'yesterday',
		});
		const error = await failure(statistics.execute.call(ctx, ITEM));
		expect(error.message).toBe(
			`Operation "getYearly${'X'.repeat(31)}" of resource "messageSummary${'X'.repeat(26)}" is not supported`,
		);
		expect(error.description).toBe('Open the node and pick an operation from the list');
		expect(scripted.server.calls).toHaveLength(0);
	});

	it('quotes a Date Range the operation does not offer up to 40 characters', async () => {
		const { ctx, scripted } = context({
			resource: 'userAnalysis',
			operation: 'getUserCumulate',
			dateRange: long('last90Days'),
		});
		const error = await failure(statistics.execute.call(ctx, ITEM));
		expect(error.message).toBe(`Date Range "last90Days${'X'.repeat(30)}" is not offered for Get Total Followers`);
		expect(scripted.server.calls).toHaveLength(0);
	});
});

describe('statistics: what the output holds', () => {
	const followers = [
		{ ref_date: '2026-11-01', cumulate_user: 1000 },
		{ ref_date: '2026-11-02', cumulate_user: 1010 },
		{ ref_date: '2026-11-03', cumulate_user: 1004 },
	];
	const custom = {
		resource: 'userAnalysis',
		operation: 'getUserCumulate',
		dateRange: 'custom',
		beginDate: '2026-11-01',
		endDate: '2026-11-03',
	};

	it('outputs one item per row without Simplify', async () => {
		const { ctx, scripted } = context({ ...custom, options: {} });
		scripted.server.queue('datacube', { body: { list: followers } });
		const output = await statistics.execute.call(ctx, ITEM);
		expect(output.map((item) => [item.json.ref_date, item.json.cumulate_user])).toEqual([
			['2026-11-01', 1000],
			['2026-11-02', 1010],
			['2026-11-03', 1004],
		]);
	});

	it('outputs one summary item instead of the rows with Simplify', async () => {
		const { ctx, scripted } = context({ ...custom, options: { simplify: true } });
		scripted.server.queue('datacube', { body: { list: followers } });
		const output = await statistics.execute.call(ctx, ITEM);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({
			totals: { cumulate_user: { first: 1000, last: 1004, change: 4 } },
			per_day: followers,
		});
	});

	it('says which figures WeChat has not finalised (is_delay), naming the day and the endpoint', async () => {
		const { ctx, scripted, hints } = context({
			resource: 'publishedContent',
			operation: 'getOverview',
			dateRange: 'yesterday',
		});
		scripted.server.queue('datacube', {
			body: { list: [{ ref_date: '2026-11-24', detail: { read_user: 12 } }], is_delay: true },
		});
		const output = await statistics.execute.call(ctx, ITEM);
		expect(output).toHaveLength(1);
		expect(hints).toEqual([
			{
				message:
					'WeChat marks the newest figures of 2026-11-24 (getbizsummary) as not final yet (is_delay): they may still change. Fetch these days again later for final numbers.',
				type: 'info',
				location: 'outputPane',
			},
		]);
	});

	it('names every window WeChat has not finalised, in date order', async () => {
		const { ctx, scripted, hints } = context({
			resource: 'publishedContent',
			operation: 'getArticleReads',
			dateRange: 'last7Days',
		});
		// One day per request: the last two days are not final yet.
		scripted.server.responders.datacube = (call) => ({
			body: { list: [], is_delay: call.body.begin_date >= '2026-11-23' },
		});
		await statistics.execute.call(ctx, ITEM);
		expect(scripted.server.calls).toHaveLength(7);
		expect(hints.map((hint) => hint.message)).toContain(
			'WeChat marks the newest figures of 2026-11-23, 2026-11-24 (getarticleread) as not final yet (is_delay): they may still change. Fetch these days again later for final numbers.',
		);
	});

	it('gives no such hint when the figures are final', async () => {
		const { ctx, scripted, hints } = context({
			resource: 'publishedContent',
			operation: 'getOverview',
			dateRange: 'yesterday',
		});
		scripted.server.queue('datacube', {
			body: { list: [{ ref_date: '2026-11-24', detail: { read_user: 12 } }], is_delay: false },
		});
		await statistics.execute.call(ctx, ITEM);
		expect(hints).toEqual([]);
	});
});

describe('Confirm Delivery: an operation it does not have', () => {
	it('refuses it, quoting it up to 40 characters, and confirms nothing', async () => {
		const { ctx, hints } = context({ resource: 'delivery', operation: `confirmAll${'X'.repeat(60)}` });
		const error = await failure(delivery.execute.call(ctx, ITEM));
		expect(error.message).toBe(`Operation "confirmAll${'X'.repeat(30)}" of resource "delivery" is not supported`);
		expect(error.description).toBe('Open the node and pick an operation from the list');
		expect(hints).toEqual([]);
	});

	it('confirms with its own operation and passes the items through', async () => {
		const { ctx, hints } = context({ resource: 'delivery', operation: 'confirm' });
		const output = await delivery.execute.call(ctx, [{ json: { a: 1 } }]);
		expect(output).toEqual([{ json: { a: 1 }, pairedItem: { item: 0 } }]);
		expect(hints).toEqual([
			{
				message: expect.stringMatching(/^Nothing to confirm: no "Since Last Run" step before this one output days/),
				type: 'info',
				location: 'outputPane',
			},
		]);
	});
});
