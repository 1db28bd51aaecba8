'use strict';
// Seeded transient faults: the same seed and the same sequence of calls give the same faults.

const FAULT_KINDS = ['busy', 'minuteQuota', 'http500', 'nonJson', 'reset'];

/** mulberry32: small seeded PRNG returning numbers in [0,1). */
function mulberry32(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Returns a picker: each call draws twice and answers a fault kind or null. */
function faultPicker({ rate = 0, seed = 1, kinds = ['busy', 'minuteQuota'] } = {}) {
	for (const k of kinds) {
		if (!FAULT_KINDS.includes(k)) throw new Error(`unknown fault kind ${k}; use ${FAULT_KINDS.join(', ')}`);
	}
	const rnd = mulberry32(seed);
	return () => {
		const hit = rnd();
		const which = rnd();
		return hit < rate && kinds.length ? kinds[Math.floor(which * kinds.length)] : null;
	};
}

const PROXY_PAGE =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
	'<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

module.exports = { FAULT_KINDS, mulberry32, faultPicker, PROXY_PAGE };
