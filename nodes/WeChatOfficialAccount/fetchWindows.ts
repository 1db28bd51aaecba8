/**
 * Fetches every window of a plan with bounded parallelism. Results are in date order, so the output
 * does not depend on timing. A window WeChat rejects as too long although it is within the planned
 * span (61501) goes back to the queue and the endpoint's real span is learned (learnedSpan.ts):
 * every window no request has covered yet is planned again with what is known, for the rest of this
 * range and for later ranges of the same endpoint in the execution (`spans`). While the span is
 * being looked for, one window larger than any answered is in flight at a time; windows already in
 * flight finish as they are. If any window fails for good, no further windows are started, windows
 * in flight stop retrying, and the whole range fails: a partial range must never look complete. The
 * execution's cancel signal stops everything the same way. An API that WeChat has retired (the
 * table's `retired`) is asked for one window alone until WeChat answers: when it answers 47009, that
 * one request is the only one.
 */
import { retile, type Plan, type RequestWindow } from './dates/planRequests';
import { LearnedSpans, windowDays } from './learnedSpan';
import { cancelledError, DatacubeError, type DatacubeClient, type RetryOptions } from './transport/DatacubeClient';

export { MAX_SPLIT_DEPTH } from './learnedSpan';

export interface FetchOptions extends RetryOptions {
	parallelRequests: number;
	/** Called once per range, when WeChat first rejects a window within the planned span. */
	onSplit?: (window: RequestWindow) => void;
	/** The spans learned so far in this execution (default: nothing learned, kept for this range only). */
	spans?: LearnedSpans;
}

export interface WindowResult {
	window: RequestWindow;
	list: unknown[];
	/** WeChat said the newest figures of this window are not final yet. */
	isDelay: boolean;
}

export function describeWindow(window: RequestWindow): string {
	return window.begin === window.end ? window.begin : `${window.begin} to ${window.end}`;
}

export class RangeFetchError extends Error {
	constructor(
		readonly cause: DatacubeError | Error,
		readonly failed: RequestWindow,
		readonly succeeded: RequestWindow[],
		readonly notAttempted: number,
		readonly total: number,
	) {
		super(`Could not fetch ${describeWindow(failed)}: ${cause.message}`);
		this.name = 'RangeFetchError';
	}

	get cancelled(): boolean {
		return this.cause instanceof DatacubeError && this.cause.kind === 'cancelled';
	}

	/** What happened to each window, for the error description and continueOnFail output. */
	summary(): string {
		const fetched = this.succeeded.map(describeWindow);
		return [
			`${this.succeeded.length} of ${this.total} request windows succeeded${fetched.length ? ` (${abbreviate(fetched)})` : ''}`,
			`failed: ${describeWindow(this.failed)}`,
			`not attempted: ${this.notAttempted}`,
			'No rows were output for this item, so that a partial range is never taken for a complete one.',
		].join('; ');
	}
}

function abbreviate(list: string[]): string {
	return list.length <= 6 ? list.join(', ') : `${list.slice(0, 3).join(', ')}, … ${list.slice(-2).join(', ')}`;
}

/** An abort signal that fires when the range fails for good or when `outer` (the execution's) fires. */
function rangeSignal(outer: AbortSignal | undefined): { signal: AbortSignal; abort: () => void; detach: () => void } {
	const controller = new AbortController();
	const onOuter = () => controller.abort();
	if (outer?.aborted) controller.abort();
	else outer?.addEventListener('abort', onOuter, { once: true });
	return {
		signal: controller.signal,
		abort: () => controller.abort(),
		detach: () => outer?.removeEventListener('abort', onOuter),
	};
}

interface Slot {
	window: RequestWindow;
	state: 'pending' | 'sent' | 'done' | 'failed';
	result?: WindowResult;
}

/** Every run of pending slots planned again at `span`; the other slots stay where they are. */
function replanPending(slots: Slot[], span: number): Slot[] {
	const out: Slot[] = [];
	let run: RequestWindow[] = [];
	const flush = () => {
		for (const window of retile(run, span)) out.push({ window, state: 'pending' });
		run = [];
	};
	for (const slot of slots) {
		if (slot.state === 'pending') run.push(slot.window);
		else {
			flush();
			out.push(slot);
		}
	}
	flush();
	return out;
}

