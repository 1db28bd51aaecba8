/**
 * How a Confirm Delivery step moves the cursor of a fetch node before it. n8n binds a node's
 * deduplication helpers to that node (scope "node" always means the calling node), so the Confirm
 * step cannot write the fetch node's cursor itself. Instead the fetch node, when it ends, leaves
 * here a commit bound to its own helpers, under the execution's id; the Confirm step of the same
 * execution runs it. An execution runs in one process (in queue mode: one worker), so both steps
 * see this module's memory.
 *
 * An execution that stops before its Confirm step leaves its commit behind: the oldest are dropped
 * beyond MAX_EXECUTIONS. An execution that waits (Wait node) and resumes in another process finds
 * no commit: its days come again with the next run (at least once).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

export interface Handoff {
	/** "<fetch node name>: <first day> to <last day>" */
	description: string;
	/** Counts the days as delivered, called by the Confirm step; resolves to warnings to show (a store that failed). */
	commit(confirming: IExecuteFunctions): Promise<string[]>;
}

const MAX_EXECUTIONS = 100;

/** execution id → fetch node name → its handoff, in insertion order (oldest first). */
const waiting = new Map<string, Map<string, Handoff>>();

export function handOver(execution: string, node: string, handoff: Handoff): void {
	const forExecution = waiting.get(execution) ?? new Map<string, Handoff>();
	forExecution.set(node, handoff);
	waiting.delete(execution);
	waiting.set(execution, forExecution);
	while (waiting.size > MAX_EXECUTIONS) waiting.delete(waiting.keys().next().value as string);
}

/** Takes (removes) the handoffs of `execution` left by the nodes named in `upstream`. */
export function takeHandoffs(execution: string, upstream: ReadonlySet<string>): Handoff[] {
	const forExecution = waiting.get(execution);
	if (!forExecution) return [];
	const taken: Handoff[] = [];
	for (const [node, handoff] of forExecution) {
		if (!upstream.has(node)) continue;
		taken.push(handoff);
		forExecution.delete(node);
	}
	if (forExecution.size === 0) waiting.delete(execution);
	return taken;
}

/** How many executions have handoffs waiting (for tests). */
export function waitingExecutions(): number {
	return waiting.size;
}
