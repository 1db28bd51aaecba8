/**
 * The option Simplify: one summary object instead of one item per row, for AI agents and chat
 * messages. It holds the range WeChat served, how many rows the full answer has, totals of every
 * figure, a series per day (per month beyond 31 days; per week or month for those operations) and the
 * top 10 per channel, message type, hour or article with the count of all of them, so nothing is
 * dropped without saying so. Its size does not grow with the range: a few kilobytes at most.
 *
 * Articles with a cumulative series (stat_date) count once, with their latest totals. A row that is
 * the total of the others (classic user_source 99999999) is left out of totals and lists.
 */
import type { IDataObject } from 'n8n-workflow';
import type { DatacubeApi } from '../apis/types';
import type { Plan } from '../dates/planRequests';
import { NOT_ADDED, SUMMARY_SPECS, type SummarySpec } from './summarySpecs';

/** Entries per list. */
export const SIMPLIFY_TOP = 10;
/** More days (or weeks, months) than this and the series is per month. */
export const SERIES_MAX = 31;

type Figures = Record<string, number>;

function specOf(api: DatacubeApi): SummarySpec {
	const spec = SUMMARY_SPECS[api.endpoint];
	if (!spec) throw new Error(`Simplify has no summary rule for ${api.endpoint}`);
	return spec;
}

/** The numeric fields of the rows that are figures (not key fields, codes or readable fields), first seen first. */
function figureNames(api: DatacubeApi, rows: IDataObject[]): string[] {
	const skip = new Set<string>(['hour', ...api.key.map((k) => k.field), ...api.enums.map((e) => e.field)]);
	const names = new Set<string>();
	for (const row of rows) {
		for (const [field, value] of Object.entries(row)) {
			if (typeof value === 'number' && !skip.has(field)) names.add(field);
		}
	}
	return [...names];
}

/** Adds the rows' figures up as the spec says: sums, maxima, and a level's last value (rows in date order). */
function combine(rows: IDataObject[], names: readonly string[], spec: SummarySpec, keepRates: boolean): Figures {
	const out: Figures = {};
	for (const name of names) {
		if (NOT_ADDED.has(name) && !keepRates) continue;
		let result: number | undefined;
		for (const row of rows) {
			const value = row[name];
			if (typeof value !== 'number') continue;
			if (name === spec.level || (NOT_ADDED.has(name) && keepRates)) result = value;
			else if (spec.max?.includes(name)) result = result === undefined ? value : Math.max(result, value);
			else result = (result ?? 0) + value;
		}
		if (result !== undefined) out[name] = Math.round(result * 10000) / 10000;
	}
	return out;
}

function groupBy(rows: IDataObject[], keyOf: (row: IDataObject) => string): Map<string, IDataObject[]> {
	const groups = new Map<string, IDataObject[]>();
	for (const row of rows) {
		const key = keyOf(row);
		const group = groups.get(key);
		if (group) group.push(row);
		else groups.set(key, [row]);
	}
	return groups;
}

/** The series over ref_date: one entry per day (or week, month), or per calendar month when there are too many. */
function series(api: DatacubeApi, rows: IDataObject[], spec: SummarySpec): IDataObject {
	const days = groupBy(rows, (row) => String(row.ref_date));
	const perMonth = days.size > SERIES_MAX;
	const groups = perMonth ? groupBy(rows, (row) => String(row.ref_date).slice(0, 7)) : days;
	const name = perMonth || api.grain === 'month' ? 'per_month' : api.grain === 'week' ? 'per_week' : 'per_day';
	const keyField = perMonth ? 'month' : 'ref_date';
	const entries = [...groups].map(([key, group]) => ({ [keyField]: key, ...combine(group, spec.show, spec, false) }));
	return { [name]: entries };
}

interface ListRule {
	name: string;
	keyOf: (row: IDataObject) => string;
	/** The fields that name an entry, taken from its first row. */
	labelFields: string[];
}

