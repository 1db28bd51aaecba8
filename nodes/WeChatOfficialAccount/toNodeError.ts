/** Maps the node's own errors to n8n errors that carry the item index and a remedy. */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { PlanError } from './dates/PlanError';
import { RangeFetchError } from './fetchWindows';
import { RowShapeError } from './rows/collectRows';
import { CredentialSettingsError } from '../wechat/connection';
import { DatacubeError } from './transport/DatacubeClient';
import { redact } from '../wechat/redact';

export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secrets: string[],
): NodeApiError | NodeOperationError {
	const clean = (text: string) => redact(text, secrets);
	if (error instanceof PlanError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	if (error instanceof CredentialSettingsError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	if (error instanceof RangeFetchError) {
		const cause = error.cause;
		if (!(cause instanceof DatacubeError)) {
			return new NodeOperationError(node, clean(error.message), { itemIndex, description: clean(error.summary()) });
		}
		const response: JsonObject = { message: clean(cause.message) };
		if (cause.errcode !== undefined) response.errcode = cause.errcode;
		return new NodeApiError(node, response, {
			itemIndex,
			message: clean(error.message),
			description: clean(`${cause.description} ${error.summary()}`),
			httpCode: cause.httpCode ?? (cause.errcode !== undefined ? String(cause.errcode) : undefined),
		});
	}
	if (error instanceof RowShapeError) {
		return new NodeOperationError(node, clean(error.message), { itemIndex });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		return new NodeOperationError(node, clean(error.message), {
			itemIndex,
			description: error.description ? clean(error.description) : undefined,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, clean(message), { itemIndex });
}
