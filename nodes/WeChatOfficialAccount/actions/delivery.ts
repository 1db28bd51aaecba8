/** Confirm Delivery: what this execution fetched with "Since Last Run" now counts as delivered. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import {
	CONFIRM_OPERATION,
	deliveryProperties,
	deliveryResourceOption,
	DELIVERY_RESOURCE,
} from '../description/delivery';
import { SharedCursors } from '../sharedCursor';
import { confirmPending, STATE_KEY, type CursorMap } from '../sinceLastRun';
import { refuseConfirmDeliveryAsTool } from '../tool/asTool';
import type { OperationKind } from './kind';

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	refuseConfirmDeliveryAsTool(this);
	const operation = this.getNodeParameter('operation', 0) as string;
	if (operation !== CONFIRM_OPERATION) {
		throw new NodeOperationError(
			this.getNode(),
			`Operation "${String(operation).slice(0, 40)}" of resource "${DELIVERY_RESOURCE}" is not supported`,
			{ description: 'Open the node and pick an operation from the list' },
		);
	}
	const execution = this.getExecutionId();
	const state = this.getWorkflowStaticData('global');
	const shared = new SharedCursors(this, { add: () => undefined });
	const upstream = new Set(this.getParentNodes(this.getNode().name).map((parent) => parent.name));
	const before = (state[STATE_KEY] as CursorMap | undefined) ?? {};
	const { cursors, confirmed } = confirmPending(before, execution, upstream);
	state[STATE_KEY] = cursors;
	await shared.recordDelivered(before, cursors);
	const manual = this.getMode() === 'manual';
	this.addExecutionHints({
		message: confirmed.length
			? manual
				? `In a production execution these days would now count as delivered: ${confirmed.join('; ')}. Manual runs from the editor save nothing.`
				: `Confirmed as delivered: ${confirmed.join('; ')}`
			: 'Nothing to confirm: no "Since Last Run" step before this one is waiting for confirmation in this execution',
		type: 'info',
		location: 'outputPane',
	});
	for (const message of shared.notes) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	return items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }));
}

export const delivery: OperationKind = {
	resources: [deliveryResourceOption],
	properties: deliveryProperties,
	execute,
};
