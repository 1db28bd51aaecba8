/**
 * Check Account: a diagnostic of the credential's Official Account. It runs once per execution and
 * outputs one item per check (account/findings.ts); what the checks find is output, the operation
 * fails only when it cannot run at all (no credential, execution stopped).
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { accountProperties, accountResourceOption, ACCOUNT_RESOURCE, CHECK_OPERATION } from '../account/description';
import { countByStatus } from '../account/findings';
import { checkAccount } from '../account/runChecks';
import { readOptions } from '../readOptions';
import { redact } from '../../wechat/redact';
import { kindToolDescriptionProperty } from '../tool/kindToolText';
import { DatacubeClient } from '../transport/DatacubeClient';
import { Hints } from './hints';
import { failedItem } from './itemError';
import type { OperationKind } from './kind';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

async function execute(this: IExecuteFunctions, _items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	if (operation !== CHECK_OPERATION) {
		throw new NodeOperationError(
			this.getNode(),
			`Operation "${String(operation).slice(0, 40)}" of resource "${ACCOUNT_RESOURCE}" is not supported`,
			{ description: 'Open the node and pick an operation from the list' },
		);
	}
	const client = new DatacubeClient(this);
	const signal = this.getExecutionCancelSignal?.();
	// The node's defaults: Parallel Requests, attempts, waits and timeout.
	const { parallelRequests, maxAttempts, retryDelayMs, quotaWaitMs, timeoutMs } = readOptions({});
	try {
		const result = await checkAccount(client, {
			now: Date.now(),
			parallelRequests,
			retry: { maxAttempts, retryDelayMs, quotaWaitMs, timeoutMs, signal },
		});
		if ('cannotRun' in result) return [failedItem(this, result.cannotRun, 0, client.session.secrets(), signal)];
		const findings = result.findings;
		const secrets = client.session.secrets();
		const counts = countByStatus(findings);
		const hints = new Hints();
		const problems = findings.filter((finding) => finding.status !== 'ok').map((finding) => finding.check);
		hints.add(
			problems.length
				? `Check Account: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} (${problems.join(', ')}); each item's remedy says what to do`
				: `Check Account: all ${findings.length} checks are ok`,
			counts.error + counts.warning > 0 ? 'warning' : 'info',
		);
		hints.show(this);
		return findings.map((finding) => ({
			json: JSON.parse(redact(JSON.stringify(finding), secrets)),
			pairedItem: { item: 0 },
		}));
	} catch (error) {
		return [failedItem(this, error, 0, client.session.secrets(), signal)];
	}
}

export const account: OperationKind = {
	resources: [accountResourceOption],
	properties: [...accountProperties, kindToolDescriptionProperty(ACCOUNT_RESOURCE, CHECK_OPERATION)],
	execute,
};
