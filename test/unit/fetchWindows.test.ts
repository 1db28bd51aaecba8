import { getEventListeners } from 'events';
import { DATACUBE_APIS } from '../../nodes/WeChatOfficialAccount/apis';
import { dayWindows, type Plan, type RequestWindow } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import {
	describeWindow,
	fetchWindows,
	MAX_SPLIT_DEPTH,
	RangeFetchError,
	type FetchOptions,
} from '../../nodes/WeChatOfficialAccount/fetchWindows';
import { LearnedSpans } from '../../nodes/WeChatOfficialAccount/learnedSpan';
import { DatacubeClient, DatacubeError } from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';
import {
	boundCredential,
	flush,
	rejectionOf,
	ScriptedContext,
	ScriptedSleeps,
	type Call,
} from './support/scriptedContext';

const sleeps = new ScriptedSleeps();
const API = DATACUBE_APIS[0];

const OPTIONS: FetchOptions = {
	parallelRequests: 4,
	maxAttempts: 3,
	retryDelayMs: 1000,
	quotaWaitMs: 7000,
	timeoutMs: 1000,
};

/** Day windows 2024-01-01, 2024-01-02, ... (one day each). */
function days(count: number): RequestWindow[] {
	return Array.from({ length: count }, (_, i) => {
		const day = `2024-01-${String(i + 1).padStart(2, '0')}`;
		return { begin: day, end: day };
	});
}

function planOf(windows: RequestWindow[], api = API): Plan {
	return {
		api,
		windows,
		periods: [],
		begin: windows[0]?.begin,
		end: windows[windows.length - 1]?.end,
	} as unknown as Plan;
}

function setup() {
	const scripted = new ScriptedContext({ credential: boundCredential('token-0') });
	return { scripted, client: new DatacubeClient(scripted.ctx) };
}

const rangeFailure = (promise: Promise<unknown>) => rejectionOf(promise, RangeFetchError);
const windowOf = (call: Call) => `${call.body.begin_date}..${call.body.end_date}`;

beforeEach(() => sleeps.install());
afterEach(() => sleeps.uninstall());

describe('fetchWindows: order and parallelism', () => {
	it('returns results in plan order whatever order the answers arrive in', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, planOf(days(4)), OPTIONS);
		const calls = [];
		for (let i = 0; i < 4; i++) calls.push(await scripted.server.next('datacube'));
		for (const call of calls.reverse()) {
			call.json({ list: [call.body.begin_date], is_delay: call.body.begin_date === '2024-01-03' });
			await flush();
		}
		const results = await fetching;
		expect(results.map((r) => r.list)).toEqual([['2024-01-01'], ['2024-01-02'], ['2024-01-03'], ['2024-01-04']]);
		expect(results.map((r) => r.window)).toEqual(days(4));
		expect(results.map((r) => r.isDelay)).toEqual([false, false, true, false]);
	});

	it.each([1, 2, 4])('Parallel Requests %i: never more requests in flight, and that many used', async (parallel) => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, planOf(days(10)), { ...OPTIONS, parallelRequests: parallel });
		const order: string[] = [];
		for (let i = 0; i < 10; i++) {
			const call = await scripted.server.next('datacube');
			await flush();
			expect(scripted.server.inFlight).toBe(Math.min(parallel, 10 - i));
			order.push(windowOf(call));
			call.json({ list: [i] });
		}
		await fetching;
		expect(scripted.server.maxInFlight).toBe(parallel);
		expect(order).toEqual(days(10).map((w) => `${w.begin}..${w.end}`));
	});

	it('more parallel requests than windows: one request per window', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, planOf(days(2)), { ...OPTIONS, parallelRequests: 10 });
		const a = await scripted.server.next('datacube');
		const b = await scripted.server.next('datacube');
		await flush();
		expect(scripted.server.calls).toHaveLength(2);
		a.json({ list: [] });
		b.json({ list: [] });
		expect(await fetching).toHaveLength(2);
	});

	it('Parallel Requests below 1 still fetches, one at a time', async () => {
		const { scripted, client } = setup();
		const results = await fetchWindows(client, planOf(days(3)), { ...OPTIONS, parallelRequests: 0 });
		expect(results).toHaveLength(3);
		expect(scripted.server.maxInFlight).toBe(1);
	});

	it('an empty plan fetches nothing', async () => {
		const { scripted, client } = setup();
		expect(await fetchWindows(client, planOf([]), OPTIONS)).toEqual([]);
		expect(scripted.server.calls).toHaveLength(0);
	});

	it('passes the retry options with a signal of its own', async () => {
		const { client } = setup();
		const spy = jest.spyOn(client, 'fetchList');
		const outer = new AbortController();
		await fetchWindows(client, planOf(days(1)), { ...OPTIONS, signal: outer.signal });
		const retry = spy.mock.calls[0][3]!;
		expect(spy.mock.calls[0].slice(0, 3)).toEqual([API.endpoint, '2024-01-01', '2024-01-01']);
		expect(retry).toMatchObject({ maxAttempts: 3, retryDelayMs: 1000, quotaWaitMs: 7000, timeoutMs: 1000 });
		expect(retry.signal).toBeInstanceOf(AbortSignal);
		expect(retry.signal).not.toBe(outer.signal);
		expect(retry.signal!.aborted).toBe(false);
		// The outer signal's listener is removed when the range is done.
		expect(getEventListeners(outer.signal, 'abort')).toHaveLength(0);
		outer.abort();
		expect(retry.signal!.aborted).toBe(false);
	});
});

