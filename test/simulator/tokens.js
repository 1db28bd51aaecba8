'use strict';
// Access tokens the WeChat way: /cgi-bin/token mints a new token on every call and the
// previous one survives ~5 minutes; /cgi-bin/stable_token hands out the same token while it
// is valid (force_refresh kills it at once). Times come from the simulator clock.

const crypto = require('crypto');

const GRACE_MS = 5 * 60 * 1000;

class TokenStore {
  constructor(now, ttlSeconds) {
    this.now = now;
    this.ttlSeconds = ttlSeconds;
    this.records = new Map(); // token -> { kind, expiresAt, deadAt }
    this.latestClassic = null;
    this.stable = null;
    this.issued = 0;
  }

  mint(kind) {
    const t = this.now();
    for (const [old, rec] of this.records) if (t >= rec.deadAt) this.records.delete(old); // dead: 40001 either way
    const token = 'SIMTOKEN_' + crypto.randomBytes(24).toString('hex');
    this.records.set(token, { kind, expiresAt: t + this.ttlSeconds * 1000, deadAt: Infinity });
    this.issued++;
    return token;
  }

  /** /cgi-bin/token: always a new token; the previous classic one dies GRACE_MS later. */
  classic() {
    const prev = this.latestClassic && this.records.get(this.latestClassic);
    if (prev) prev.deadAt = Math.min(prev.deadAt, this.now() + GRACE_MS);
    this.latestClassic = this.mint('classic');
    return { access_token: this.latestClassic, expires_in: this.ttlSeconds };
  }

  /** /cgi-bin/stable_token: the same token while valid; force mints a new one and kills the old. */
  stableToken(force) {
    if (this.stable && this.check(this.stable) === 'ok' && !force) {
      const left = Math.floor((this.records.get(this.stable).expiresAt - this.now()) / 1000);
      return { access_token: this.stable, expires_in: left };
    }
    const old = this.stable && this.records.get(this.stable);
    if (old) old.deadAt = Math.min(old.deadAt, this.now());
    this.stable = this.mint('stable');
    return { access_token: this.stable, expires_in: this.ttlSeconds };
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

  /** Every currently valid token becomes expired now. */
  expireAll() {
    const t = this.now();
    for (const [token, rec] of this.records) {
      if (this.check(token) === 'ok') rec.expiresAt = t;
    }
  }
}

module.exports = { TokenStore, GRACE_MS };