/** A list per key field after ref_date: channels, message types, hours of the day, articles. */
function listRules(api: DatacubeApi, cumulative: string | undefined): ListRule[] {
	const rules: ListRule[] = [];
	for (const key of api.key.slice(1)) {
		if (key.field === cumulative) continue;
		if (key.kind === 'hour') {
			rules.push({ name: 'top_hours', keyOf: (row) => String(Number(row.ref_hour) / 100), labelFields: ['hour'] });
		} else if (key.kind === 'id') {
			const labelFields = cumulative ? [key.field, 'title', 'ref_date', cumulative] : [key.field, 'title'];
			rules.push({ name: 'top_articles', keyOf: (row) => String(row[key.field]), labelFields });
		} else if (key.kind === 'code') {
			const label = api.enums.find((e) => e.field === key.field)?.labelField;
			rules.push({
				name: `top_${key.field}`,
				keyOf: (row) => String(row[key.field]),
				labelFields: label ? [label, key.field] : [key.field],
			});
		}
	}
	return rules;
}

function topList(rule: ListRule, rows: IDataObject[], spec: SummarySpec, keepRates: boolean): IDataObject {
	const entries = [...groupBy(rows, rule.keyOf).values()].map((group) => {
		const entry: IDataObject = {};
		for (const field of rule.labelFields) {
			const value = field === 'hour' ? Number(group[0].ref_hour) / 100 : group[0][field];
			if (value !== undefined) entry[field] = value;
		}
		return {
			entry: { ...entry, ...combine(group, spec.show, spec, keepRates) },
			rank: combine(group, [spec.rank], spec, false)[spec.rank] ?? 0,
		};
	});
	entries.sort((a, b) => b.rank - a.rank);
	return { by: spec.rank, of: entries.length, items: entries.slice(0, SIMPLIFY_TOP).map((e) => e.entry) };
}

/** One summary object for the rows of one range. */
export function summarize(plan: Plan, rows: IDataObject[]): IDataObject {
	const { api } = plan;
	const spec = specOf(api);
	const cumulative = api.key.slice(1).find((k) => k.kind === 'date')?.field;
	let kept = spec.totalRow ? rows.filter((row) => row[spec.totalRow!.field] !== spec.totalRow!.value) : rows;
	if (cumulative) {
		// Rows come sorted by their key (ref_date, msgid, stat_date): an article's last row is its latest.
		const latest = groupBy(kept, (row) => `${String(row.ref_date)}|${String(row[api.key[1].field])}`);
		kept = [...latest.values()].map((group) => group[group.length - 1]);
	}
	const names = figureNames(api, kept);
	const notes = [...plan.notes];
	if (rows.length === 0) notes.push('WeChat has no rows for this range');
	if (spec.distinct?.length) {
		notes.push(
			`${spec.distinct.join(', ')} count distinct people per ${api.grain}: totals and lists add them up, so a person counts once per ${api.grain}`,
		);
	}
	if (cumulative) {
		notes.push(
			`Each article counts once, with its totals from publishing up to its latest ${cumulative} (WeChat's series ends 30 days after publishing)`,
		);
	}
	if (spec.totalRow) notes.push(`The total row (${spec.totalRow.field} ${spec.totalRow.value}) is left out`);
	const summary: IDataObject = {
		operation: api.name,
		api: api.endpoint,
		begin_date: plan.begin,
		end_date: plan.end,
		rows: rows.length,
		totals: combine(kept, names, spec, false),
	};
	if (spec.level) {
		const values = kept.map((row) => row[spec.level!]).filter((value): value is number => typeof value === 'number');
		if (values.length > 0) {
			(summary.totals as IDataObject)[spec.level] = {
				first: values[0],
				last: values[values.length - 1],
				change: values[values.length - 1] - values[0],
			};
		}
	}
	if (!cumulative) Object.assign(summary, series(api, kept, spec));
	for (const rule of listRules(api, cumulative)) summary[rule.name] = topList(rule, kept, spec, !!cumulative);
	summary.notes = notes;
	return summary;
}