describe('fetchWindows: a window that fails for good', () => {
	it('stops new windows, aborts retries in flight and reports that window', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		sleeps.hold = true;
		const fetching = fetchWindows(client, planOf(days(6)), { ...OPTIONS, parallelRequests: 2 });
		const first = await scripted.server.next('datacube');
		const second = await scripted.server.next('datacube');
		first.json({ errcode: -1 }); // busy: window 1 waits to retry
		const backoff = await sleeps.next();
		expect(backoff.ms).toBeGreaterThanOrEqual(500);
		second.json({ errcode: 48001 }); // fails for good
		const error = await rangeFailure(fetching);
		expect(backoff).toMatchObject({ cleared: true, fired: false });
		await flush();
		expect(scripted.server.calls.map(windowOf)).toEqual(['2024-01-01..2024-01-01', '2024-01-02..2024-01-02']);
		expect(error.cause).toBeInstanceOf(DatacubeError);
		expect(error.cause).toMatchObject({ kind: 'fatal', errcode: 48001 });
		expect(error.failed).toEqual(days(6)[1]);
		expect(error.succeeded).toEqual([]);
		expect(error.notAttempted).toBe(4);
		expect(error.total).toBe(6);
		expect(error.cancelled).toBe(false);
		expect(error.message).toBe(`Could not fetch 2024-01-02: ${(error.cause as Error).message}`);
	});

	it('a window cancelled because another failed is not the reported failure, whichever ends first', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, planOf(days(3)), { ...OPTIONS, parallelRequests: 3 });
		const calls = [];
		for (let i = 0; i < 3; i++) calls.push(await scripted.server.next('datacube'));
		calls[0].json({ list: ['first'] });
		await flush();
		calls[2].json({ errcode: 61503 });
		await flush();
		calls[1].json({ errcode: -1 }); // would retry, but the range has failed: cancelled
		const error = await rangeFailure(fetching);
		expect(error.failed).toEqual(days(3)[2]);
		expect(error.cause).toMatchObject({ errcode: 61503 });
		expect(error.succeeded).toEqual([days(3)[0]]);
		expect(error.notAttempted).toBe(0);
		expect(scripted.server.calls).toHaveLength(3);
	});

	it('the first failure is reported when two windows fail', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, planOf(days(2)), { ...OPTIONS, parallelRequests: 2 });
		const a = await scripted.server.next('datacube');
		const b = await scripted.server.next('datacube');
		b.json({ errcode: 48001 });
		await flush();
		a.json({ errcode: 61503 });
		const error = await rangeFailure(fetching);
		expect(error.failed).toEqual(days(2)[1]);
		expect(error.cause).toMatchObject({ errcode: 48001 });
	});

	it('a failure that is not a DatacubeError is reported as it is', async () => {
		const { client } = setup();
		jest.spyOn(client, 'fetchList').mockRejectedValueOnce(new TypeError('boom'));
		const error = await rangeFailure(fetchWindows(client, planOf(days(1)), OPTIONS));
		expect(error.cause).toBeInstanceOf(TypeError);
		expect(error.cancelled).toBe(false);
		expect(error.message).toBe('Could not fetch 2024-01-01: boom');
	});
});

