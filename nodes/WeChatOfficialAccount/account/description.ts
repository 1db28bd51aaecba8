/** Check Account's entry in the Resource picker and its parameters (values are saved in workflows: never rename). */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { CHECK_REQUESTS, FAMILIES, QUOTA_APIS } from './families';

export const ACCOUNT_RESOURCE = 'account';
export const CHECK_OPERATION = 'check';

export const accountResourceOption: INodePropertyOptions = {
	name: 'Account',
	value: ACCOUNT_RESOURCE,
	description:
		'Check what this Official Account can do: token, IP whitelist, verification, each statistics resource and the daily quotas',
};

export const accountProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [ACCOUNT_RESOURCE] } },
		options: [
			{
				name: 'Check Account',
				value: CHECK_OPERATION,
				description:
					'Diagnose the account: one item per check with status ok, warning or error, what was found and what to do. Fails only when it cannot run at all.',
				action: 'Check what the account can do',
			},
		],
		default: CHECK_OPERATION,
	},
	{
		displayName: `Runs once per execution, whatever the input, and makes ${CHECK_REQUESTS} small requests: one for the latest day WeChat serves per resource (${FAMILIES.length}) and one quota query per statistics API (${QUOTA_APIS.length}), plus a token request when none is stored. Each statistics request counts against that API's daily quota.`,
		name: 'checkNotice',
		type: 'notice',
		displayOptions: { show: { resource: [ACCOUNT_RESOURCE] } },
		default: '',
	},
];
