import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CredentialSettingsError } from '../../nodes/wechat/connection';
import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import { RangeFetchError } from '../../nodes/WeChatOfficialAccount/fetchWindows';
import { RowShapeError } from '../../nodes/WeChatOfficialAccount/rows/collectRows';
import { toNodeError } from '../../nodes/WeChatOfficialAccount/toNodeError';
import { DatacubeError } from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';
import { testNode } from './support/scriptedContext';

const node = testNode();
const SECRET = 'the-app-secret-123';
const TOKEN = 'the-token-456';
const secrets = [SECRET, TOKEN];
const window = { begin: '2024-01-01', end: '2024-01-07' };

function rangeError(cause: Error): RangeFetchError {
	return new RangeFetchError(cause, window, [], 2, 3);
}

describe('toNodeError', () => {
	it('a PlanError becomes a NodeOperationError with its hint and the item index', () => {
		const error = toNodeError(
			node,
			new PlanError('Start Date', 'Start Date is not a date', 'Use YYYY-MM-DD'),
			3,
			secrets,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Start Date is not a date');
		expect(error.description).toBe('Use YYYY-MM-DD');
		expect(error.context.itemIndex).toBe(3);
		expect(error.node).toBe(node);
	});

	it('a CredentialSettingsError becomes a NodeOperationError with its hint', () => {
		const error = toNodeError(node, new CredentialSettingsError('Base URL is not a URL', 'Use https://'), 1, secrets);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).toMatchObject({ message: 'Base URL is not a URL', description: 'Use https://' });
		expect(error.context.itemIndex).toBe(1);
	});

	it('a range that failed with an errcode becomes a NodeApiError with the errcode as code, redacted', () => {
		const cause = new DatacubeError('fatal', `WeChat returned an error ${TOKEN}`, `WeChat said: "${SECRET}"`, 48001);
		const error = toNodeError(node, rangeError(cause), 2, secrets) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not fetch 2024-01-01 to 2024-01-07: WeChat returned an error ***');
		expect(error.description).toBe(`WeChat said: "***" ${rangeError(cause).summary()}`);
		expect(error.httpCode).toBe('48001');
		expect(error.context.itemIndex).toBe(2);
		expect(error.errorResponse).toEqual({ message: 'WeChat returned an error ***', errcode: 48001 });
		expect(JSON.stringify(error)).not.toMatch(/the-app-secret|the-token/);
	});

	it('an HTTP failure keeps its status as code', () => {
		const cause = new DatacubeError(
			'fatal',
			'HTTP 302 from https://proxy.example/x',
			'Check the Base URL',
			undefined,
			'302',
		);
		const error = toNodeError(node, rangeError(cause), 0, secrets) as NodeApiError;
		expect(error.httpCode).toBe('302');
		expect(error.errorResponse).toStrictEqual({ message: 'HTTP 302 from https://proxy.example/x' });
	});

	it('the HTTP status wins over an errcode', () => {
		const cause = new DatacubeError('fatal', 'm', 'd', 1, '500');
		expect((toNodeError(node, rangeError(cause), 0, secrets) as NodeApiError).httpCode).toBe('500');
	});

	it('a failure without errcode or status has no code', () => {
		const cause = new DatacubeError('exhausted', 'WeChat kept failing', 'Run again later');
		const error = toNodeError(node, rangeError(cause), 0, secrets) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBeNull();
		expect(error.errorResponse).toStrictEqual({ message: 'WeChat kept failing' });
	});

	it('a range that failed with another error becomes a NodeOperationError with the summary, redacted', () => {
		const range = rangeError(new TypeError(`bad ${SECRET}`));
		const error = toNodeError(node, range, 4, secrets);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Could not fetch 2024-01-01 to 2024-01-07: bad ***');
		expect(error.description).toBe(range.summary());
		expect(error.context.itemIndex).toBe(4);
	});

	it('the summary of such a range is redacted too', () => {
		const range = rangeError(new TypeError('bad'));
		jest.spyOn(range, 'summary').mockReturnValue(`windows access_token=${TOKEN}`);
		expect(toNodeError(node, range, 0, secrets).description).toBe('windows access_token=***');
	});

	it('a RowShapeError becomes a NodeOperationError, redacted', () => {
		const error = toNodeError(node, new RowShapeError(`row without ref_date: {"x":"${TOKEN}"}`), 5, secrets);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('row without ref_date: {"x":"***"}');
		expect(error.context.itemIndex).toBe(5);
	});

	it('n8n errors are re-issued for the item, message and description redacted', () => {
		const api = new NodeApiError(node, { message: 'x' }, { message: `api ${TOKEN}`, description: `desc ${SECRET}` });
		const fromApi = toNodeError(node, api, 6, secrets);
		expect(fromApi).toBeInstanceOf(NodeOperationError);
		expect(fromApi).toMatchObject({ message: 'api ***', description: 'desc ***' });
		expect(fromApi.context.itemIndex).toBe(6);
		const operation = new NodeOperationError(node, `op ${SECRET}`);
		const fromOperation = toNodeError(node, operation, 7, secrets);
		expect(fromOperation).not.toBe(operation);
		expect(fromOperation.message).toBe('op ***');
		expect(fromOperation.description).toBeFalsy();
		expect(fromOperation.context.itemIndex).toBe(7);
	});

	it('an empty description stays empty', () => {
		const operation = new NodeOperationError(node, 'op', { description: '' });
		expect(toNodeError(node, operation, 0, secrets).description).toBeFalsy();
	});

	it('anything else becomes a NodeOperationError with its message, redacted', () => {
		const error = toNodeError(node, new Error(`boom ${TOKEN}`), 8, secrets);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('boom ***');
		expect(error.context.itemIndex).toBe(8);
		expect(toNodeError(node, `text ${SECRET}`, 0, secrets).message).toBe('text ***');
	});
});
