'use strict';
// Access tokens the WeChat way, bound to the account (AppID) that got them. /cgi-bin/token mints a
// new token on every call and the account's previous classic token dies `classicGraceMs` later (WeChat:
// "within ~5 minutes"; 0 = at once); /cgi-bin/stable_token hands out the same token while it is valid
// (independent of the classic one), and force_refresh kills the old one at once.
// Times come from the simulator clock.

const crypto = require('crypto');

const GRACE_MS = 5 * 60 * 1000;

class TokenStore {
	/**
	 * now: () => ms; ttlSeconds: lifetime of a new token; graceMs: () => ms the previous classic token
	 * survives a new one (read on every mint so it can change at runtime).
	 */
	constructor(now, ttlSeconds, graceMs = () => GRACE_MS) {
		this.now = now;
		this.ttlSeconds = ttlSeconds;
		this.graceMs = graceMs;
		this.records = new Map(); // token -> { appId, kind, expiresAt, deadAt }
		this.latestClassic = new Map(); // appId -> token
		this.stable = new Map(); // appId -> token
		this.issued = 0;
		this.listeners = new Set(); // (appId, token) => void, called after every mint
	}

	mint(kind, appId) {
		const t = this.now();
		for (const [old, rec] of this.records) if (t >= rec.deadAt) this.records.delete(old); // dead: 40001 either way
		const token = 'SIMTOKEN_' + crypto.randomBytes(24).toString('hex');
		this.records.set(token, { appId, kind, expiresAt: t + this.ttlSeconds * 1000, deadAt: Infinity });
		this.issued++;
		for (const fn of [...this.listeners]) fn(appId, token);
		return token;
	}

	/** /cgi-bin/token: always a new token; the account's previous classic one dies graceMs later. */
	classic(appId) {
		const prev = this.records.get(this.latestClassic.get(appId));
		if (prev) prev.deadAt = Math.min(prev.deadAt, this.now() + Math.max(0, Number(this.graceMs()) || 0));
		const token = this.mint('classic', appId);
		this.latestClassic.set(appId, token);
		return { access_token: token, expires_in: this.ttlSeconds };
	}

	/** /cgi-bin/stable_token: the same token while valid; force mints a new one and kills the old. */
	stableToken(appId, force) {
		const current = this.stable.get(appId);
		if (current && this.check(current) === 'ok' && !force) {
			const left = Math.floor((this.records.get(current).expiresAt - this.now()) / 1000);
			return { access_token: current, expires_in: left };
		}
		this.kill(current);
		const token = this.mint('stable', appId);
		this.stable.set(appId, token);
		return { access_token: token, expires_in: this.ttlSeconds };
	}

	/** 'ok' | 'missing' | 'invalid' (40001) | 'expired' (42001) */
	check(token) {
		if (!token) return 'missing';
		const rec = this.records.get(token);
		const t = this.now();
		if (!rec || t >= rec.deadAt) return 'invalid';
		if (t >= rec.expiresAt) return 'expired';
		return 'ok';
	}

	/** The AppID a token was issued to, or null. */
	owner(token) {
		const rec = token ? this.records.get(token) : undefined;
		return rec ? rec.appId : null;
	}

	/** The token dies now (later calls with it: 40001). */
	kill(token) {
		const rec = token ? this.records.get(token) : undefined;
		if (rec) rec.deadAt = Math.min(rec.deadAt, this.now());
	}

	/** The token expires now if it is valid (later calls with it: 42001). */
	expire(token) {
		if (this.check(token) === 'ok') this.records.get(token).expiresAt = this.now();
	}

	/** Every currently valid token becomes expired now. */
	expireAll() {
		for (const token of this.records.keys()) this.expire(token);
	}

	/** Calls fn(appId, token) after each new token; returns an unsubscribe function. */
	onMint(fn) {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}
}

module.exports = { TokenStore, GRACE_MS };