describe('fetchWindows: a retired API (errcode 47009)', () => {
	const RETIRED = DATACUBE_APIS.find((api) => api.endpoint === 'getusershare')!;
	const SERVED = DATACUBE_APIS.find((api) => api.endpoint === 'getbizsummary')!;

	it('asks the first window alone: on 47009 that is the only request, not retried, not split', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const onSplit = jest.fn();
		const fetching = fetchWindows(client, planOf(days(8), RETIRED), { ...OPTIONS, parallelRequests: 4, onSplit });
		const first = await scripted.server.next('datacube');
		await flush();
		expect(scripted.server.inFlight).toBe(1);
		first.json({ errcode: 47009, errmsg: 'this api is offline, please use the new api' });
		const error = await rangeFailure(fetching);
		await flush();
		expect(scripted.server.calls.map(windowOf)).toEqual(['2024-01-01..2024-01-01']);
		expect(sleeps.calls).toEqual([]);
		expect(onSplit).not.toHaveBeenCalled();
		expect(error.cause).toMatchObject({ kind: 'fatal', errcode: 47009 });
		expect(error.notAttempted).toBe(7);
		expect((error.cause as Error).message).toBe(
			'WeChat has retired Get Shares by Scene (getusershare): use Published Content → Get Overview and Get Article Shares instead (errcode 47009)',
		);
	});

	it('when a retired API still answers, the other windows then go out in parallel', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, planOf(days(5), RETIRED), { ...OPTIONS, parallelRequests: 3 });
		const first = await scripted.server.next('datacube');
		await flush();
		expect(scripted.server.inFlight).toBe(1);
		first.json({ list: ['a'] });
		const rest = [];
		for (let i = 0; i < 3; i++) rest.push(await scripted.server.next('datacube'));
		await flush();
		expect(scripted.server.inFlight).toBe(3);
		for (const call of rest) call.json({ list: [] });
		(await scripted.server.next('datacube')).json({ list: [] });
		expect((await fetching).map((r) => r.window)).toEqual(days(5));
		expect(scripted.server.maxInFlight).toBe(3);
	});

	it('47009 from an API the table does not mark retired also ends the range at once, with a generic remedy', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, planOf(days(4), SERVED), { ...OPTIONS, parallelRequests: 1 });
		(await scripted.server.next('datacube')).json({ errcode: 47009, errmsg: 'this api is offline' });
		const error = await rangeFailure(fetching);
		await flush();
		expect(scripted.server.calls).toHaveLength(1);
		expect(sleeps.calls).toEqual([]);
		expect(error.notAttempted).toBe(3);
		expect(error.cause).toMatchObject({ kind: 'fatal', errcode: 47009 });
		expect((error.cause as Error).message).toBe('WeChat has taken /datacube/getbizsummary offline (errcode 47009)');
	});
});

/** WeChat with a real span of `span` days: longer windows get 61501; answers list the window asked for. */
function realSpan(span: number, isDelay?: (call: Call) => boolean) {
	return (call: Call) => {
		const days = (Date.parse(call.body.end_date) - Date.parse(call.body.begin_date)) / 86_400_000 + 1;
		return days > span
			? { body: { errcode: 61501 } }
			: { body: { list: [windowOf(call)], is_delay: isDelay?.(call) ?? false } };
	};
}

/** A day plan of `days` days from `begin` at `span` days per window, as planRequests makes it. */
const dayPlan = (begin: string, end: string, span: number) => planOf(dayWindows(begin, end, span));

