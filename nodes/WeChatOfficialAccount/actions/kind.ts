/** What every operation kind of the node provides to the router and to the node's description. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export interface OperationKind {
	/** Its entries in the Resource picker (values are part of saved workflows: never rename). */
	resources: INodePropertyOptions[];
	/** Its parameters, each shown only for its own resources. */
	properties: INodeProperties[];
	/** Runs all input items; output items carry pairedItem. */
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** The values of a kind's resources, for displayOptions. */
export function resourceValues(kind: Pick<OperationKind, 'resources'>): string[] {
	return kind.resources.map((option) => String(option.value));
}
