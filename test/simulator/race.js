'use strict';
// The late-40001 race (option lateInvalid): a datacube request sent with token T is held, T expires at
// once (so the caller's other requests get 42001 and refresh it), and the held request answers 40001
// only after the account has a NEW token: T is dead by then. release: 'issued' (default) lets it go
// when the token endpoint issues a newer token; 'used' when a datacube request arrives carrying a newer
// token of the same account (the caller has surely stored it). After maxHoldMs it answers anyway.

/** Holds the request; resolves to the errcode to answer (40001 after a new token, else T's state). */
async function holdUntilNewToken(state, token, appId, spec) {
	if (spec.expireToken) state.tokens.expire(token);
	state.held++;
	const renewed = await new Promise((resolve) => {
		let timer = null;
		const done = (value) => {
			off();
			clearTimeout(timer);
			state.timers.delete(timer);
			resolve(value);
		};
		const listener = (owner, fresh) => {
			if (owner === appId && fresh !== token) done(true);
		};
		const off = spec.release === 'used' ? state.onTokenUse(listener) : state.tokens.onMint(listener);
		timer = setTimeout(() => done(false), spec.maxHoldMs);
		state.timers.add(timer);
	});
	state.held--;
	if (renewed) state.tokens.kill(token);
	return state.tokens.check(token) === 'expired' ? 42001 : 40001;
}

module.exports = { holdUntilNewToken };
