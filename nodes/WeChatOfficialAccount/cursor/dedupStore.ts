/**
 * The cursor in n8n's deduplication store (the `processed_data` table behind Remove Duplicates),
 * under scope "node": n8n keys those values by the node's id (context `n:<node id>`), so the set
 * belongs to this node alone. A Remove Duplicates node keeps its own set (its node id, or the
 * workflow's set `''` with scope "workflow"): its History Size, its Clean Database and its mode
 * never meet ours, and ours never theirs.
 *
 * A read costs one request when the node has no cursor (a count, which writes nothing) and three
 * otherwise (count, one check of every probe, removing the probes it recorded). A write costs one
 * request (two when the set already held some of its values: then the other generation is written).
 * The set never holds more than 4 values once a read's probes are removed.
 *
 * n8n's store has no lock: it reads the row, then writes it whole. Two executions of the same node
 * at the same moment can lose a write (the cursor stays earlier: days come again), or one can see
 * the other's probes. A read that sees values no write leaves asks again, up to three times.
 */
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedOptions,
	IDeduplicationOutput,
	IExecuteFunctions,
} from 'n8n-workflow';
import type { Day } from '../dates/calendar';
import { decode, probesFor, valuesOf, type CursorState, type Decoded, type Generation } from './register';

/** The part of n8n's helpers this module uses (IExecuteFunctions['helpers']). */
export interface DeduplicationHelpers {
	checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput>;
	removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		options: ICheckProcessedOptions,
	): Promise<void>;
	getProcessedDataCount(scope: DeduplicationScope, options: ICheckProcessedOptions): Promise<number>;
}

const SCOPE: DeduplicationScope = 'node';
const ENTRIES: ICheckProcessedOptions = { mode: 'entries' };
const READ_ATTEMPTS = 3;

/** n8n's helpers when this n8n has them and the workflow is saved (processed data is kept per saved workflow). */
export function deduplicationHelpers(ctx: IExecuteFunctions): DeduplicationHelpers | undefined {
	const helpers = ctx.helpers as Partial<DeduplicationHelpers>;
	if (
		!ctx.getWorkflow().id ||
		typeof helpers.checkProcessedAndRecord !== 'function' ||
		typeof helpers.removeProcessed !== 'function' ||
		typeof helpers.getProcessedDataCount !== 'function'
	) {
		return undefined;
	}
	// n8n binds these to this node and workflow (not to the execution context): keeping them keeps nothing else.
	const { checkProcessedAndRecord, removeProcessed, getProcessedDataCount } = helpers;
	return { checkProcessedAndRecord, removeProcessed, getProcessedDataCount };
}

/** One node's cursor in the store. Remembers the generation it last read or wrote. */
export class DedupCursorStore {
	private generation: Generation | undefined;

	constructor(
		private readonly helpers: DeduplicationHelpers,
		private readonly key: string,
	) {}

	/** The cursor; 'unreadable' when three reads in a row saw values no write leaves. */
	async read(latest: Day): Promise<Decoded> {
		let decoded: Decoded = { kind: 'none' };
		for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
			if ((await this.helpers.getProcessedDataCount(SCOPE, ENTRIES)) === 0) return { kind: 'none' };
			const probes = probesFor(this.key, latest);
			const answer = await this.helpers.checkProcessedAndRecord(probes, SCOPE, ENTRIES);
			if (answer.new.length > 0) await this.helpers.removeProcessed(answer.new, SCOPE, ENTRIES);
			decoded = decode(this.key, answer.processed.map(String));
			if (decoded.kind === 'cursor') this.generation = decoded.generation;
			if (decoded.kind !== 'unreadable') return decoded;
		}
		return decoded;
	}

	/** Replaces the stored cursor with `state`. */
	async write(state: CursorState): Promise<void> {
		let generation: Generation = this.generation === 0 ? 1 : 0;
		for (let attempt = 0; attempt < 2; attempt++) {
			const values = valuesOf(this.key, state, generation);
			const answer = await this.helpers.checkProcessedAndRecord(values, SCOPE, {
				mode: 'entries',
				maxEntries: values.length,
			});
			this.generation = generation;
			// All new: the set is exactly these values. Otherwise it held some of them: write the other generation.
			if (answer.processed.length === 0) return;
			generation = generation === 0 ? 1 : 0;
		}
	}
}
