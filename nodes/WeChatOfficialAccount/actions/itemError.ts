/**
 * A failed item: thrown as an n8n error with its item index, or, with "On Error: Continue", output
 * as an item that n8n routes to the error output (only error/details in json).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toNodeError } from '../toNodeError';
import { withRemedyForModel } from '../tool/asTool';

export function failedItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	secrets: string[],
	signal?: AbortSignal,
): INodeExecutionData {
	const nodeError = withRemedyForModel(ctx, toNodeError(ctx.getNode(), error, itemIndex, secrets));
	if (signal?.aborted || !ctx.continueOnFail()) throw nodeError;
	return {
		json: { error: nodeError.message, details: nodeError.description ?? undefined },
		pairedItem: { item: itemIndex },
	};
}
