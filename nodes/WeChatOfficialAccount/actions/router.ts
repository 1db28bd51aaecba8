/**
 * The node's router: picks the operation kind that owns the chosen resource and lets it run every
 * input item. Each kind is one module with its picker entries, its parameters and its execute().
 * A new kind is a new module and one line in KINDS.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationKind } from './kind';
import { account } from './account';
import { delivery } from './delivery';
import { report } from './report';
import { statistics } from './statistics';

/** In Resource picker order. */
export const KINDS: readonly OperationKind[] = [statistics, account, report, delivery];

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Resource is noDataExpression: one value for every item.
	const resource = this.getNodeParameter('resource', 0) as string;
	const kind = KINDS.find((candidate) => candidate.resources.some((option) => option.value === resource)) ?? statistics;
	return [await kind.execute.call(this, this.getInputData())];
}