/** Wakes the workers that wait for a window to finish. */
function changeSignal(): { next: () => Promise<void>; notify: () => void } {
	let wake = () => {};
	let next = new Promise<void>((resolve) => (wake = resolve));
	return {
		next: () => next,
		notify: () => {
			const woken = wake;
			next = new Promise<void>((resolve) => (wake = resolve));
			woken();
		},
	};
}

const isRejection = (error: unknown) => error instanceof DatacubeError && error.kind === 'rangeRejected';

export async function fetchWindows(
	client: Pick<DatacubeClient, 'fetchList'>,
	plan: Plan,
	options: FetchOptions,
): Promise<WindowResult[]> {
	const { api } = plan;
	const span = (options.spans ?? new LearnedSpans()).of(api);
	let slots: Slot[] = plan.windows.map((window) => ({ window, state: 'pending' }));
	/** Slots before this index are not pending (a replan starts again from 0). */
	let firstPending = 0;
	let inFlight = 0;
	const replan = () => {
		const planned = replanPending(slots, span.planSpan(api.span));
		// A probe larger than the span that works is only worth it when it could save a request.
		const safe = span.narrowed && span.works > 0 ? replanPending(slots, span.works) : planned;
		slots = planned.length < safe.length ? planned : safe;
		firstPending = 0;
	};
	if (span.narrowed) replan();
	let failure: { error: DatacubeError | Error; window: RequestWindow } | undefined;
	let splitReported = false;
	let probing = false;
	let lastStarted: Slot | undefined;
	/** A retired API gets one window at a time until one is answered. */
	let gated = Boolean(api.retired);
	const range = rangeSignal(options.signal);
	const retry: RetryOptions = { ...options, signal: range.signal };
	const change = changeSignal();
	range.signal.addEventListener('abort', change.notify, { once: true });

	const nextToSend = () => {
		if (gated && inFlight > 0) return undefined;
		while (firstPending < slots.length && slots[firstPending].state !== 'pending') firstPending++;
		for (let index = firstPending; index < slots.length; index++) {
			const slot = slots[index];
			if (slot.state === 'pending' && !(probing && span.isProbe(windowDays(slot.window)))) return slot;
		}
		return undefined;
	};

	const fetchSlot = async (slot: Slot) => {
		const days = windowDays(slot.window);
		const probe = span.isProbe(days);
		if (probe) probing = true;
		slot.state = 'sent';
		lastStarted = slot;
		inFlight++;
		const outcome = await client.fetchList(api.endpoint, slot.window.begin, slot.window.end, retry).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
		inFlight--;
		if (probe) probing = false;
		if ('answer' in outcome) {
			slot.state = 'done';
			gated = false;
			slot.result = { window: slot.window, list: outcome.answer.list, isDelay: outcome.answer.isDelay };
			if (span.answered(days)) replan();
			return;
		}
		let { error } = outcome;
		if (isRejection(error)) {
			if (range.signal.aborted) error = cancelledError();
			else if (span.rejectedWindow(days) === 'narrowed') {
				if (!splitReported) {
					splitReported = true;
					options.onSplit?.(slot.window);
				}
				slot.state = 'pending';
				replan();
				return;
			}
		}
		slot.state = 'failed';
		const cancelled = error instanceof DatacubeError && error.kind === 'cancelled';
		// A window that stopped because another one failed is not the failure to report.
		if (!failure && !(cancelled && !options.signal?.aborted)) failure = { error: error as Error, window: slot.window };
		range.abort();
	};

	const worker = async () => {
		while (!failure && !range.signal.aborted) {
			const slot = nextToSend();
			if (slot) {
				await fetchSlot(slot);
				change.notify();
			} else if (inFlight > 0) await change.next();
			else return;
		}
	};

	try {
		await Promise.all(Array.from({ length: Math.max(1, options.parallelRequests) }, worker));
	} finally {
		range.detach();
	}
	if (!failure && options.signal?.aborted)
		failure = { error: cancelledError(), window: (lastStarted ?? slots[0])?.window };
	if (failure) {
		const succeeded = slots.filter((slot) => slot.state === 'done').map((slot) => slot.window);
		const notAttempted = slots.filter((slot) => slot.state === 'pending').length;
		throw new RangeFetchError(failure.error, failure.window, succeeded, notAttempted, slots.length);
	}
	return slots.map((slot) => slot.result as WindowResult);
}
