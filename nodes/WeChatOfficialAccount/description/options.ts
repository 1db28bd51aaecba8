/** Parameters every operation shares: Lookback Days for "Since Last Run", and the Options collection. */
import type { INodeProperties } from 'n8n-workflow';
import { DATACUBE_APIS } from '../apis';
import { simplify } from '../simplify/simplifyOption';

/** Every readable field the option adds, from the API table (so the description never goes stale). */
function readableFieldNames(): string {
	const names = new Set<string>();
	for (const api of DATACUBE_APIS) for (const { labelField } of api.enums) names.add(labelField);
	const differences = new Set<string>();
	for (const api of DATACUBE_APIS) {
		for (const { field, minuend, subtrahend } of api.differences)
			differences.add(`${field} (${minuend} - ${subtrahend})`);
	}
	return (
		`${[...names].join(', ')} (names for WeChat's codes; a code WeChat has not documented gets "unknown (code)"), ` +
		`${[...differences].join(', ')}, hour (0-23) and start_time (ISO, +08:00) for hourly operations, ` +
		'and period_end (last day) for weekly and monthly operations'
	);
}

const whole = (minValue: number, maxValue: number) => ({ minValue, maxValue, numberPrecision: 0 });

export const lookbackDays: INodeProperties = {
	displayName: 'Lookback Days',
	name: 'lookbackDays',
	type: 'number',
	typeOptions: whole(1, 3650),
	displayOptions: { show: { dateRange: ['sinceLastRun'] } },
	default: 7,
	description:
		'On the first run, how many days to deliver, ending on the latest day WeChat serves (weekly and monthly operations: the completed weeks or months overlapping those days)',
	hint: '"Since Last Run" remembers the last delivered day only in production executions (schedule, webhook, CLI, workers), not in manual runs from the editor',
};

export const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Add Readable Fields',
			name: 'addReadableFields',
			type: 'boolean',
			default: true,
			description: `Whether to add readable fields next to WeChat's own, which stay unchanged: ${readableFieldNames()}`,
		},
		{
			displayName: 'Add Title and Link',
			name: 'addTitles',
			type: 'boolean',
			displayOptions: { show: { '/operation': ['getArticleReads', 'getArticleShares'] } },
			default: false,
			description:
				"Whether to add each article's title and content_url, looked up in Get Article Details among the articles published on the row's day and the 29 days before (one request per publish day, each day once per execution). Articles published before 2025-11-01 get null.",
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: whole(1, 10),
			default: 5,
			description: 'How many times to try a request when WeChat is busy, rate-limited or unreachable (1-10)',
		},
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: whole(1, 10),
			default: 4,
			description: 'How many date windows to fetch at the same time (1-10)',
		},
		{
			displayName: 'Quota Wait',
			name: 'quotaWaitMs',
			type: 'number',
			typeOptions: whole(0, 600000),
			default: 60000,
			description:
				"How long to wait, in milliseconds, when WeChat's per-minute quota is reached (errcode 45011), up to 600000 (10 minutes)",
		},
		{
			displayName: 'Retry Delay',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: whole(0, 30000),
			default: 1000,
			description:
				'First wait before retrying a failed request, in milliseconds, up to 30000; it doubles with each attempt, with jitter',
		},
		simplify,
		{
			displayName: 'Timeout',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: whole(100, 600000),
			default: 30000,
			description:
				'How long to wait for one answer from WeChat, in milliseconds (100 to 600000), before counting it as a failed attempt',
		},
	],
};
