/** Reads and checks the node's Options collection for one item. */
import type { IDataObject } from 'n8n-workflow';
import { PlanError } from './dates/PlanError';
import { DEFAULT_RETRY, MAX_BACKOFF_MS } from './transport/DatacubeClient';
import type { FetchOptions } from './fetchWindows';

export interface ItemOptions extends FetchOptions {
	addReadableFields: boolean;
	/** Get Article Reads / Shares: title and content_url from Get Article Details. */
	addTitles: boolean;
	/** One summary object instead of the rows (simplify/summarize.ts). */
	simplify: boolean;
}

function whole(
	options: IDataObject,
	name: string,
	label: string,
	fallback: number,
	min: number,
	max: number,
	unit = '',
): number {
	const value = options[name] ?? fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new PlanError(
			label,
			`${label} must be a whole number from ${min} to ${max}${unit} (got ${String(JSON.stringify(value)).slice(0, 40)})`,
			`Set ${label} in the node's Options to a value from ${min} to ${max}`,
		);
	}
	return value;
}

export function readOptions(options: IDataObject): ItemOptions {
	return {
		addReadableFields: options.addReadableFields !== false,
		addTitles: options.addTitles === true,
		simplify: options.simplify === true,
		parallelRequests: whole(options, 'parallelRequests', 'Parallel Requests', 4, 1, 10),
		maxAttempts: whole(options, 'maxAttempts', 'Max Attempts', DEFAULT_RETRY.maxAttempts, 1, 10),
		retryDelayMs: whole(
			options,
			'retryDelayMs',
			'Retry Delay',
			DEFAULT_RETRY.retryDelayMs,
			0,
			MAX_BACKOFF_MS,
			' milliseconds',
		),
		quotaWaitMs: whole(options, 'quotaWaitMs', 'Quota Wait', DEFAULT_RETRY.quotaWaitMs, 0, 600_000, ' milliseconds'),
		timeoutMs: whole(options, 'timeoutMs', 'Timeout', DEFAULT_RETRY.timeoutMs, 100, 600_000, ' milliseconds'),
	};
}
