/**
 * What one execution of the node fetched, by endpoint and window: a later item, or another part of
 * the same report, gets the stored answer instead of asking WeChat again. Every request made through
 * the cache shares one limit, the caller's Parallel Requests, however many plans run at once. A
 * window that failed is not kept: the next item asks again.
 */
import type { Plan } from './dates/planRequests';
import { fetchWindows, type FetchOptions, type WindowResult } from './fetchWindows';
import type { DatacubeClient } from './transport/DatacubeClient';

type Fetcher = Pick<DatacubeClient, 'fetchList'>;

export class WindowCache {
	private readonly stored = new Map<string, Promise<WindowResult>>();
	private active = 0;
	private waiting: Array<() => void> = [];
	/** Requests sent to WeChat through this cache (not answered from it). */
	requests = 0;

	constructor(private readonly client: Fetcher) {}

	private async slot(limit: number): Promise<() => void> {
		while (this.active >= limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.active++;
		this.requests++;
		return () => {
			this.active--;
			const woken = this.waiting;
			this.waiting = [];
			for (const wake of woken) wake();
		};
	}

	/** The answers for every window of the plan, in the plan's order. */
	async fetch(plan: Plan, options: FetchOptions): Promise<WindowResult[]> {
		const key = (window: { begin: string; end: string }) => `${plan.api.endpoint}|${window.begin}|${window.end}`;
		const missing = plan.windows.filter((window) => !this.stored.has(key(window)));
		if (missing.length > 0) {
			const limited: Fetcher = {
				fetchList: async (...args) => {
					const release = await this.slot(options.parallelRequests);
					try {
						return await this.client.fetchList(...args);
					} finally {
						release();
					}
				},
			};
			const batch = fetchWindows(limited, { ...plan, windows: missing }, options);
			missing.forEach((window, index) => {
				const one = batch.then((results) => results[index]);
				one.catch(() => this.stored.delete(key(window)));
				this.stored.set(key(window), one);
			});
		}
		return await Promise.all(plan.windows.map((window) => this.stored.get(key(window)) as Promise<WindowResult>));
	}
}
