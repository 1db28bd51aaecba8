import type * as HandoffModule from '../../nodes/WeChatOfficialAccount/cursor/handoff';

/** A fresh copy of the module (its memory is module-level). */
function freshHandoffs(): typeof HandoffModule {
	let loaded: typeof HandoffModule | undefined;
	jest.isolateModules(() => {
		loaded = require('../../nodes/WeChatOfficialAccount/cursor/handoff');
	});
	return loaded!;
}

const handoff = (description: string) => ({ description, commit: async () => [] });
const descriptions = (taken: Array<{ description: string }>) => taken.map((h) => h.description);

describe('handoffs from fetch nodes to a Confirm Delivery step', () => {
	it('a Confirm step takes only the handoffs of nodes before it, once; the execution is forgotten when none are left', () => {
		const { handOver, takeHandoffs, waitingExecutions } = freshHandoffs();
		handOver('e1', 'A', handoff('A: 2026-11-25'));
		handOver('e1', 'B', handoff('B: 2026-11-25'));
		handOver('e2', 'A', handoff('A: 2026-11-24'));
		expect(waitingExecutions()).toBe(2);

		expect(descriptions(takeHandoffs('e1', new Set(['A', 'X'])))).toEqual(['A: 2026-11-25']);
		expect(waitingExecutions()).toBe(2);
		expect(takeHandoffs('e1', new Set(['A']))).toEqual([]);
		expect(descriptions(takeHandoffs('e1', new Set(['B'])))).toEqual(['B: 2026-11-25']);
		expect(waitingExecutions()).toBe(1);
		expect(takeHandoffs('e3', new Set(['A']))).toEqual([]);
		expect(descriptions(takeHandoffs('e2', new Set(['A'])))).toEqual(['A: 2026-11-24']);
		expect(waitingExecutions()).toBe(0);
	});

	it('keeps the handoffs of the latest 100 executions: the 101st drops the oldest', () => {
		const { handOver, takeHandoffs, waitingExecutions } = freshHandoffs();
		for (let i = 1; i <= 100; i++) handOver(`e${i}`, 'A', handoff(`A: run ${i}`));
		expect(waitingExecutions()).toBe(100);
		// A later handoff of execution 1 makes it the newest.
		handOver('e1', 'B', handoff('B: run 1'));
		handOver('e101', 'A', handoff('A: run 101'));
		expect(waitingExecutions()).toBe(100);
		expect(takeHandoffs('e2', new Set(['A']))).toEqual([]);
		expect(descriptions(takeHandoffs('e1', new Set(['A', 'B'])))).toEqual(['A: run 1', 'B: run 1']);
		expect(descriptions(takeHandoffs('e3', new Set(['A'])))).toEqual(['A: run 3']);
		expect(descriptions(takeHandoffs('e101', new Set(['A'])))).toEqual(['A: run 101']);
	});
});
