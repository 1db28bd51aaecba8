/** Maps the node's own errors to n8n errors that carry the item index and a remedy. */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { PlanError } from './dates/PlanError';
import { RangeFetchError } from './fetchWindows';
import { RowShapeError } from './rows/collectRows';
import { CredentialSettingsError } from './transport/credentialSettings';
import { DatacubeError } from './transport/DatacubeClient';
import { redact } from './transport/redact';

export function toNodeError(node: INode, error: unknown, itemIndex: number, secrets: string[]): NodeApiError | NodeOperationError {
	const clean = (text: string) => redact(text, secrets);
	if (error instanceof PlanError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	if (error instanceof CredentialSettingsError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	if (error instanceof RangeFetchError) {
		const cause = error.cause;
		const description = `${cause instanceof DatacubeError ? cause.description : ''} ${error.summary()}`.trim();
		const errcode = cause instanceof DatacubeError ? cause.errcode : undefined;
		if (cause instanceof CredentialSettingsError) {
			return new NodeOperationError(node, clean(error.message), { itemIndex, description: clean(`${cause.hint} ${error.summary()}`) });
		}
		if (!(cause instanceof DatacubeError)) {
			return new NodeOperationError(node, clean(error.message), { itemIndex, description: clean(description) });
		}
		const response: JsonObject = { message: clean(cause.message) };
		if (errcode !== undefined) response.errcode = errcode;
		return new NodeApiError(node, response, {
			itemIndex,
			message: clean(error.message),
			description: clean(description),
			httpCode: cause.httpCode ?? (errcode !== undefined ? String(errcode) : undefined),
		});
	}
	if (error instanceof RowShapeError) {
		return new NodeOperationError(node, clean(error.message), { itemIndex });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, clean(message), { itemIndex });
}
