'use strict';
// Deterministic "randomness": every number is a hash of its key parts, so any two calls agree.

/** FNV-1a + murmur finaliser -> uniform number in [0,1). */
function unit(...parts) {
	let h = 0x811c9dc5; // hashes parts.join('|') without building it
	for (let p = 0; p < parts.length; p++) {
		if (p > 0) h = Math.imul(h ^ 124, 0x01000193);
		const part = parts[p];
		const s = part === null || part === undefined ? '' : typeof part === 'string' ? part : String(part);
		for (let i = 0; i < s.length; i++) {
			h ^= s.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return (h >>> 0) / 4294967296;
}

/** A number in [lo, hi) from key parts. */
const between = (lo, hi, ...parts) => lo + (hi - lo) * unit(...parts);

/** A key prefix that salts an account's numbers ('' keeps the primary account's data set). */
const salted = (seed, name) => (seed ? `${seed}:${name}` : name);

// Share of a day's activity in each hour (sums to ~1.3: people are active in several hours).
const HOURS = [
	0.02, 0.012, 0.006, 0.004, 0.003, 0.005, 0.012, 0.03, 0.055, 0.07, 0.075, 0.072, 0.065, 0.06, 0.068, 0.072, 0.07,
	0.065, 0.06, 0.07, 0.08, 0.08, 0.06, 0.035,
];
const WEEKDAY = [1.0, 1.02, 1.0, 0.98, 0.95, 0.8, 0.78]; // Monday..Sunday
const weekday = (day) => WEEKDAY[(((day + 3) % 7) + 7) % 7];

module.exports = { unit, between, salted, HOURS, weekday };
