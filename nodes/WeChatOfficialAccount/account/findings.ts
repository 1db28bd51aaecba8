/**
 * What Check Account outputs: one finding per check, with a stable id, a status, what was found in
 * plain words and, whenever the status is not ok, what to do. Pure: no n8n calls, no I/O.
 */
import type { IDataObject } from 'n8n-workflow';

export type CheckStatus = 'ok' | 'warning' | 'error';

export interface Finding extends IDataObject {
	/** Stable id, e.g. "token", "resource.userAnalysis", "quota.getusersummary". */
	check: string;
	status: CheckStatus;
	message: string;
	/** Present whenever status is not ok. */
	remedy?: string;
	details?: IDataObject;
}

/** Details without the keys whose value is undefined (n8n shows them as empty fields). */
function defined(details: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
}

export const ok = (check: string, message: string, details?: IDataObject): Finding =>
	details ? { check, status: 'ok', message, details: defined(details) } : { check, status: 'ok', message };

export const problem = (
	check: string,
	status: Exclude<CheckStatus, 'ok'>,
	message: string,
	remedy: string,
	details?: IDataObject,
): Finding =>
	details ? { check, status, message, remedy, details: defined(details) } : { check, status, message, remedy };

/** A check that could not run because no request reached WeChat's APIs. */
export const notChecked = (check: string, why: string): Finding =>
	problem(
		check,
		'warning',
		`Not checked: ${why}`,
		'Fix what the token and IP whitelist checks report, then run Check Account again',
		{ checked: false },
	);

/** How many findings have each status. */
export function countByStatus(findings: readonly Finding[]): Record<CheckStatus, number> {
	const counts: Record<CheckStatus, number> = { ok: 0, warning: 0, error: 0 };
	for (const finding of findings) counts[finding.status]++;
	return counts;
}
