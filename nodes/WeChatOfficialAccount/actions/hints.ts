/** Execution hints: each note once, logged and shown above the node's output. */
import type { IExecuteFunctions } from 'n8n-workflow';

export class Hints {
	private readonly notes = new Map<string, 'info' | 'warning'>();

	add(note: string, type: 'info' | 'warning' = 'info'): void {
		if (this.notes.get(note) !== 'warning') this.notes.set(note, type);
	}

	get size(): number {
		return this.notes.size;
	}

	show(ctx: IExecuteFunctions): void {
		for (const note of this.notes.keys()) ctx.logger.info(`WeChat Official Account: ${note}`);
		if (this.notes.size === 0) return;
		ctx.addExecutionHints(
			...[...this.notes].map(([message, type]) => ({ message, type, location: 'outputPane' as const })),
		);
	}
}
