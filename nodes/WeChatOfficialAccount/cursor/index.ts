/**
 * "Since Last Run" progress: the one place that reads, moves and stores the cursor (the last day a
 * node delivered) of a fetch node, and confirms it from a Confirm Delivery step.
 *
 * - Where: n8n's deduplication store, scope "node" (dedupStore.ts): shared by every process of an
 *   n8n installation (queue-mode workers start new executions without static data), apart from the
 *   user's Remove Duplicates nodes, at most 4 values per node. The workflow's static data only when
 *   that store cannot be used, with a warning (keeper.ts). Static data is never touched otherwise.
 * - When: a run's days count as delivered when the node ends, unless a Confirm Delivery step of
 *   this node type follows it in the workflow and Wait for Confirm Delivery is on (the default):
 *   then only when that step runs (at least once: a later step that fails leaves the days to the
 *   next run). Manual runs from the editor store nothing.
 *
 * The node uses it as: `plan()` per item before fetching, `deliver()` after, `save()` at the end.
 * Confirm Delivery uses `confirmDelivery()`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { DatacubeApi } from '../apis';
import { addDays, latestServedDay, type Day } from '../dates/calendar';
import type { RequestWindow } from '../dates/planRequests';
import { DELIVERY_RESOURCE } from '../description/delivery';
import { checkedLookbackDays, deliveredRows, sinceLastRunRange, type SinceLastRunRange } from '../sinceLastRun';
import { deduplicationHelpers } from './dedupStore';
import { handOver, takeHandoffs } from './handoff';
import { CursorKeeper, NO_STORE } from './keeper';
import type { CursorState } from './register';

export { STATE_KEY } from './staticStore';

interface Notes {
	add(note: string, type?: 'info' | 'warning'): unknown;
}

/** One item's "Since Last Run" range: fetch `range.begin`..`range.end`, then pass the rows to deliver(). */
export interface PlannedRun {
	range: Extract<SinceLastRunRange, { kind: 'fetch' }>;
	key: string;
	wait: boolean;
}

/** One operation's cursor during this execution. */
interface Progress {
	api: DatacubeApi;
	keeper: CursorKeeper;
	stored: CursorState;
	/** What this execution output: from `from` through `through`. */
	from?: Day;
	through?: Day;
	/** Rows were output by an item that waits for confirmation. */
	waits: boolean;
}

