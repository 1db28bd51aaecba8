'use strict';
// Tiny token + data API on 127.0.0.1 (random port) for harness.test.js, WeChat style: errors are HTTP 200
// with { errcode, errmsg }. GET /cgi-bin/token issues tok-1, tok-2, ... (the newest only is valid);
// GET /api/data, /api/strict (401 on a bad token) and /api/ping need ?access_token=; /api/quota always fails with 45009.
const http = require('node:http');

async function startFixtureServer({ appId = 'app-id', appSecret = 'app-secret' } = {}) {
	const state = { tokensIssued: 0, validToken: undefined, requests: [] };
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		state.requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams) });
		const send = (body) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const tokenOk = () => url.searchParams.get('access_token') === state.validToken && state.validToken !== undefined;
		switch (url.pathname) {
			case '/cgi-bin/token':
				if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== appSecret) {
					return send({ errcode: 40125, errmsg: 'invalid appsecret' });
				}
				state.validToken = `tok-${++state.tokensIssued}`;
				return send({ access_token: state.validToken, expires_in: 7200 });
			case '/api/data':
				return send(
					tokenOk()
						? { list: [{ n: 1 }, { n: 2 }], token: state.validToken }
						: { errcode: 40001, errmsg: 'invalid credential' },
				);
			case '/api/strict': // like /api/data, but a bad token gets HTTP 401 (n8n then refreshes by itself)
				if (tokenOk()) return send({ list: [{ n: 1 }], token: state.validToken });
				res.writeHead(401, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
			case '/api/ping':
				return send(tokenOk() ? { errcode: 0, errmsg: 'ok' } : { errcode: 40001, errmsg: 'invalid credential' });
			case '/api/quota':
				return send({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
			default:
				res.writeHead(404);
				return res.end();
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${server.address().port}`;
	return {
		baseUrl,
		state,
		/** makes the current token invalid, as WeChat does when someone else fetches a new one */
		revokeToken: () => {
			state.validToken = 'revoked';
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(resolve);
			}),
	};
}

module.exports = { startFixtureServer };
