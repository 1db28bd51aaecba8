'use strict';
// WeChat error answers: HTTP 200 + {"errcode":N,"errmsg":"... rid: <hex>"}.

const crypto = require('crypto');

const MESSAGES = {
	'-1': 'system error',
	40001: 'invalid credential, access_token is invalid or not latest',
	40002: 'invalid grant_type',
	40013: 'invalid appid',
	40014: 'invalid access_token',
	40125: 'invalid appsecret',
	41001: 'access_token missing',
	41002: 'appid missing',
	41004: 'appsecret missing',
	42001: 'access_token expired',
	43002: 'require POST method',
	45009: 'reach max api daily quota limit',
	45011: 'api minute-quota reach limit  mustslower  retry next minute',
	47001: 'data format error',
	47009: 'this api is offline, please use the new api',
	48001: 'api unauthorized',
	61500: 'date format error',
	61501: 'date range error',
	61503: 'data not ready, please try later',
	76021: 'cgi_path not found, please check',
	89503: 'this IP calls require administrator confirmation',
};

/** A request id like WeChat's: three groups of 8 hex digits. */
function rid() {
	const h = crypto.randomBytes(12).toString('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16)}`;
}

function wxError(errcode, message) {
	const text = message || MESSAGES[errcode] || 'simulated error';
	return { errcode, errmsg: `${text} rid: ${rid()}` };
}

/** 40164 naming the caller's address the way WeChat does. */
function ipError(remoteAddress) {
	const v4 = String(remoteAddress || '127.0.0.1').replace(/^::ffff:/, '');
	return wxError(40164, `invalid ip ${v4} ipv6 ::ffff:${v4}, not in whitelist`);
}

/** A retired API (47009), worded exactly as 2026 clients quote WeChat's answer (WECHAT-2026.md §1). */
function retiredError() {
	return { errcode: 47009, errmsg: MESSAGES[47009] };
}

module.exports = { MESSAGES, rid, wxError, ipError, retiredError };
