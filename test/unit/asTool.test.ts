/**
 * A tool's error as the model reads it. n8n's SupplyDataContext answers isToolExecution() true for a node run
 * through an ai_tool connection, ExecuteContext false; n8n before 1.9x has no such method.
 */
import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';
import { withRemedyForModel } from '../../nodes/WeChatOfficialAccount/tool/asTool';

const node = { name: 'WeChat follower growth', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const context = (isToolExecution?: () => boolean) => ({ isToolExecution }) as unknown as IExecuteFunctions;
const error = () =>
	new NodeOperationError(node, 'Start Date "24.11.2026" is not a date', { description: 'Use YYYY-MM-DD' });

describe('withRemedyForModel', () => {
	it('as a tool: the remedy joins the message (n8n in queue mode sends the model only the message), once', () => {
		const once = withRemedyForModel(
			context(() => true),
			error(),
		);
		expect(once.message).toBe('Start Date "24.11.2026" is not a date. Use YYYY-MM-DD');
		expect(
			withRemedyForModel(
				context(() => true),
				once,
			).message,
		).toBe(once.message);
	});

	it('in a workflow, or in an n8n without isToolExecution: unchanged', () => {
		expect(
			withRemedyForModel(
				context(() => false),
				error(),
			).message,
		).toBe('Start Date "24.11.2026" is not a date');
		expect(withRemedyForModel(context(), error()).message).toBe('Start Date "24.11.2026" is not a date');
	});
});
