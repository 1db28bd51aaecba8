import { getEventListeners } from 'events';
import { DATACUBE_APIS } from '../../nodes/WeChatOfficialAccount/apis';
import type { Plan, RequestWindow } from '../../nodes/WeChatOfficialAccount/dates/planRequests';
import {
	describeWindow,
	fetchWindows,
	MAX_SPLIT_DEPTH,
	RangeFetchError,
	type FetchOptions,
} from '../../nodes/WeChatOfficialAccount/fetchWindows';
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

describe('fetchWindows: 61501 split', () => {
	it('splits a rejected window in halves, concatenates their lists and calls onSplit once', async () => {
		const { scripted, client } = setup();
		const windows = [
			{ begin: '2024-01-01', end: '2024-01-04' },
			{ begin: '2024-01-05', end: '2024-01-08' },
		];
		scripted.server.responders.datacube = (call) =>
			call.body.begin_date !== call.body.end_date && call.body.end_date !== '2024-01-02'
				? { body: { errcode: 61501 } }
				: { body: { list: [windowOf(call)], is_delay: call.body.begin_date === '2024-01-07' } };
		const onSplit = jest.fn();
		const results = await fetchWindows(client, planOf(windows), { ...OPTIONS, parallelRequests: 1, onSplit });
		expect(onSplit).toHaveBeenCalledTimes(1);
		expect(onSplit).toHaveBeenCalledWith(windows[0]);
		expect(results).toEqual([
			{
				window: windows[0],
				list: ['2024-01-01..2024-01-02', '2024-01-03..2024-01-03', '2024-01-04..2024-01-04'],
				isDelay: false,
			},
			{
				window: windows[1],
				list: ['2024-01-05..2024-01-05', '2024-01-06..2024-01-06', '2024-01-07..2024-01-07', '2024-01-08..2024-01-08'],
				isDelay: true,
			},
		]);
	});

	it('isDelay of a split window comes from either half', async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = (call) =>
			call.body.begin_date !== call.body.end_date
				? { body: { errcode: 61501 } }
				: { body: { list: [], is_delay: call.body.begin_date === '2024-01-01' } };
		const [result] = await fetchWindows(client, planOf([{ begin: '2024-01-01', end: '2024-01-02' }]), OPTIONS);
		expect(result.isDelay).toBe(true);
	});

	it(`splits at most ${MAX_SPLIT_DEPTH} times, then the range fails as rejected`, async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: 61501 } });
		const window = { begin: '2024-01-01', end: '2024-02-01' }; // 32 days: halves down to 2 days at depth 4
		const error = await rangeFailure(fetchWindows(client, planOf([window]), OPTIONS));
		expect(error.cause).toMatchObject({ kind: 'rangeRejected', errcode: 61501 });
		expect(scripted.server.calls.map(windowOf)).toEqual([
			'2024-01-01..2024-02-01',
			'2024-01-01..2024-01-16',
			'2024-01-01..2024-01-08',
			'2024-01-01..2024-01-04',
			'2024-01-01..2024-01-02',
		]);
		expect(error.failed).toEqual(window);
	});

	it(`splits at most ${MAX_SPLIT_DEPTH} times also when only the second halves are rejected`, async () => {
		const { scripted, client } = setup();
		const window = { begin: '2024-01-01', end: '2024-02-01' };
		// every first half is answered, every second half rejected again: 17..32, 25..32, 29..32, 31..32
		scripted.server.responders.datacube = (call) =>
			call.body.end_date === '2024-02-01' ? { body: { errcode: 61501 } } : { body: { list: [windowOf(call)] } };
		const error = await rangeFailure(fetchWindows(client, planOf([window]), OPTIONS));
		expect(error.cause).toMatchObject({ kind: 'rangeRejected', errcode: 61501 });
		expect(scripted.server.calls.map(windowOf)).toEqual([
			'2024-01-01..2024-02-01',
			'2024-01-01..2024-01-16',
			'2024-01-17..2024-02-01',
			'2024-01-17..2024-01-24',
			'2024-01-25..2024-02-01',
			'2024-01-25..2024-01-28',
			'2024-01-29..2024-02-01',
			'2024-01-29..2024-01-30',
			'2024-01-31..2024-02-01',
		]);
	});

	it('a one-day window cannot be split: it fails', async () => {
		const { scripted, client } = setup();
		scripted.server.responders.datacube = () => ({ body: { errcode: 61501 } });
		const onSplit = jest.fn();
		const error = await rangeFailure(fetchWindows(client, planOf(days(1)), { ...OPTIONS, onSplit }));
		expect(error.cause).toMatchObject({ kind: 'rangeRejected' });
		expect(onSplit).not.toHaveBeenCalled();
		expect(scripted.server.calls).toHaveLength(1);
	});

	it('week windows split by their labels', async () => {
		const { scripted, client } = setup();
		const labels = ['2024-01-01', '2024-01-08', '2024-01-15'];
		scripted.server.responders.datacube = (call) =>
			call.body.begin_date === '2024-01-01' && call.body.end_date === '2024-01-15'
				? { body: { errcode: 61501 } }
				: { body: { list: [windowOf(call)] } };
		const [result] = await fetchWindows(client, planOf([{ begin: labels[0], end: labels[2], labels }]), OPTIONS);
		expect(result.list).toEqual(['2024-01-01..2024-01-08', '2024-01-15..2024-01-15']);
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
