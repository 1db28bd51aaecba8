/** Confirm Delivery: what this execution fetched with "Since Last Run" now counts as delivered. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { confirmDelivery } from '../cursor';
import {
	CONFIRM_OPERATION,
	deliveryProperties,
	deliveryResourceOption,
	DELIVERY_RESOURCE,
} from '../description/delivery';
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
	const { message, warnings } = await confirmDelivery(this);
	this.addExecutionHints(
		{ message, type: 'info', location: 'outputPane' },
		...warnings.map((warning) => ({ message: warning, type: 'warning' as const, location: 'outputPane' as const })),
	);
	// Passed through whole (binary data, e.g. a chart a report step made, included).
	return items.map((item, index) => ({ ...item, pairedItem: { item: index } }));
}

export const delivery: OperationKind = {
	resources: [deliveryResourceOption],
	properties: deliveryProperties,
	execute,
};
