/**
 * Pins how fetchWindows plans and sends the rest of a range once WeChat's real span is known to be
 * narrower than documented (a probe larger than the span that works only when it saves a request;
 * one probe in flight at a time), and that a 61501 arriving after the range already failed is not
 * taken as a narrower span.
 */
import { DATACUBE_APIS } from '../../nodes/WeChatOfficialAccount/apis';
import { dayWindows, type Plan, type RequestWindow } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import { fetchWindows, RangeFetchError, type FetchOptions } from '../../nodes/WeChatOfficialAccount/fetchWindows';
import { LearnedSpans } from '../../nodes/WeChatOfficialAccount/learnedSpan';
import { DatacubeClient } from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';
import {
	boundCredential,
	flush,
	rejectionOf,
	ScriptedContext,
	ScriptedSleeps,
	type Call,
} from './support/scriptedContext';

const sleeps = new ScriptedSleeps();
/** Daily messages: 7 days per request documented. */
const API = DATACUBE_APIS[0];

const OPTIONS: FetchOptions = {
	parallelRequests: 4,
	maxAttempts: 3,
	retryDelayMs: 1000,
	quotaWaitMs: 7000,
	timeoutMs: 1000,
};

const planOf = (windows: RequestWindow[]): Plan =>
	({
		api: API,
		windows,
		periods: [],
		begin: windows[0]?.begin,
		end: windows[windows.length - 1]?.end,
	}) as unknown as Plan;

function setup() {
	const scripted = new ScriptedContext({ credential: boundCredential('token-0') });
	return { scripted, client: new DatacubeClient(scripted.ctx) };
}

const windowOf = (call: Call) => `${call.body.begin_date}..${call.body.end_date}`;
const text = (windows: RequestWindow[]) => windows.map((w) => `${w.begin}..${w.end}`);

/** Spans of an execution in which WeChat rejected `rejected`-day windows and answered `works`-day ones. */
function learned(rejected: number, works?: number): LearnedSpans {
	const spans = new LearnedSpans();
	const known = spans.of(API);
	known.rejectedWindow(rejected);
	if (works) known.answered(works);
	return spans;
}

beforeEach(() => sleeps.install());
afterEach(() => sleeps.uninstall());

describe('fetchWindows: planning once the span is known to be narrower', () => {
	it('answered 3 days, rejected 7: six days go out as two windows of 3, not as 5 + 1 (no request saved)', async () => {
		const { scripted, client } = setup();
		const spans = learned(7, 3);
		const results = await fetchWindows(client, planOf(dayWindows('2024-01-01', '2024-01-06', 1)), {
			...OPTIONS,
			spans,
		});
		expect(scripted.server.calls.map(windowOf)).toEqual(['2024-01-01..2024-01-03', '2024-01-04..2024-01-06']);
		expect(results.map((result) => result.window)).toEqual(dayWindows('2024-01-01', '2024-01-06', 3));
	});

	it('answered 3 days, rejected 7: five days go out as one 5-day window (it saves a request)', async () => {
		const { scripted, client } = setup();
		const spans = learned(7, 3);
		const results = await fetchWindows(client, planOf(dayWindows('2024-01-01', '2024-01-05', 1)), {
			...OPTIONS,
			spans,
		});
		expect(scripted.server.calls.map(windowOf)).toEqual(['2024-01-01..2024-01-05']);
		expect(results.map((result) => result.window)).toEqual([{ begin: '2024-01-01', end: '2024-01-05' }]);
	});

	it('nothing answered yet, 7 days rejected: of four 4-day windows only one is in flight at a time', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const spans = learned(7);
		const fetching = fetchWindows(client, planOf(dayWindows('2024-01-01', '2024-01-16', 1)), { ...OPTIONS, spans });
		const first = await scripted.server.next('datacube');
		await flush();
		expect(windowOf(first)).toBe('2024-01-01..2024-01-04');
		expect(scripted.server.inFlight).toBe(1);
		expect(scripted.server.calls).toHaveLength(1);
		first.json({ list: [] });
		// 4 answered, 7 rejected: the next probe is 6 days, again alone
		const second = await scripted.server.next('datacube');
		await flush();
		expect(windowOf(second)).toBe('2024-01-05..2024-01-10');
		expect(scripted.server.inFlight).toBe(1);
		scripted.server.responders.datacube = () => ({ body: { list: [] } });
		second.json({ list: [] });
		const results = await fetching;
		expect(text(results.map((result) => result.window))).toEqual([
			'2024-01-01..2024-01-04',
			'2024-01-05..2024-01-10',
			'2024-01-11..2024-01-16',
		]);
	});
});

describe('fetchWindows: a 61501 after the range failed', () => {
	it('is not taken as a narrower span: no split reported, nothing learned, the other windows not attempted', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const spans = new LearnedSpans();
		const onSplit = jest.fn();
		const windows = dayWindows('2024-01-01', '2024-01-21', 7);
		const fetching = fetchWindows(client, planOf(windows), { ...OPTIONS, parallelRequests: 2, spans, onSplit });
		const a = await scripted.server.next('datacube');
		const b = await scripted.server.next('datacube');
		a.json({ errcode: 48001 }); // fails for good
		await flush();
		b.json({ errcode: 61501 }); // answered after the range failed
		const error = await rejectionOf(fetching, RangeFetchError);
		expect(error.cause).toMatchObject({ kind: 'fatal', errcode: 48001 });
		expect(error.failed).toEqual(windows[0]);
		expect(error.succeeded).toEqual([]);
		expect(error.notAttempted).toBe(1);
		expect(error.total).toBe(3);
		expect(onSplit).not.toHaveBeenCalled();
		expect(spans.of(API).narrowed).toBe(false);
		expect(spans.notes()).toEqual([]);
		expect(scripted.server.calls.map(windowOf)).toEqual(text(windows.slice(0, 2)));
	});
});
