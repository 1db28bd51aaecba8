/**
 * The option Add Readable Fields: names for codes (msg_type_name, count_interval_label,
 * user_source_name, share_scene_name, publish_type_name; an unknown code gets "unknown (<code>)"),
 * differences (net_user), hour and start_time for hourly APIs, period_end for week/month APIs.
 */
import type { IDataObject } from 'n8n-workflow';
import type { DatacubeApi } from '../apis/types';
import { hourStart, unknownLabel } from '../apis/labels';

type Step = (row: IDataObject) => void;

/** The readable fields of one API, as one function that adds them to a row in place. */
export function readableFieldsAdder(api: DatacubeApi, periodLast: ReadonlyMap<string, string>): Step {
	const steps: Step[] = [];
	for (const { field, labelField, labels, unknown = unknownLabel } of api.enums) {
		steps.push((row) => {
			const value = row[field];
			if (value === undefined) return;
			const label = typeof value === 'number' ? labels[value] : undefined;
			row[labelField] = label ?? unknown(value as number);
		});
	}
	for (const { field, minuend, subtrahend } of api.differences) {
		steps.push((row) => {
			const a = row[minuend];
			const b = row[subtrahend];
			if (typeof a === 'number' && typeof b === 'number') row[field] = a - b;
		});
	}
	if (api.grain === 'hour') {
		steps.push((row) => {
			const hour = (row.ref_hour as number) / 100;
			row.hour = hour;
			row.start_time = hourStart(row.ref_date as string, hour);
		});
	}
	if (periodLast.size > 0) {
		steps.push((row) => {
			const last = periodLast.get(row.ref_date as string);
			if (last !== undefined) row.period_end = last;
		});
	}
	if (steps.length === 1) return steps[0];
	return (row) => {
		for (let i = 0; i < steps.length; i++) steps[i](row);
	};
}