describe('fetchWindows: learning the real span', () => {
	/** Counts by the answers the stand-in gave: rejected (61501) and answered calls. */
	function counting(span: number) {
		const { scripted, client } = setup();
		const counts = { answered: 0, rejected: 0 };
		const answer = realSpan(span);
		scripted.server.responders.datacube = (call) => {
			const reply = answer(call);
			if ('errcode' in (reply.body as object)) counts.rejected++;
			else counts.answered++;
			return reply;
		};
		return { scripted, client, counts };
	}

	it('59 days at a real span of 2 (7 documented), one at a time: 30 answered + 3 rejected, was 59 with 25 rejected', async () => {
		const { scripted, client, counts } = counting(2);
		const plan = dayPlan('2025-01-01', '2025-02-28', 7);
		expect(plan.windows).toHaveLength(9);
		const results = await fetchWindows(client, plan, { ...OPTIONS, parallelRequests: 1 });
		expect(counts).toEqual({ answered: 30, rejected: 3 });
		expect(scripted.server.calls.slice(0, 5).map(windowOf)).toEqual([
			'2025-01-01..2025-01-07', // the documented span: rejected
			'2025-01-01..2025-01-04', // half: rejected
			'2025-01-01..2025-01-02', // answered: the span is 2 or 3
			'2025-01-03..2025-01-05', // 3: rejected, so the span is 2
			'2025-01-03..2025-01-04',
		]);
		// every day once, in date order, in windows of 2 (the last one 1)
		expect(results.map((result) => result.window)).toEqual(dayWindows('2025-01-01', '2025-02-28', 2));
		expect(results.flatMap((result) => result.list)).toEqual(
			dayWindows('2025-01-01', '2025-02-28', 2).map((w) => `${w.begin}..${w.end}`),
		);
	});

	it('the same at Parallel Requests 4: the 4 windows already in flight are rejected too, then 30 answered', async () => {
		const { scripted, client, counts } = counting(2);
		const results = await fetchWindows(client, dayPlan('2025-01-01', '2025-02-28', 7), OPTIONS);
		expect(counts).toEqual({ answered: 30, rejected: 6 });
		expect(scripted.server.calls.slice(0, 4).map(windowOf)).toEqual(
			dayWindows('2025-01-01', '2025-01-28', 7).map((w) => `${w.begin}..${w.end}`),
		);
		expect(results.map((result) => result.window)).toEqual(dayWindows('2025-01-01', '2025-02-28', 2));
	});

	it('11 windows of 7 days at a real span of 5: the minimum 16 answered + 2 rejected, was 33 with 11 rejected', async () => {
		const { client, counts } = counting(5);
		const plan = dayPlan('2025-01-01', '2025-03-18', 7);
		expect(plan.windows).toHaveLength(11);
		const results = await fetchWindows(client, plan, { ...OPTIONS, parallelRequests: 1 });
		expect(counts).toEqual({ answered: 16, rejected: 2 });
		expect(results.flatMap((result) => result.list)).toHaveLength(16);
	});

	it('later ranges of the same endpoint start from the span learned: no rejection, the minimum', async () => {
		const { client, counts } = counting(2);
		const spans = new LearnedSpans();
		await fetchWindows(client, dayPlan('2025-01-01', '2025-01-14', 7), { ...OPTIONS, spans });
		counts.answered = counts.rejected = 0;
		const onSplit = jest.fn();
		const results = await fetchWindows(client, dayPlan('2025-03-01', '2025-04-28', 7), { ...OPTIONS, spans, onSplit });
		expect(counts).toEqual({ answered: 30, rejected: 0 });
		expect(onSplit).not.toHaveBeenCalled();
		expect(results.map((result) => result.window)).toEqual(dayWindows('2025-03-01', '2025-04-28', 2));
	});

	it('without the execution spans, every range learns again; another endpoint learns for itself', async () => {
		const { client, counts } = counting(2);
		const spans = new LearnedSpans();
		await fetchWindows(client, dayPlan('2025-01-01', '2025-01-14', 7), { ...OPTIONS, spans });
		counts.rejected = 0;
		await fetchWindows(client, dayPlan('2025-03-01', '2025-03-14', 7), OPTIONS);
		expect(counts.rejected).toBeGreaterThan(0);
		counts.rejected = 0;
		const other = { ...planOf(dayWindows('2025-03-01', '2025-03-14', 7)), api: DATACUBE_APIS[1] };
		await fetchWindows(client, other, { ...OPTIONS, spans });
		expect(counts.rejected).toBeGreaterThan(0);
	});

	it('while the span is looked for, one window larger than any answered is in flight at a time', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, dayPlan('2025-01-01', '2025-02-25', 7), OPTIONS);
		const first = [];
		for (let i = 0; i < 4; i++) first.push(await scripted.server.next('datacube'));
		for (const call of first) call.json({ errcode: 61501 });
		const steps: string[] = [];
		const answer = realSpan(2);
		while (true) {
			await flush();
			if (scripted.server.inFlight !== 1) break;
			const call = await scripted.server.next('datacube');
			steps.push(windowOf(call));
			call.answer(answer(call));
		}
		// 4 rejected, then 4 days rejected, 2 answered, 3 rejected: the span is 2, and 4 requests go out at once again
		expect(steps).toEqual(['2025-01-01..2025-01-04', '2025-01-01..2025-01-02', '2025-01-03..2025-01-05']);
		expect(scripted.server.inFlight).toBe(4);
		scripted.server.responders.datacube = answer;
		for (const call of scripted.server.calls.filter((c) => !c.settled)) call.answer(answer(call));
		const results = await fetching;
		expect(results.map((result) => result.window)).toEqual(dayWindows('2025-01-01', '2025-02-25', 2));
	});

	it('results stay in date order whatever order the answers arrive in, isDelay per window', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		const fetching = fetchWindows(client, dayPlan('2025-01-01', '2025-01-08', 4), { ...OPTIONS, parallelRequests: 2 });
		const next = async (expected: string) => {
			await flush();
			const call = await scripted.server.next('datacube');
			expect(windowOf(call)).toBe(expected);
			return call;
		};
		const second = await next('2025-01-01..2025-01-04');
		(await next('2025-01-05..2025-01-08')).json({ errcode: 61501 });
		second.json({ errcode: 61501 });
		(await next('2025-01-01..2025-01-02')).json({ list: ['a'] });
		(await next('2025-01-03..2025-01-05')).json({ errcode: 61501 });
		const c = await next('2025-01-03..2025-01-04');
		(await next('2025-01-05..2025-01-06')).json({ list: ['c'], is_delay: true });
		c.json({ list: ['b'] });
		(await next('2025-01-07..2025-01-08')).json({ list: ['d'] });
		const results = await fetching;
		expect(results.map((result) => result.window)).toEqual(dayWindows('2025-01-01', '2025-01-08', 2));
		expect(results.map((result) => result.list)).toEqual([['a'], ['b'], ['c'], ['d']]);
		expect(results.map((result) => result.isDelay)).toEqual([false, false, true, false]);
	});

	it('calls onSplit once, with the first window WeChat rejected', async () => {
		const { client } = counting(2);
		const onSplit = jest.fn();
		await fetchWindows(client, dayPlan('2025-01-01', '2025-01-28', 7), { ...OPTIONS, onSplit });
		expect(onSplit).toHaveBeenCalledTimes(1);
		expect(onSplit).toHaveBeenCalledWith({ begin: '2025-01-01', end: '2025-01-07' });
	});

	it('a window that fails for good after the span was learned fails the whole range', async () => {
		const { scripted, client } = setup();
		const answer = realSpan(2);
		scripted.server.responders.datacube = (call) =>
			call.body.begin_date === '2025-01-09' ? { body: { errcode: 48001 } } : answer(call);
		const error = await rangeFailure(
			fetchWindows(client, dayPlan('2025-01-01', '2025-01-28', 7), { ...OPTIONS, parallelRequests: 1 }),
		);
		expect(error.cause).toMatchObject({ kind: 'fatal', errcode: 48001 });
		expect(error.failed).toEqual({ begin: '2025-01-09', end: '2025-01-10' });
		expect(error.succeeded).toEqual(dayWindows('2025-01-01', '2025-01-08', 2));
		expect(error.notAttempted).toBe(9);
		expect(error.total).toBe(14);
		expect(scripted.server.calls.at(-1)!.body.begin_date).toBe('2025-01-09');
	});

	it(`looks for the span down to 1/2^${MAX_SPLIT_DEPTH} of the first rejected window, then the range fails as rejected`, async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: 61501 } });
		const window = { begin: '2024-01-01', end: '2024-02-01' }; // 32 days: down to 2 days
		const error = await rangeFailure(fetchWindows(client, planOf([window]), OPTIONS));
		expect(error.cause).toMatchObject({ kind: 'rangeRejected', errcode: 61501 });
		expect(scripted.server.calls.map(windowOf)).toEqual([
			'2024-01-01..2024-02-01',
			'2024-01-01..2024-01-16',
			'2024-01-01..2024-01-08',
			'2024-01-01..2024-01-04',
			'2024-01-01..2024-01-02',
		]);
		expect(error.failed).toEqual({ begin: '2024-01-01', end: '2024-01-02' });
		expect(error.notAttempted).toBe(15);
	});

	it('a window rejected below a size WeChat answered: the span narrows further, and the range still ends', async () => {
		const { scripted, client } = setup();
		const window = { begin: '2024-01-01', end: '2024-02-01' };
		// any window ending 2024-02-01 is rejected, whatever its size
		scripted.server.responders.datacube = (call) =>
			call.body.end_date === '2024-02-01' ? { body: { errcode: 61501 } } : { body: { list: [windowOf(call)] } };
		const error = await rangeFailure(fetchWindows(client, planOf([window]), OPTIONS));
		expect(error.cause).toMatchObject({ kind: 'rangeRejected', errcode: 61501 });
		expect(scripted.server.calls.map(windowOf)).toEqual([
			'2024-01-01..2024-02-01',
			'2024-01-01..2024-01-16', // answered: 16 works
			'2024-01-17..2024-02-01', // 16 days rejected: 15 at most
			'2024-01-17..2024-01-31',
			'2024-02-01..2024-02-01', // 1 day rejected: nothing narrower
		]);
		expect(error.succeeded).toEqual([
			{ begin: '2024-01-01', end: '2024-01-16' },
			{ begin: '2024-01-17', end: '2024-01-31' },
		]);
	});

	it('a one-day window cannot be narrowed: it fails', async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: 61501 } });
		const onSplit = jest.fn();
		const error = await rangeFailure(fetchWindows(client, planOf(days(1)), { ...OPTIONS, onSplit }));
		expect(error.cause).toMatchObject({ kind: 'rangeRejected' });
		expect(onSplit).not.toHaveBeenCalled();
		expect(scripted.server.calls).toHaveLength(1);
	});

	it('week windows are planned again by their labels', async () => {
		const { scripted, client } = setup();
		const labels = ['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29', '2024-02-05'];
		scripted.server.responders.datacube = realSpan(15);
		const plan = planOf([
			{ begin: labels[0], end: labels[4], labels: labels.slice(0, 5) },
			{ begin: labels[5], end: labels[5], labels: labels.slice(5) },
		]);
		const results = await fetchWindows(client, plan, { ...OPTIONS, parallelRequests: 1 });
		expect(scripted.server.calls.map(windowOf)).toEqual([
			'2024-01-01..2024-01-29', // 5 Mondays, 29 days: rejected
			'2024-01-01..2024-01-15', // at most 15 days: 3 Mondays, answered
			'2024-01-22..2024-02-05', // the other 3 (trying 22 days would not save a request)
		]);
		expect(results.map((result) => result.window.labels)).toEqual([labels.slice(0, 3), labels.slice(3)]);
	});

	it('other failures are not split', async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: 48001 } });
		await rangeFailure(fetchWindows(client, planOf([{ begin: '2024-01-01', end: '2024-01-04' }]), OPTIONS));
		expect(scripted.server.calls).toHaveLength(1);
	});
});

