/**
 * One fetch node's cursor for one operation, in the store that works: n8n's deduplication store
 * (dedupStore.ts), else the workflow's static data (staticStore.ts) with a warning. Methods take the
 * execution context of the step that calls them (the fetch node, or later its Confirm Delivery
 * step), so a keeper left waiting for a Confirm step holds no execution's data.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { Day } from '../dates/calendar';
import { DedupCursorStore, type DeduplicationHelpers } from './dedupStore';
import type { CursorState } from './register';
import { StaticCursorStore } from './staticStore';

const QUEUE_MODE =
	"n8n's queue mode does not carry static data from one execution to the next, and replaces all of it with what an execution wrote";

const clipped = (error: unknown) => String((error as Error)?.message ?? error).slice(0, 200);

export class CursorKeeper {
	private dedup: DedupCursorStore | undefined;

	constructor(
		helpers: DeduplicationHelpers | undefined,
		private readonly keys: { dedup: string; static: string },
	) {
		this.dedup = helpers && new DedupCursorStore(helpers, keys.dedup);
	}

	async read(ctx: IExecuteFunctions, latest: Day): Promise<{ state: CursorState; warnings: string[] }> {
		if (this.dedup) {
			try {
				const decoded = await this.dedup.read(latest);
				if (decoded.kind === 'cursor') return { state: decoded.state, warnings: [] };
				if (decoded.kind === 'none') return { state: {}, warnings: [] };
				return {
					state: {},
					warnings: [
						warn(
							ctx,
							`"Since Last Run" could not read its progress in n8n's deduplication store (${decoded.found} values where a cursor has at most 4: another execution of this node was reading or writing it at the same moment): it starts over from Lookback Days, so some days may come again`,
						),
					],
				};
			} catch (error) {
				return { state: this.staticStore(ctx).read() ?? {}, warnings: [this.fallBack(ctx, error)] };
			}
		}
		return { state: this.staticStore(ctx).read() ?? {}, warnings: [] };
	}

	/** Stores `state`; resolves to warnings (a store that failed). */
	async write(ctx: IExecuteFunctions, state: CursorState): Promise<string[]> {
		if (this.dedup) {
			try {
				await this.dedup.write(state);
				return [];
			} catch {
				// Two first writes at once: the other inserted the row first. Now it exists: try once more.
				try {
					await this.dedup.write(state);
					return [];
				} catch (error) {
					const warning = this.fallBack(ctx, error);
					this.staticStore(ctx).write(state);
					return [warning];
				}
			}
		}
		this.staticStore(ctx).write(state);
		return [];
	}

	private staticStore(ctx: IExecuteFunctions): StaticCursorStore {
		return new StaticCursorStore(ctx, this.keys.static);
	}

	private fallBack(ctx: IExecuteFunctions, error: unknown): string {
		this.dedup = undefined;
		return warn(
			ctx,
			`"Since Last Run" could not use n8n's deduplication store (${clipped(error)}): its progress is kept in the workflow's static data, but ${QUEUE_MODE}`,
		);
	}
}

/** The warning when this n8n offers no deduplication store to nodes (the workflow is saved). */
export const NO_STORE = `"Since Last Run" keeps its progress in the workflow's static data: this n8n offers no deduplication store to nodes, and ${QUEUE_MODE}`;

function warn(ctx: IExecuteFunctions, note: string): string {
	ctx.logger.warn(`WeChat Official Account: ${note}`);
	return note;
}
