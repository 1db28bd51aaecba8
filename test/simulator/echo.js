'use strict';
// echoSecrets: answers that carry the caller's secrets back, the way WeChat's errmsg texts and proxies
// in front of it do, so that a client's redaction is tested on real text.
//   errmsg   - error answers name the access_token (datacube, get_api_domain_ip) or the AppID and
//              App Secret (token endpoints) inside errmsg, still HTTP 200 JSON with errcode.
//   html     - HTTP 502 HTML page of a proxy that prints the request line (URL with ?access_token= or
//              &secret=) and the request body.
//   redirect - HTTP 302 to {sim}/proxy/login?return=<the request URL>&access_token=..&appsecret=..;
//              that page answers 403 HTML printing the same URL.

const { MESSAGES, rid } = require('./errors');

const TOKEN_TEXT = {
	40001: (c) => `invalid credential, access_token is ${c.token}`,
	40014: (c) => `invalid access_token ${c.token}`,
	42001: (c) => `access_token expired, access_token is ${c.token}`,
};
const SECRET_TEXT = {
	40125: (c) => `invalid appsecret ${c.secret}`,
	40013: (c) => `invalid appid ${c.appId}, appsecret ${c.secret}`,
};

/** errmsg naming the secrets this request carried (c: { token, secret, appId, isTokenEndpoint }). */
function echoErrmsg(errcode, original, c) {
	const base = String(original || MESSAGES[errcode] || 'error').replace(/ rid: [0-9a-f-]+$/, '');
	let text = null;
	if (c.isTokenEndpoint) {
		if (c.secret)
			text = SECRET_TEXT[errcode] ? SECRET_TEXT[errcode](c) : `${base}, appid ${c.appId} appsecret ${c.secret}`;
	} else if (c.token) {
		text = TOKEN_TEXT[errcode] ? TOKEN_TEXT[errcode](c) : `${base}, access_token is ${c.token}`;
	}
	return text === null ? original : `${text} rid: ${rid()}`;
}

const escapeHtml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(code, title, lines) {
	const body = lines.map((l) => `<p>${escapeHtml(l)}</p>\r\n`).join('');
	return (
		`<html>\r\n<head><title>${code} ${title}</title></head>\r\n<body>\r\n<center><h1>${code} ${title}</h1></center>\r\n` +
		`${body}<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
	);
}

/** The proxy's 502 page: request line with the full URL, and the body when there is one. */
function htmlAnswer(c) {
	const lines = [`upstream timed out while reading response header, request: "${c.method} ${c.url} HTTP/1.1"`];
	if (c.body) lines.push(`request body: ${c.body}`);
	return { status: 502, type: 'text/html', text: page(502, 'Bad Gateway', lines) };
}

/** 302 to the proxy's login page, its Location carrying the request URL, the token and the secret. */
function redirectAnswer(c) {
	const q = new URLSearchParams({ return: c.url });
	if (c.token) q.set('access_token', c.token);
	if (c.secret) q.set('appsecret', c.secret);
	const location = `${c.origin}/proxy/login?${q}`;
	return {
		status: 302,
		type: 'text/html',
		text: page(302, 'Found', [`Moved to ${location}`]),
		headers: { Location: location },
	};
}

/** Where a followed redirect lands: 403 printing the URL it was given (secrets included). */
function proxyLoginAnswer(fullUrl) {
	return { status: 403, type: 'text/html', text: page(403, 'Forbidden', [`proxy login required for ${fullUrl}`]) };
}

module.exports = { echoErrmsg, htmlAnswer, redirectAnswer, proxyLoginAnswer };
