/**
 * An MCP client as Claude Desktop or Cursor would be one: the official TypeScript SDK's Client over Streamable
 * HTTP (what n8n's MCP Server Trigger v2+ serves at POST <webhook url>/mcp/<path>), with a fetch that keeps a copy
 * of every byte the server sends (headers and bodies, SSE streams included) for the secret sweep.
 */
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

/** fetch that records the response headers and body text into `received` (the body read from a tee). */
function recordingFetch(received) {
	return async (url, init) => {
		const res = await fetch(url, init);
		received.push(`HTTP ${res.status} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`);
		if (!res.body) return res;
		const [forClient, forRecord] = res.body.tee();
		const index = received.push('') - 1;
		(async () => {
			const reader = forRecord.getReader();
			const decoder = new TextDecoder();
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				received[index] += decoder.decode(value, { stream: true });
			}
		})().catch(() => undefined);
		return new Response(forClient, { status: res.status, statusText: res.statusText, headers: res.headers });
	};
}

/** Connects (initialize + initialized); resolves { client, received, serverInfo, close() }. */
async function connectMcp(url, { bearer, name = 'n8n-nodes-wechat-analytics e2e' } = {}) {
	const received = [];
	const transport = new StreamableHTTPClientTransport(new URL(url), {
		fetch: recordingFetch(received),
		requestInit: bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : undefined,
	});
	const client = new Client({ name, version: '1.0.0' });
	await client.connect(transport);
	return {
		client,
		received,
		serverInfo: client.getServerVersion(),
		instructions: client.getInstructions(),
		close: async () => {
			await transport.terminateSession().catch(() => undefined);
			await client.close();
		},
	};
}

/** The text of a tools/call result (its text content joined). */
const resultText = (result) =>
	(result.content || [])
		.filter((part) => part.type === 'text')
		.map((part) => part.text)
		.join('\n');

module.exports = { connectMcp, resultText };
