/**
 * A local stand-in for the group bots the report examples post to, and for quickchart.io, on 127.0.0.1.
 * Each request is recorded with the problems found in it against the bot's documented format and limits
 * (../shared/reference WECHAT-2026.md §4 WeCom, §5 Feishu; Slack's incoming webhooks), and answered as
 * the bot answers: WeCom `{errcode, errmsg}`, Feishu `{code, msg}`, Slack `ok` / HTTP 400.
 *
 *   POST /wecom/cgi-bin/webhook/send?key=K       msgtype markdown (content <= 4096 bytes) or image (base64, md5, <= 2 MB)
 *   POST /feishu/open-apis/bot/v2/hook/<token>  msg_type text | post | interactive | image | share_chat, body <= 20 KB,
 *                                               timestamp (seconds, within 1 h) + sign = base64(HMAC-SHA256(key =
 *                                               timestamp + "\n" + secret, message "")) when the bot has a secret
 *   POST /slack/services/<T>/<B>/<X>             text and/or blocks (markdown block text <= 12,000 characters)
 *   GET  https://quickchart.io/chart?chart=...   through the proxy below: a PNG of the chart's datasets
 *
 * quickchart.io is reached the way n8n reaches any host through a proxy: n8n runs with HTTPS_PROXY pointing
 * here, and the CONNECT tunnel for quickchart.io:443 is answered with TLS from a certificate of a throwaway
 * CA (NODE_EXTRA_CA_CERTS). Any other CONNECT target is refused: nothing leaves the machine.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const tls = require('node:tls');
const zlib = require('node:zlib');
const { execFileSync } = require('node:child_process');

const QUICKCHART_HOST = 'quickchart.io';
const WECOM_MARKDOWN_BYTES = 4096;
const WECOM_IMAGE_BYTES = 2 * 1024 * 1024;
const FEISHU_BODY_BYTES = 20 * 1024;
const FEISHU_MSG_TYPES = ['text', 'post', 'interactive', 'image', 'share_chat'];
const SLACK_MARKDOWN_CHARS = 12000;

/** A throwaway CA and a certificate for quickchart.io signed by it, in `dir`. */
function makeCertificates(dir) {
	const file = (name) => path.join(dir, name);
	const ssl = (...args) => execFileSync('openssl', args, { stdio: 'pipe' });
	ssl(
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-subj',
		'/CN=e2e throwaway CA',
		'-days',
		'2',
		'-keyout',
		file('ca.key'),
		'-out',
		file('ca.pem'),
	);
	fs.writeFileSync(file('san.ext'), `subjectAltName=DNS:${QUICKCHART_HOST}\n`);
	ssl(
		'req',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-subj',
		`/CN=${QUICKCHART_HOST}`,
		'-keyout',
		file('leaf.key'),
		'-out',
		file('leaf.csr'),
	);
	ssl(
		'x509',
		'-req',
		'-in',
		file('leaf.csr'),
		'-CA',
		file('ca.pem'),
		'-CAkey',
		file('ca.key'),
		'-CAcreateserial',
		'-out',
		file('leaf.pem'),
		'-days',
		'2',
		'-extfile',
		file('san.ext'),
	);
	return { ca: file('ca.pem'), key: fs.readFileSync(file('leaf.key')), cert: fs.readFileSync(file('leaf.pem')) };
}

