/**
 * Fetches every window of a plan with bounded parallelism. Results keep the plan's window
 * order, so the output does not depend on timing. A window WeChat rejects as too long although it
 * is within the documented span (61501) is split in halves and retried, a bounded number of times.
 * If any window fails for good, no further windows are started, windows in flight stop retrying,
 * and the whole range fails: a partial range must never look complete. The execution's cancel
 * signal stops everything the same way. An API that WeChat has retired (the table's `retired`) is
 * asked for its first window alone before the others: when WeChat answers 47009, that one request
 * is the only one.
 */
import type { RequestWindow, Plan } from './dates/planRequests';
import { splitWindow } from './dates/planRequests';
import { cancelledError, DatacubeError, type DatacubeClient, type RetryOptions } from './transport/DatacubeClient';

export const MAX_SPLIT_DEPTH = 4;

export interface FetchOptions extends RetryOptions {
	parallelRequests: number;
	/** Called once per plan when a window had to be split. */
	onSplit?: (window: RequestWindow) => void;
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

export async function fetchWindows(
	client: Pick<DatacubeClient, 'fetchList'>,
	plan: Plan,
	options: FetchOptions,
): Promise<WindowResult[]> {
	const { windows, api } = plan;
	const results: WindowResult[] = new Array(windows.length);
	const done: boolean[] = new Array(windows.length).fill(false);
	let next = 0;
	/** Windows that may start now: only the first while a retired API has not answered yet. */
	let open = api.retired ? Math.min(1, windows.length) : windows.length;
	let failure: { error: DatacubeError | Error; window: RequestWindow } | undefined;
	let splitReported = false;
	const range = rangeSignal(options.signal);
	const retry: RetryOptions = { ...options, signal: range.signal };

	const fetchOne = async (window: RequestWindow, depth: number): Promise<WindowResult> => {
		const outcome = await client.fetchList(api.endpoint, window.begin, window.end, retry).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
		if ('answer' in outcome) return { window, list: outcome.answer.list, isDelay: outcome.answer.isDelay };
		const { error } = outcome;
		const halves = error instanceof DatacubeError && error.kind === 'rangeRejected' ? splitWindow(window) : undefined;
		if (!halves || depth >= MAX_SPLIT_DEPTH) throw error;
		if (!splitReported) {
			splitReported = true;
			options.onSplit?.(window);
		}
		const left = await fetchOne(halves[0], depth + 1);
		const right = await fetchOne(halves[1], depth + 1);
		return { window, list: left.list.concat(right.list), isDelay: left.isDelay || right.isDelay };
	};

	const worker = async () => {
		while (!failure && !range.signal.aborted && next < open) {
			const index = next++;
			try {
				results[index] = await fetchOne(windows[index], 0);
				done[index] = true;
			} catch (error) {
				const cancelled = error instanceof DatacubeError && error.kind === 'cancelled';
				// A window that stopped because another one failed is not the failure to report.
				if (!failure && !(cancelled && !options.signal?.aborted)) {
					failure = { error: error as Error, window: windows[index] };
				}
				range.abort();
			}
		}
	};

	const workers = Math.max(1, Math.min(options.parallelRequests, windows.length));
	try {
		if (open < windows.length) {
			await worker();
			open = windows.length;
		}
		await Promise.all(Array.from({ length: workers }, worker));
	} finally {
		range.detach();
	}
	if (!failure && options.signal?.aborted)
		failure = { error: cancelledError(), window: windows[next - 1] ?? windows[0] };
	if (failure) {
		const succeeded = windows.filter((_, index) => done[index]);
		const notAttempted = windows.length - next;
		throw new RangeFetchError(failure.error, failure.window, succeeded, notAttempted, windows.length);
	}
	return results;
}
