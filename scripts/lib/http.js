'use strict';
/** A minimal HTTP client for the local services of the tooling (n8n, the simulator): no proxies, no keep-alive. */
const http = require('node:http');

/**
 * request('GET', 'http://127.0.0.1:5678/healthz', { body, cookie, timeoutMs }) resolves { status, headers, text,
 * json } (json: the parsed body, or undefined when it is not JSON). A body is sent as JSON.
 */
function request(method, url, { body, cookie, timeoutMs = 5000 } = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const req = http.request(
			url,
			{
				method,
				agent: false,
				timeout: timeoutMs,
				headers: {
					accept: 'application/json',
					...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
					...(cookie ? { cookie } : {}),
				},
			},
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, text, json });
				});
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timeout after ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(data);
	});
}

/** Logs in to n8n's REST API; resolves the session cookie, rejects when the login fails. */
async function n8nLogin(baseUrl, email, password) {
	const res = await request('POST', `${baseUrl}/rest/login`, { body: { emailOrLdapLoginId: email, password } });
	if (res.status !== 200)
		throw new Error(`POST /rest/login as ${email} answered ${res.status}: ${res.text.slice(0, 300)}`);
	return (res.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
}

module.exports = { request, n8nLogin };
