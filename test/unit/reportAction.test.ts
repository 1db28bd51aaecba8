/**
 * Report → Get Account Report as n8n runs it (the operation's execute), against a scripted WeChat:
 * an unsupported operation fails its item with the message and remedy, a run on an n8n without a
 * cancel signal still reports, a custom range without a Start Date says so, and the execution hints
 * for top articles without a title and for figures WeChat marks as not final (is_delay) list every
 * msgid and window, separated by commas.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { report } from '../../nodes/WeChatOfficialAccount/actions/report';
import { executeContext } from './support/nodeRun';
import { ScriptedContext, type Call } from './support/scriptedContext';

const WEEK = { dateRange: 'custom', beginDate: '2026-03-02', endDate: '2026-03-08' };

interface Run {
	output: INodeExecutionData[];
	hints: string[];
	calls: Call[];
}

/**
 * Runs the operation for one item with these node parameters (absent ones give getNodeParameter's
 * fallback, as n8n does: support/nodeRun.ts executeContext), WeChat answering datacube calls with `answer(endpoint, body)`.
 */
async function run(
	parameters: IDataObject,
	answer: (endpoint: string, body: { begin_date: string; end_date: string }) => IDataObject = () => ({ list: [] }),
	adjust: (ctx: IDataObject) => void = () => undefined,
): Promise<Run> {
	const scripted = new ScriptedContext();
	scripted.server.responders.datacube = (call) => {
		const endpoint = call.url.split('?')[0].split('/').pop() as string;
		return { body: answer(endpoint, call.body as { begin_date: string; end_date: string }) };
	};
	const all: IDataObject = { operation: 'getAccountReport', options: { language: 'en', topN: 5 }, ...parameters };
	const made = executeContext(scripted, all, { continueOnFail: () => true });
	const ctx = made.ctx as unknown as IDataObject;
	adjust(ctx);
	const output = await report.execute.call(ctx as unknown as IExecuteFunctions, [{ json: {} }]);
	return { output, hints: made.hints.map((hint) => hint.message), calls: scripted.server.of('datacube') };
}

describe('the operation', () => {
	it('fails an item whose operation the report resource does not offer, with the remedy', async () => {
		const { output, calls } = await run({ operation: 'getArticleReads' });
		expect(output).toEqual([
			{
				json: {
					error: 'Operation "getArticleReads" of resource "report" is not supported',
					details: 'Open the node and pick an operation from the list',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(calls).toEqual([]);
	});

	it('shows at most 40 characters of an unknown operation', async () => {
		const { output } = await run({ operation: 'o'.repeat(60) });
		expect(output[0].json.error).toBe(`Operation "${'o'.repeat(40)}" of resource "report" is not supported`);
	});

	it('reports on an n8n that offers no execution cancel signal', async () => {
		const { output } = await run(WEEK, undefined, (ctx) => {
			delete ctx.getExecutionCancelSignal;
		});
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toBeUndefined();
		expect(output[0].json).toMatchObject({ period: { begin: '2026-03-02', end: '2026-03-08' } });
	});

	it('says that the Start Date is empty when a custom range has none', async () => {
		const { output, calls } = await run({ dateRange: 'custom', endDate: '2026-03-08' });
		expect(output[0].json.error).toBe('Start Date is empty');
		expect(calls).toEqual([]);
	});

	it('says that the End Date is empty when a custom range has none', async () => {
		const { output, calls } = await run({ dateRange: 'custom', beginDate: '2026-03-02' });
		expect(output[0].json.error).toBe('End Date is empty');
		expect(calls).toEqual([]);
	});
});

describe('execution hints', () => {
	const reads = (endpoint: string, body: { begin_date: string }): IDataObject => {
		if (endpoint === 'getarticleread' && body.begin_date === '2026-03-04') {
			return {
				list: [
					{ ref_date: '2026-03-04', msgid: '10_1', detail: { read_user: 5 } },
					{ ref_date: '2026-03-04', msgid: '20_1', detail: { read_user: 9 } },
				],
				is_delay: false,
			};
		}
		return { list: [], is_delay: false };
	};

	it('names every top article WeChat lists no title for, by reads, separated by commas', async () => {
		const { output, hints } = await run(WEEK, reads);
		expect(output[0].json.error).toBeUndefined();
		expect(hints).toContain(
			'Get Account Report: no title for 20_1, 10_1: Get Article Details lists an article only for publish days from 2025-11-01 and for 30 days after publishing',
		);
	});

	it('gives no title hint when there are no top articles', async () => {
		const { hints } = await run(WEEK);
		expect(hints.filter((hint) => hint.includes('no title'))).toEqual([]);
	});

	it('names every window WeChat marks is_delay with its endpoint, separated by commas', async () => {
		const { output, hints } = await run(WEEK, (endpoint, body) => ({
			list: [],
			is_delay:
				(endpoint === 'getbizsummary' && body.end_date === '2026-03-08') ||
				(endpoint === 'getarticleshare' && body.begin_date === '2026-03-08'),
		}));
		expect(output[0].json.error).toBeUndefined();
		const delayed = hints.filter((hint) => hint.startsWith('WeChat marks the newest figures of '));
		const windows = ['2026-02-23 to 2026-03-08 (getbizsummary)', '2026-03-08 (getarticleshare)'];
		const text = (list: string[]) =>
			`WeChat marks the newest figures of ${list.join(', ')} as not final yet (is_delay): the report may change when run again later`;
		expect(delayed).toHaveLength(1);
		expect([text(windows), text([...windows].reverse())]).toContain(delayed[0]);
	});
});
