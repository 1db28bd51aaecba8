import { PlanError } from '../../nodes/WeChatOfficialAccount/dates/PlanError';
import { readOptions } from '../../nodes/WeChatOfficialAccount/readOptions';
import { DEFAULT_RETRY, MAX_BACKOFF_MS } from '../../nodes/WeChatOfficialAccount/transport/DatacubeClient';

function rejection(options: Record<string, unknown>): PlanError {
	try {
		readOptions(options as never);
	} catch (error) {
		expect(error).toBeInstanceOf(PlanError);
		return error as PlanError;
	}
	throw new Error('readOptions accepted it');
}

describe('readOptions', () => {
	it('defaults', () => {
		expect(readOptions({})).toEqual({
			addReadableFields: true,
			addTitles: false,
			simplify: false,
			parallelRequests: 4,
			maxAttempts: DEFAULT_RETRY.maxAttempts,
			retryDelayMs: DEFAULT_RETRY.retryDelayMs,
			quotaWaitMs: DEFAULT_RETRY.quotaWaitMs,
			timeoutMs: DEFAULT_RETRY.timeoutMs,
		});
		expect(DEFAULT_RETRY).toEqual({ maxAttempts: 5, retryDelayMs: 1000, quotaWaitMs: 60_000, timeoutMs: 30_000 });
		expect(MAX_BACKOFF_MS).toBe(30_000);
	});

	it('Add Readable Fields is off only when false', () => {
		expect(readOptions({ addReadableFields: false }).addReadableFields).toBe(false);
		expect(readOptions({ addReadableFields: true }).addReadableFields).toBe(true);
		expect(readOptions({ addReadableFields: 0 as never }).addReadableFields).toBe(true);
	});

	it('a null option takes the default', () => {
		expect(readOptions({ maxAttempts: null as never }).maxAttempts).toBe(5);
	});

	const bounds: Array<[string, string, number, number, string]> = [
		['parallelRequests', 'Parallel Requests', 1, 10, ''],
		['maxAttempts', 'Max Attempts', 1, 10, ''],
		['retryDelayMs', 'Retry Delay', 0, 30_000, ' milliseconds'],
		['quotaWaitMs', 'Quota Wait', 0, 600_000, ' milliseconds'],
		['timeoutMs', 'Timeout', 100, 600_000, ' milliseconds'],
	];

	it.each(bounds)('%s accepts %s from its minimum to its maximum', (name, _label, min, max) => {
		expect(readOptions({ [name]: min })[name as 'maxAttempts']).toBe(min);
		expect(readOptions({ [name]: max })[name as 'maxAttempts']).toBe(max);
	});

	it.each(bounds)('%s (%s) refuses values outside its bounds and says which', (name, label, min, max, unit) => {
		for (const value of [min - 1, max + 1]) {
			const error = rejection({ [name]: value });
			expect(error.field).toBe(label);
			expect(error.message).toBe(`${label} must be a whole number from ${min} to ${max}${unit} (got ${value})`);
			expect(error.hint).toBe(`Set ${label} in the node's Options to a value from ${min} to ${max}`);
		}
	});

	it('refuses non-whole numbers and other types, quoting the value (clipped)', () => {
		expect(rejection({ maxAttempts: 2.5 }).message).toMatch(/\(got 2\.5\)$/);
		expect(rejection({ maxAttempts: '3' }).message).toMatch(/\(got "3"\)$/);
		expect(rejection({ maxAttempts: Number.NaN }).message).toMatch(/\(got null\)$/);
		expect(rejection({ maxAttempts: 'x'.repeat(100) }).message).toMatch(new RegExp(`\\(got "${'x'.repeat(39)}\\)$`));
	});
});
