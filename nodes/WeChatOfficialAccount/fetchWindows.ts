/**
 * Fetches every window of a plan with bounded parallelism. Results keep the plan's window
 * order, so the output does not depend on timing. A window WeChat rejects as too long although it
 * is within the documented span (61501) is split in halves and retried, a bounded number of times.
 * If any window fails for good, no further windows are started and the whole range fails: a
 * partial range must never look complete.
 */
import type { RequestWindow, Plan } from './dates/planRequests';
import { splitWindow } from './dates/planRequests';
import { DatacubeError, type DatacubeClient, type RetryOptions } from './transport/DatacubeClient';

export const MAX_SPLIT_DEPTH = 4;

export interface FetchOptions extends RetryOptions {
	parallelRequests: number;
	/** Called once per plan when a window had to be split. */
	onSplit?: (window: RequestWindow) => void;
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

export async function fetchWindows(
	client: DatacubeClient,
	plan: Plan,
	options: FetchOptions,
): Promise<unknown[][]> {
	const { windows, api } = plan;
	const results: unknown[][] = new Array(windows.length);
	const done: boolean[] = new Array(windows.length).fill(false);
	let next = 0;
	let failure: { error: DatacubeError | Error; window: RequestWindow } | undefined;
	let splitReported = false;

	const fetchOne = async (window: RequestWindow, depth: number): Promise<unknown[]> => {
		try {
			return await client.fetchList(api.endpoint, window.begin, window.end, options);
		} catch (error) {
			const halves = error instanceof DatacubeError && error.kind === 'rangeRejected' ? splitWindow(window) : undefined;
			if (!halves || depth >= MAX_SPLIT_DEPTH) throw error;
			if (!splitReported) {
				splitReported = true;
				options.onSplit?.(window);
			}
			const left = await fetchOne(halves[0], depth + 1);
			const right = await fetchOne(halves[1], depth + 1);
			return left.concat(right);
		}
	};

	const worker = async () => {
		while (!failure && next < windows.length) {
			const index = next++;
			try {
				results[index] = await fetchOne(windows[index], 0);
				done[index] = true;
			} catch (error) {
				failure ??= { error: error as Error, window: windows[index] };
			}
		}
	};

	const workers = Math.max(1, Math.min(options.parallelRequests, windows.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) {
		const succeeded = windows.filter((_, index) => done[index]);
		const notAttempted = windows.length - next;
		throw new RangeFetchError(failure.error, failure.window, succeeded, notAttempted, windows.length);
	}
	return results;
}
