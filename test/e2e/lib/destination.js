/**
 * A destination for rows, standing in for Google Sheets or Postgres: an HTTP server on 127.0.0.1 (free port) that an
 * n8n HTTP Request node POSTs each row to. It keeps what it stored; while `down`, it answers 503 and stores nothing
 * (the destination is unavailable, so the workflow fails after the WeChat node has output its rows).
 */
const http = require('node:http');

async function startDestination() {
	const stored = [];
	let down = false;
	let refused = 0;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const answer = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method !== 'POST' || req.url !== '/rows') return answer(404, { error: 'not found' });
			if (down) {
				refused += 1;
				return answer(503, { error: 'destination unavailable' });
			}
			try {
				stored.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			} catch {
				return answer(400, { error: 'not JSON' });
			}
			answer(200, { stored: true });
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		/** Makes the destination unavailable (true) or available again (false). */
		setDown(value) {
			down = value;
		},
		/** Rows stored since the last call, and requests refused since the last call; both counters start again. */
		take() {
			const result = { rows: stored.splice(0), refused };
			refused = 0;
			return result;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { startDestination };