describe('fetchWindows: cancellation', () => {
	it('an execution stopped mid-range is reported as cancelled, not as a failure', async () => {
		const { scripted, client } = setup();
		scripted.server.hold('datacube');
		sleeps.hold = true;
		const outer = new AbortController();
		const fetching = fetchWindows(client, planOf(days(5)), { ...OPTIONS, parallelRequests: 2, signal: outer.signal });
		(await scripted.server.next('datacube')).json({ list: [] });
		(await scripted.server.next('datacube')).json({ errcode: -1 });
		await sleeps.next();
		outer.abort();
		const held = await scripted.server.next('datacube'); // window 3, in flight when the stop came
		held.answer({ error: new Error('canceled') });
		const error = await rangeFailure(fetching);
		expect(error.cancelled).toBe(true);
		expect(error.cause).toMatchObject({ kind: 'cancelled' });
		// the window the stop interrupted first (waiting to retry), not the last one started
		expect(error.failed).toEqual(days(5)[1]);
		expect(error.succeeded).toEqual([days(5)[0]]);
		expect(error.notAttempted).toBe(2);
		expect(scripted.server.calls).toHaveLength(3);
	});

	it('an execution stopped before the range starts sends nothing and reports the first window', async () => {
		const { scripted, client } = setup();
		const outer = new AbortController();
		outer.abort();
		const error = await rangeFailure(fetchWindows(client, planOf(days(3)), { ...OPTIONS, signal: outer.signal }));
		expect(error.cancelled).toBe(true);
		expect(error.failed).toEqual(days(3)[0]);
		expect(error.notAttempted).toBe(3);
		expect(scripted.server.calls).toHaveLength(0);
	});

	it.each([
		['while a window is answered: no further window starts, that window is reported', 3, '2024-01-01', 0, 1],
		['after the last window was sent: the last window started is reported', 2, '2024-01-02', 1, 2],
	])('stopped %s', async (_, count, stopAt, failedIndex, succeeded) => {
		const { scripted, client } = setup();
		const outer = new AbortController();
		scripted.server.responders.datacube = (call) => {
			if (call.body.begin_date === stopAt) outer.abort();
			return { body: { list: [] } };
		};
		const windows = days(count);
		const error = await rangeFailure(
			fetchWindows(client, planOf(windows), { ...OPTIONS, parallelRequests: 1, signal: outer.signal }),
		);
		expect(error.cancelled).toBe(true);
		expect(error.failed).toEqual(windows[failedIndex]);
		expect(error.succeeded).toEqual(windows.slice(0, succeeded));
		expect(error.notAttempted).toBe(count - succeeded);
		expect(scripted.server.calls).toHaveLength(succeeded);
	});
});

