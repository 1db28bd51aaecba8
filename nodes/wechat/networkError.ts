/**
 * Describes a failed HTTP call in words. Node's error codes are turned into plain phrases: n8n
 * replaces any error message that contains a code such as ECONNREFUSED with a generic sentence,
 * which would hide which request failed.
 */

const PHRASES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed unexpectedly',
	ECONNABORTED: 'no answer within the timeout',
	ETIMEDOUT: 'no answer within the timeout',
	ESOCKETTIMEDOUT: 'no answer within the timeout',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection was closed while sending',
};

/** The error and its `cause`s (n8n wraps errors in NodeApiError), at most 8 deep. */
export function causeChain(error: unknown): unknown[] {
	const out: unknown[] = [];
	for (let current = error; current && out.length < 8; current = (current as { cause?: unknown }).cause) {
		out.push(current);
	}
	return out;
}

export function describeNetworkError(error: unknown): string {
	for (const entry of causeChain(error)) {
		const code = (entry as { code?: unknown }).code;
		if (typeof code === 'string' && PHRASES[code]) return PHRASES[code];
	}
	for (const entry of causeChain(error)) {
		const message = (entry as { message?: unknown }).message;
		if (typeof message === 'string') {
			if (/timeout/i.test(message)) return 'no answer within the timeout';
			if (/socket hang up/i.test(message)) return 'the connection was closed unexpectedly';
		}
	}
	return 'the request failed';
}