export class SinceLastRun {
	private readonly progress = new Map<string, Progress>();
	private helpers: ReturnType<typeof deduplicationHelpers> | null = null;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly notes: Notes,
	) {}

	/** The range item `itemIndex` fetches; undefined when there is nothing new (a note says so). */
	async plan(api: DatacubeApi, itemIndex: number, now: number): Promise<PlannedRun | undefined> {
		const lookback = checkedLookbackDays(this.ctx.getNodeParameter('lookbackDays', itemIndex, 7));
		const key = `${api.resource}/${api.operation}`;
		const progress = this.progress.get(key) ?? (await this.open(api, key, now));
		// Later items of this execution continue after what earlier ones output.
		const range = sinceLastRunRange(api, progress.through ?? progress.stored.delivered, lookback, now);
		if (range.kind === 'upToDate') {
			this.notes.add(range.note);
			return undefined;
		}
		const wait = this.ctx.getNodeParameter('waitForConfirmation', itemIndex, true) !== false;
		return { range, key, wait };
	}

	/** The rows item's run delivers (finalised days only), remembered as output by this execution. */
	deliver(
		run: PlannedRun,
		plan: { end: Day; periods: Array<{ last: Day }> },
		rows: IDataObject[],
		delayed: RequestWindow[],
	): IDataObject[] {
		const progress = this.progress.get(run.key)!;
		const delivered = deliveredRows(progress.api, run.range, plan, rows, delayed);
		if (delivered.heldFrom !== undefined) {
			this.notes.add(
				`WeChat has not finalised ${delivered.heldFrom} and later (is_delay) for ${progress.api.name}: those days are held back and delivered by a later run`,
			);
		}
		if (delivered.through >= run.range.from) {
			progress.from ??= run.range.from;
			progress.through = delivered.through;
			if (delivered.rows.length > 0 && run.wait) progress.waits = true;
		}
		return delivered.rows;
	}

	/** At the end of the node's run (not after an error): stores what it delivered, or leaves it to Confirm Delivery. */
	async save(): Promise<void> {
		const manual = this.ctx.getMode() === 'manual';
		const node = this.ctx.getNode().name;
		for (const progress of this.progress.values()) {
			const { from, through, keeper } = progress;
			if (from === undefined || through === undefined) continue;
			const days = from === through ? from : `${from} to ${through}`;
			const description = `${node}: ${days}`;
			const confirmed = progress.waits && confirmFollows(this.ctx);
			if (manual) {
				if (confirmed) handOver(this.ctx.getExecutionId(), node, { description, commit: async () => [] });
				continue;
			}
			if (!confirmed) {
				if (progress.waits) {
					this.notes.add(
						`No Confirm Delivery step follows this node, so the days it output (${days}) count as delivered now. To have them fetched again when a later step fails, put a Confirm Delivery step (resource "Delivery (Since Last Run)") after the step that stores the rows.`,
					);
				}
				this.warn(await keeper.write(this.ctx, { delivered: through }));
				continue;
			}
			const waiting: CursorState = { delivered: progress.stored.delivered, unconfirmed: true };
			if (!progress.stored.unconfirmed) this.warn(await keeper.write(this.ctx, waiting));
			handOver(this.ctx.getExecutionId(), node, {
				description,
				commit: async (confirming) => await keeper.write(confirming, { delivered: through }),
			});
		}
		if (manual && this.progress.size > 0) {
			this.notes.add(
				'Manual runs from the editor do not save "Since Last Run" progress: only production executions do (schedule, webhook, CLI, workers)',
			);
		}
	}

	private async open(api: DatacubeApi, key: string, now: number): Promise<Progress> {
		if (this.helpers === null) {
			this.helpers = deduplicationHelpers(this.ctx);
			if (!this.helpers && this.ctx.getWorkflow().id) this.warn([NO_STORE]);
		}
		const keeper = new CursorKeeper(this.helpers, { dedup: key, static: `${this.ctx.getNode().id}/${key}` });
		const { state, warnings } = await keeper.read(this.ctx, latestServedDay(now));
		this.warn(warnings);
		if (state.unconfirmed) {
			const days = state.delivered ? `The days from ${addDays(state.delivered, 1)} that` : 'The days';
			this.notes.add(
				`${days} an earlier run output were never confirmed (a step before Confirm Delivery failed or stopped): they are fetched again`,
			);
		}
		const progress: Progress = { api, keeper, stored: state, waits: false };
		this.progress.set(key, progress);
		return progress;
	}

	private warn(warnings: string[]): void {
		for (const warning of warnings) this.notes.add(warning, 'warning');
	}
}

/** Whether a Confirm Delivery step of this node type comes after this node (and is not disabled). */
function confirmFollows(ctx: IExecuteFunctions): boolean {
	const self = ctx.getNode();
	if (typeof ctx.getChildNodes !== 'function') return false;
	return ctx
		.getChildNodes(self.name, { includeNodeParameters: true })
		.some((child) => child.type === self.type && !child.disabled && child.parameters?.resource === DELIVERY_RESOURCE);
}

/**
 * Confirm Delivery: the days that the fetch nodes before this step output in this execution now
 * count as delivered. Only those before it: a Confirm after one destination never confirms what
 * another branch has not stored yet.
 */
export async function confirmDelivery(ctx: IExecuteFunctions): Promise<{ message: string; warnings: string[] }> {
	const upstream = new Set(ctx.getParentNodes(ctx.getNode().name).map((parent) => parent.name));
	const handoffs = takeHandoffs(ctx.getExecutionId(), upstream);
	const warnings: string[] = [];
	for (const handoff of handoffs) warnings.push(...(await handoff.commit(ctx)));
	const confirmed = handoffs.map((handoff) => handoff.description).join('; ');
	let message =
		'Nothing to confirm: no "Since Last Run" step before this one output days waiting for confirmation in this execution (an execution that waited and resumed in another n8n process cannot confirm: its days come again with the next run)';
	if (confirmed) {
		message =
			ctx.getMode() === 'manual'
				? `In a production execution these days would now count as delivered: ${confirmed}. Manual runs from the editor save nothing.`
				: `Confirmed as delivered: ${confirmed}`;
	}
	return { message, warnings };
}