/** Feishu's signature: base64(HMAC-SHA256 with key timestamp + "\n" + secret over an empty message). */
function feishuSign(timestamp, secret) {
	return crypto.createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

function checkWeCom(body) {
	const problems = [];
	if (body.msgtype === 'markdown') {
		const content = body.markdown?.content;
		if (typeof content !== 'string' || content === '') problems.push('markdown.content is not a non-empty string');
		else if (Buffer.byteLength(content, 'utf8') > WECOM_MARKDOWN_BYTES)
			problems.push(`markdown.content is ${Buffer.byteLength(content, 'utf8')} bytes (> ${WECOM_MARKDOWN_BYTES})`);
	} else if (body.msgtype === 'image') {
		const { base64, md5 } = body.image || {};
		const raw = typeof base64 === 'string' ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
		if (raw.length === 0) problems.push('image.base64 is empty');
		if (raw.length > WECOM_IMAGE_BYTES) problems.push(`image is ${raw.length} bytes (> 2 MB)`);
		const isPng = raw.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		const isJpg = raw[0] === 0xff && raw[1] === 0xd8;
		if (raw.length && !isPng && !isJpg) problems.push('image is neither PNG nor JPG');
		if (md5 !== crypto.createHash('md5').update(raw).digest('hex'))
			problems.push('image.md5 is not the md5 of the image');
	} else problems.push(`msgtype ${JSON.stringify(body.msgtype)} is not markdown or image`);
	return problems;
}

function checkFeishu(body, raw, secret, nowMs) {
	const problems = [];
	if (raw.length > FEISHU_BODY_BYTES) problems.push(`body is ${raw.length} bytes (> 20 KB)`);
	if (!FEISHU_MSG_TYPES.includes(body.msg_type)) problems.push(`msg_type ${JSON.stringify(body.msg_type)} is unknown`);
	if (body.msg_type === 'interactive') {
		if (!body.card || typeof body.card !== 'object') problems.push('interactive: no top-level card');
		if (body.content !== undefined) problems.push('interactive: the card belongs at the top level, not in content');
		const elements = body.card?.elements ?? body.card?.body?.elements;
		if (!Array.isArray(elements) || elements.length === 0) problems.push('interactive: the card has no elements');
	}
	if (body.msg_type === 'post') {
		const langs = Object.values(body.content?.post || {});
		if (!langs.length || !langs.every((l) => Array.isArray(l.content) && l.content.every(Array.isArray)))
			problems.push('post: content.post.<lang>.content must be a list of lines (lists)');
	}
	if (secret) {
		const ts = Number(body.timestamp);
		if (typeof body.timestamp !== 'string' || !/^\d{10}$/.test(body.timestamp))
			problems.push(`timestamp ${JSON.stringify(body.timestamp)} is not a string of seconds`);
		else if (Math.abs(nowMs / 1000 - ts) > 3600) problems.push('timestamp is not within one hour');
		if (body.sign !== feishuSign(body.timestamp, secret)) problems.push('sign does not match');
	}
	return problems;
}

function checkSlack(body) {
	const problems = [];
	if (typeof body.text !== 'string' && !Array.isArray(body.blocks)) problems.push('neither text nor blocks');
	for (const block of body.blocks || []) {
		if (!['markdown', 'section', 'header', 'image', 'context', 'divider', 'actions'].includes(block.type))
			problems.push(`block type ${JSON.stringify(block.type)}`);
		if (block.type === 'markdown' && (typeof block.text !== 'string' || block.text.length > SLACK_MARKDOWN_CHARS))
			problems.push('markdown block text missing or longer than 12,000 characters');
		if (block.type === 'image' && !(block.image_url || block.slack_file)) problems.push('image block without image');
	}
	return problems;
}

/** A small PNG (no text): white, a frame, one polyline per dataset, scaled to the data. */
function renderChartPng(chart, width = 500, height = 300) {
	const pixels = Buffer.alloc(width * height * 3, 255);
	const put = (x, y, [r, g, b]) => {
		if (x < 0 || y < 0 || x >= width || y >= height) return;
		const i = (Math.round(y) * width + Math.round(x)) * 3;
		pixels[i] = r;
		pixels[i + 1] = g;
		pixels[i + 2] = b;
	};
	const line = (x0, y0, x1, y1, color) => {
		const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
		for (let s = 0; s <= steps; s++) {
			const x = x0 + ((x1 - x0) * s) / steps;
			const y = y0 + ((y1 - y0) * s) / steps;
			put(x, y, color);
			put(x, y + 1, color);
		}
	};
	const pad = 30;
	const grey = [200, 200, 200];
	line(pad, height - pad, width - pad, height - pad, grey);
	line(pad, pad, pad, height - pad, grey);
	const datasets = chart?.data?.datasets ?? [];
	const values = datasets.flatMap((d) => (d.data || []).filter((v) => typeof v === 'number'));
	const top = Math.max(1, ...values);
	const bottom = Math.min(0, ...values);
	const colors = [
		[54, 162, 235],
		[255, 99, 132],
		[75, 192, 192],
	];
	datasets.forEach((dataset, k) => {
		const data = dataset.data || [];
		const xOf = (i) => pad + ((width - 2 * pad) * i) / Math.max(1, data.length - 1);
		const yOf = (v) => height - pad - ((height - 2 * pad) * (v - bottom)) / (top - bottom || 1);
		for (let i = 1; i < data.length; i++) {
			if (typeof data[i - 1] === 'number' && typeof data[i] === 'number')
				line(xOf(i - 1), yOf(data[i - 1]), xOf(i), yOf(data[i]), colors[k % colors.length]);
		}
		for (let x = 0; x < 16; x++) for (let y = 0; y < 6; y++) put(width - pad - 120 + 60 * k + x, 10 + y, colors[k % 3]);
	});
	const rows = [];
	for (let y = 0; y < height; y++) rows.push(Buffer.from([0]), pixels.subarray(y * width * 3, (y + 1) * width * 3));
	const chunk = (type, data) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // truecolour RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/**
 * Starts the recorder. `feishuSecret`: the bot's signing secret (null: the bot does not check signatures);
 * `renderChart(chart, width, height)`: the PNG for a chart (default: renderChartPng; the screenshots draw it in Chromium).
 * Resolves { url, proxyUrl, caFile, requests, reset(), close() }; each request record is
 * { bot, path, body, bytes, problems }.
 */
async function startBotRecorder({
	dir,
	feishuSecret = null,
	now = () => Date.now(),
	renderChart = renderChartPng,
} = {}) {
	const certs = makeCertificates(dir);
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks);
			const url = new URL(req.url, 'http://recorder');
			const host = (req.headers.host || '').split(':')[0];
			const record = { bot: null, path: url.pathname, method: req.method, bytes: raw.length, problems: [] };
			requests.push(record);
			const json = () => {
				try {
					return JSON.parse(raw.toString('utf8'));
				} catch {
					record.problems.push('body is not JSON');
					return {};
				}
			};
			const send = (status, body, type = 'application/json') => {
				res.writeHead(status, { 'content-type': type });
				res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
			};
			if (host === QUICKCHART_HOST && url.pathname === '/chart') {
				record.bot = 'quickchart';
				try {
					record.body = JSON.parse(url.searchParams.get('chart'));
				} catch {
					record.problems.push('chart is not JSON');
				}
				record.query = Object.fromEntries(url.searchParams);
				const png = await renderChart(
					record.body,
					Number(url.searchParams.get('width')) || 500,
					Number(url.searchParams.get('height')) || 300,
				);
				return send(200, png, 'image/png');
			}
			if (url.pathname === '/wecom/cgi-bin/webhook/send') {
				record.bot = 'wecom';
				record.body = json();
				if (!url.searchParams.get('key')) record.problems.push('no key in the URL');
				if (!/application\/json/.test(req.headers['content-type'] || ''))
					record.problems.push('content-type is not JSON');
				record.problems.push(...checkWeCom(record.body));
				return send(
					200,
					record.problems.length ? { errcode: 40008, errmsg: record.problems[0] } : { errcode: 0, errmsg: 'ok' },
				);
			}
			if (url.pathname.startsWith('/feishu/open-apis/bot/v2/hook/')) {
				record.bot = 'feishu';
				record.body = json();
				record.problems.push(...checkFeishu(record.body, raw, feishuSecret, now()));
				const signFail = record.problems.some((p) => /sign|timestamp/.test(p));
				return send(
					200,
					record.problems.length
						? { code: signFail ? 19021 : 9499, msg: record.problems[0], data: {} }
						: { code: 0, msg: 'success', data: {} },
				);
			}
			if (url.pathname.startsWith('/slack/services/')) {
				record.bot = 'slack';
				record.body = json();
				record.problems.push(...checkSlack(record.body));
				return record.problems.length ? send(400, 'invalid_payload', 'text/plain') : send(200, 'ok', 'text/plain');
			}
			record.problems.push('unknown path');
			return send(404, { error: 'not found' });
		});
	});
	// CONNECT quickchart.io:443: TLS here, requests into the server above. Anything else: refused.
	server.on('connect', (req, socket) => {
		const [host, port] = req.url.split(':');
		if (host !== QUICKCHART_HOST || port !== '443') {
			requests.push({ bot: 'refused', path: req.url, problems: [`CONNECT to ${req.url} refused`] });
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		const secure = new tls.TLSSocket(socket, { isServer: true, key: certs.key, cert: certs.cert });
		server.emit('connection', secure);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		proxyUrl: url,
		caFile: certs.ca,
		requests,
		reset: () => requests.splice(0),
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { startBotRecorder, feishuSign, renderChartPng, checkWeCom, checkFeishu, checkSlack };
