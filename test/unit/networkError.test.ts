import { causeChain, describeNetworkError } from '../../nodes/wechat/networkError';

const withCode = (code: string, message = `x ${code}`) => Object.assign(new Error(message), { code });

describe('causeChain', () => {
	it('the error and its causes, at most 8', () => {
		const inner = new Error('inner');
		const outer = Object.assign(new Error('outer'), { cause: inner });
		expect(causeChain(outer)).toEqual([outer, inner]);
		expect(causeChain(undefined)).toEqual([]);
		expect(causeChain('text')).toEqual(['text']);
		let deep: unknown = new Error('0');
		for (let i = 1; i < 12; i++) deep = Object.assign(new Error(String(i)), { cause: deep });
		expect(causeChain(deep).map((e) => (e as Error).message)).toEqual(['11', '10', '9', '8', '7', '6', '5', '4']);
	});
});

describe('describeNetworkError', () => {
	it.each([
		['ECONNREFUSED', 'the connection was refused'],
		['ECONNRESET', 'the connection was closed unexpectedly'],
		['ECONNABORTED', 'no answer within the timeout'],
		['ETIMEDOUT', 'no answer within the timeout'],
		['ESOCKETTIMEDOUT', 'no answer within the timeout'],
		['ENOTFOUND', 'the host name was not found'],
		['EAI_AGAIN', 'the host name could not be looked up'],
		['EHOSTUNREACH', 'the host is unreachable'],
		['ENETUNREACH', 'the network is unreachable'],
		['EPIPE', 'the connection was closed while sending'],
	])('%s: %s', (code, phrase) => {
		expect(describeNetworkError(withCode(code, 'socket hang up'))).toBe(phrase);
	});

	it('finds the code in a cause, before any message', () => {
		const wrapped = Object.assign(new Error('timeout of 30000ms exceeded'), { cause: withCode('ENOTFOUND') });
		expect(describeNetworkError(wrapped)).toBe('the host name was not found');
	});

	it('unknown or non-string codes fall back to the message', () => {
		expect(describeNetworkError(withCode('EWHATEVER', 'Timeout awaiting response'))).toBe(
			'no answer within the timeout',
		);
		expect(describeNetworkError(Object.assign(new Error('socket hang up'), { code: 404 }))).toBe(
			'the connection was closed unexpectedly',
		);
		expect(describeNetworkError(Object.assign(new Error('wrapped'), { cause: new Error('Socket Hang Up') }))).toBe(
			'the connection was closed unexpectedly',
		);
	});

	it('anything else: the request failed', () => {
		expect(describeNetworkError(new Error('Request failed with status code 502'))).toBe('the request failed');
		expect(describeNetworkError({ message: 42 })).toBe('the request failed');
		expect(describeNetworkError(undefined)).toBe('the request failed');
	});
});