describe('RangeFetchError', () => {
	const cause = new DatacubeError('fatal', 'WeChat returned an error (errcode 1)', 'd', 1);

	it('summarises what happened to each window', () => {
		const error = new RangeFetchError(cause, { begin: '2024-01-03', end: '2024-01-04' }, days(2), 5, 8);
		expect(error.name).toBe('RangeFetchError');
		expect(error.message).toBe('Could not fetch 2024-01-03 to 2024-01-04: WeChat returned an error (errcode 1)');
		expect(error.summary()).toBe(
			'2 of 8 request windows succeeded (2024-01-01, 2024-01-02); failed: 2024-01-03 to 2024-01-04; not attempted: 5; No rows were output for this item, so that a partial range is never taken for a complete one.',
		);
	});

	it('lists six windows in full and abbreviates more', () => {
		expect(new RangeFetchError(cause, days(9)[8], days(6), 0, 9).summary()).toMatch(
			/^6 of 9 request windows succeeded \(2024-01-01, 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, 2024-01-06\);/,
		);
		expect(new RangeFetchError(cause, days(9)[8], days(7), 0, 9).summary()).toMatch(
			/^7 of 9 request windows succeeded \(2024-01-01, 2024-01-02, 2024-01-03, … 2024-01-06, 2024-01-07\);/,
		);
	});

	it('without any success there is no list', () => {
		expect(new RangeFetchError(cause, days(1)[0], [], 0, 1).summary()).toMatch(
			/^0 of 1 request windows succeeded; failed: 2024-01-01;/,
		);
	});

	it('is cancelled only for a cancelled DatacubeError', () => {
		expect(new RangeFetchError(cause, days(1)[0], [], 0, 1).cancelled).toBe(false);
		expect(new RangeFetchError(new DatacubeError('cancelled', 'm', 'd'), days(1)[0], [], 0, 1).cancelled).toBe(true);
		expect(
			new RangeFetchError(Object.assign(new Error('m'), { kind: 'cancelled' }), days(1)[0], [], 0, 1).cancelled,
		).toBe(false);
	});

	it('describeWindow: one day, or a range', () => {
		expect(describeWindow({ begin: '2024-01-01', end: '2024-01-01' })).toBe('2024-01-01');
		expect(describeWindow({ begin: '2024-01-01', end: '2024-01-07' })).toBe('2024-01-01 to 2024-01-07');
	});
});

/*
 * Once WeChat's real span is known to be narrower than documented: the rest of a range is planned
 * with a probe larger than the span only when it saves a request, one probe in flight at a time;
 * and a 61501 arriving after the range already failed is not taken as a narrower span.
 */
const text = (windows: RequestWindow[]) => windows.map((w) => `${w.begin}..${w.end}`);

/** Spans of an execution in which WeChat rejected `rejected`-day windows and answered `works`-day ones. */
function learned(rejected: number, works?: number): LearnedSpans {
	const spans = new LearnedSpans();
	const known = spans.of(API);
	known.rejectedWindow(rejected);
	if (works) known.answered(works);
	return spans;
}

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
		const error = await rangeFailure(fetching);
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
