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
				for (const note of plan.notes) this.logger.info(`WeChat Official Account: ${note}`);
				const responses = await fetchWindows(client, plan, {
					...options,
					onSplit: (window) =>
						this.logger.warn(
							`WeChat Official Account: WeChat rejected ${describeWindow(window)} for ${api.endpoint} although it is within the documented ${api.span}-day span; fetching it in smaller windows`,
						),
				});
				const rows = collectRows(plan, responses, options);
				for (const row of rows) output.push({ json: row, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, itemIndex, client.session.secrets());
				if (this.continueOnFail()) {
					output.push({
						json: { error: nodeError.message, description: nodeError.description ?? undefined },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw nodeError;
			}
		}
		return [output];
	}
}
