'use strict';
// Calendar rules of the WeChat datacube API, done as whole-day numbers in UTC
// (day 0 = 1970-01-01) so the machine's TZ never matters. China is UTC+8 with no DST.

const DAY_MS = 86400000;
const HOUR_MS = 3600000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;
/** WeChat computes a day's statistics by 08:00 China time the next morning. */
const READY_HOUR = 8;

const { ENDPOINTS } = require('./endpoints');

/** 'YYYY-MM-DD' -> day number, or null when not a real calendar date in that exact format. */
function parseDate(s) {
	if (typeof s !== 'string') return null;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return null;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	const date = new Date(0);
	date.setUTCFullYear(y, mo - 1, d); // setUTCFullYear: no 1900+ mapping for years < 100
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
	return Math.round(date.getTime() / DAY_MS);
}

/** day number -> 'YYYY-MM-DD' */
function formatDate(day) {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date in China (UTC+8) for an instant in ms. */
function chinaToday(nowMs) {
	return Math.floor((nowMs + CHINA_OFFSET_MS) / DAY_MS);
}

/** The hour (0..23) on the China clock at an instant. */
function chinaHour(nowMs) {
	return Math.floor(((((nowMs + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/**
 * The latest day WeChat serves at an instant: yesterday (China time) from readyHour:00 China time on,
 * the day before yesterday before that. readyHour 0 serves yesterday from midnight.
 */
function latestServedDay(nowMs, readyHour = READY_HOUR) {
	return chinaToday(nowMs) - (chinaHour(nowMs) >= readyHour ? 1 : 2);
}

/** Monday of the week containing day (weeks run Monday..Sunday). 1970-01-01 was a Thursday. */
function mondayOf(day) {
	return day - ((((day + 3) % 7) + 7) % 7);
}

function isMonday(day) {
	return mondayOf(day) === day;
}

function firstOfMonth(day) {
	const d = new Date(day * DAY_MS);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

function nextMonthFirst(day) {
	const d = new Date(day * DAY_MS);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
}

/** The first and last day of the period labelled `label` for a grain. */
function periodEnd(grain, label) {
	if (grain === 'week') return label + 6;
	if (grain === 'month') return nextMonthFirst(label) - 1;
	return label;
}

/**
 * Labels WeChat answers for a request [begin,end] when `latest` is the latest served day: every label
 * date inside the range (each day; each Monday; each 1st) whose period's last day is at or before latest.
 */
function labelsInRequest(grain, begin, end, latest) {
	const out = [];
	for (let l = firstLabelFrom(grain, begin); l <= end; l = nextLabel(grain, l)) {
		if (periodEnd(grain, l) <= latest) out.push(l);
	}
	return out;
}

/** Labels of every served period overlapping [begin,end] (what a perfect client should return). */
function labelsCovering(grain, begin, end, latest) {
	const start = grain === 'week' ? mondayOf(begin) : grain === 'month' ? firstOfMonth(begin) : begin;
	return labelsInRequest(grain, start, end, latest);
}

function firstLabelFrom(grain, day) {
	if (grain === 'week') return isMonday(day) ? day : mondayOf(day) + 7;
	if (grain === 'month') return firstOfMonth(day) === day ? day : nextMonthFirst(day);
	return day;
}

function nextLabel(grain, label) {
	if (grain === 'week') return label + 7;
	if (grain === 'month') return nextMonthFirst(label);
	return label + 1;
}

/**
 * Validate a datacube body against the span/date rules, on China date `today` with `latest` the latest
 * served day. Returns { errcode: 0, begin, end } or { errcode: 61500 | 61501 | 61503 }:
 * 61500 malformed date, 61501 end before begin / span exceeded / end today or later,
 * 61503 end is yesterday but WeChat has not finished computing it (before 08:00 China time).
 */
function checkRange(body, span, today, latest = today - 1) {
	const begin = body && typeof body === 'object' ? parseDate(body.begin_date) : null;
	const end = body && typeof body === 'object' ? parseDate(body.end_date) : null;
	if (begin === null || end === null) return { errcode: 61500 };
	if (end < begin || end - begin >= span || end >= today) return { errcode: 61501 };
	if (end > latest) return { errcode: 61503 };
	return { errcode: 0, begin, end };
}

module.exports = {
	DAY_MS,
	READY_HOUR,
	ENDPOINTS,
	DATA_START: parseDate('2014-12-01'),
	parseDate,
	formatDate,
	chinaToday,
	chinaHour,
	latestServedDay,
	mondayOf,
	firstOfMonth,
	periodEnd,
	labelsInRequest,
	labelsCovering,
	checkRange,
};
