/** Reads and checks the report's own options (Language, Top Articles) for one item. */
import type { IDataObject } from 'n8n-workflow';
import { PlanError } from '../dates/PlanError';
import { LANGUAGES, type Language } from './markdown';

export const DEFAULT_TOP_N = 5;
export const MAX_TOP_N = 50;

export interface ReportOptions {
	language: Language;
	topN: number;
}

export function readReportOptions(options: IDataObject): ReportOptions {
	const language = options.language ?? 'zh';
	if (!(LANGUAGES as readonly unknown[]).includes(language)) {
		throw new PlanError(
			'Language',
			`Language "${String(language).slice(0, 40)}" is not offered (got ${JSON.stringify(language)?.slice(0, 40)})`,
			`Set Language in the node's Options to one of: ${LANGUAGES.join(', ')}`,
		);
	}
	const topN = options.topN ?? DEFAULT_TOP_N;
	if (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 0 || topN > MAX_TOP_N) {
		throw new PlanError(
			'Top Articles',
			`Top Articles must be a whole number from 0 to ${MAX_TOP_N} (got ${String(JSON.stringify(topN)).slice(0, 40)})`,
			`Set Top Articles in the node's Options to a value from 0 to ${MAX_TOP_N}`,
		);
	}
	return { language: language as Language, topN };
}
