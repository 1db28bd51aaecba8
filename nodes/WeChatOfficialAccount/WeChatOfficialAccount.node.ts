import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { findApi } from './apis';
import { planRequests } from './dates/planRequests';
import { nodeProperties } from './description';
import { describeWindow, fetchWindows } from './fetchWindows';
import { readOptions } from './readOptions';
import { collectRows } from './rows/collectRows';
import { toNodeError } from './toNodeError';
import { DatacubeClient } from './transport/DatacubeClient';

export class WeChatOfficialAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Official Account',
		name: 'weChatOfficialAccount',
		icon: 'file:wechat.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Get message statistics of a WeChat Official Account (公众号)',
		defaults: {
			name: 'WeChat Official Account',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'weChatOfficialAccountApi',
				required: true,
			},
		],
		properties: nodeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		const client = new DatacubeClient(this);
		const now = Date.now();
		const signal = this.getExecutionCancelSignal?.();
		const hints = new Set<string>();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const resource = this.getNodeParameter('resource', itemIndex) as string;
				const operation = this.getNodeParameter('operation', itemIndex) as string;
				const api = findApi(resource, operation);
				if (!api) {
					throw new NodeOperationError(
						this.getNode(),
						`Operation "${String(operation).slice(0, 40)}" of resource "${String(resource).slice(0, 40)}" is not supported`,
						{ itemIndex, description: 'Open the node and pick an operation from the list' },
					);
				}
				const dateRange = this.getNodeParameter('dateRange', itemIndex) as string;
				const plan = planRequests(
					api,
					{
						dateRange,
						beginDate: dateRange === 'custom' ? this.getNodeParameter('beginDate', itemIndex, '') : undefined,
						endDate: dateRange === 'custom' ? this.getNodeParameter('endDate', itemIndex, '') : undefined,
					},
					now,
				);
				const options = readOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
				await client.session.credentials();
				for (const note of plan.notes) hints.add(note);
				const results = await fetchWindows(client, plan, {
					...options,
					signal,
					onSplit: (window) =>
						this.logger.warn(
							`WeChat Official Account: WeChat rejected ${describeWindow(window)} for ${api.endpoint} although it is within the documented ${api.span}-day span; fetching it in smaller windows`,
						),
				});
				const delayed = results.filter((result) => result.isDelay).map((result) => describeWindow(result.window));
				if (delayed.length > 0) {
					hints.add(
						`WeChat marks the newest figures of ${delayed.join(', ')} (${api.endpoint}) as not final yet (is_delay): they may still change. Fetch these days again later for final numbers.`,
					);
				}
				const rows = collectRows(
					plan,
					results.map((result) => result.list),
					options,
				);
				for (const row of rows) output.push({ json: row, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, itemIndex, client.session.secrets());
				if (signal?.aborted || !this.continueOnFail()) throw nodeError;
				// Only error/details in json: n8n routes such items to the error output when the node
				// is set to "Continue (using error output)", and keeps them in the main output otherwise.
				output.push({
					json: { error: nodeError.message, details: nodeError.description ?? undefined },
					pairedItem: { item: itemIndex },
				});
			}
		}
		for (const note of hints) this.logger.info(`WeChat Official Account: ${note}`);
		if (hints.size > 0) {
			this.addExecutionHints(...[...hints].map((message) => ({ message, type: 'info' as const, location: 'outputPane' as const })));
		}
		return [output];
	}
}
