/**
 * The node's parameters as n8n resolves them (n8n-workflow's NodeHelpers, the code the editor and
 * the engine use): resources, operation pickers, the notice of the retired classic APIs, Date Range
 * presets and defaults per grain, Start/End Date, Lookback Days, and options whose UI bounds equal the
 * bounds readOptions enforces.
 */
import { NodeHelpers, type INodeProperties, type INodePropertyOptions, type INodeTypeDescription } from 'n8n-workflow';
import { DATACUBE_APIS, type DatacubeApi } from '../../nodes/WeChatOfficialAccount/apis';
import { nodeProperties } from '../../nodes/WeChatOfficialAccount/description';
import { readOptions } from '../../nodes/WeChatOfficialAccount/readOptions';

// As n8n passes it: with the node's name (displayOptions '@tool' read it: only a name ending in "Tool" is the tool variant).
const description = {
	name: 'n8n-nodes-wechat-analytics.weChatOfficialAccount',
	properties: nodeProperties,
} as INodeTypeDescription;
const node = { typeVersion: 1 };

/** The parameters n8n fills in for a node that only has these values set (defaults of what is shown). */
const resolve = (values: Record<string, unknown>) =>
	NodeHelpers.getNodeParameters(nodeProperties, values as never, true, false, node as never, description) as Record<
		string,
		unknown
	>;
/** The one property of this name n8n shows for these values. */
function shown(name: string, values: Record<string, unknown>): INodeProperties {
	const visible = nodeProperties.filter(
		(p) => p.name === name && NodeHelpers.displayParameter(values as never, p, node as never, description),
	);
	expect(visible).toHaveLength(1);
	return visible[0];
}
const valuesOf = (property: INodeProperties) => (property.options as INodePropertyOptions[]).map((o) => o.value);

const PRESETS = {
	day: ['custom', 'last30Days', 'last7Days', 'lastMonth', 'lastWeek', 'sinceLastRun', 'yesterday'],
	week: ['custom', 'lastMonth', 'lastWeek', 'sinceLastRun'],
	month: ['custom', 'lastMonth', 'sinceLastRun'],
};
const DEFAULT = { day: 'yesterday', hour: 'yesterday', week: 'lastWeek', month: 'lastMonth' };
const RULE_0800 = 'the latest day WeChat serves: yesterday from 08:00 China time, the day before until then';

describe('node parameters', () => {
	it('the resource picker offers the five data resources, Message Summary by default', () => {
		const resource = nodeProperties.find((p) => p.name === 'resource') as INodeProperties;
		expect(resource.noDataExpression).toBe(true);
		// the five data resources first, in this order (the lead's "Since Last Run" delivery step may follow)
		expect(valuesOf(resource).slice(0, 5)).toEqual([
			'messageSummary',
			'userAnalysis',
			'publishedContent',
			'interfaceAnalysis',
			'articleAnalysis',
		]);
		expect(resolve({}).resource).toBe('messageSummary');
		expect(resolve({}).operation).toBe('getDaily');
	});

	it.each(['messageSummary', 'userAnalysis', 'publishedContent', 'articleAnalysis', 'interfaceAnalysis'])(
		'%s: its operations only, sorted by name, with an action and the WeChat API in the description',
		(resource) => {
			const picker = shown('operation', { resource });
			expect(picker.noDataExpression).toBe(true);
			const options = picker.options as INodePropertyOptions[];
			const apis = DATACUBE_APIS.filter((api) => api.resource === resource);
			expect(options.map((o) => o.value).sort()).toEqual(apis.map((api) => api.operation).sort());
			expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
			for (const option of options) {
				const api = apis.find((a) => a.operation === option.value) as DatacubeApi;
				expect(option.action).toBe(api.action);
				if (api.retired) expect(option.action).toMatch(/\(retired\)$/);
				expect(option.description).toContain(`WeChat API: ${api.endpoint}.`);
				if (api.retired) {
					expect(option.description).toMatch(/^Retired by WeChat \(errcode 47009\): use Published Content → /);
					expect(option.description).toContain(`What differs: ${api.retired.differences}.`);
				} else expect(option.description).toContain(`One item per ${api.itemPer}.`);
			}
			expect(apis.map((api) => api.operation)).toContain(resolve({ resource }).operation);
		},
	);

	it('the retired classic resource shows a notice naming the replacement of each operation; no other resource does', () => {
		const notice = shown('retiredNotice', { resource: 'articleAnalysis' });
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/^WeChat has retired these APIs: they answer errcode 47009/);
		for (const [operation, replacement] of [
			['Get Article Summary', 'Published Content → Get Article Reads and Get Article Shares'],
			['Get Article Total', 'Published Content → Get Article Details'],
			['Get Reads by Source', 'Published Content → Get Overview'],
			['Get Hourly Reads by Source', 'Published Content → Get Overview and Get Article Reads'],
			['Get Shares by Scene', 'Published Content → Get Overview and Get Article Shares'],
			['Get Hourly Shares by Scene', 'Published Content → Get Overview and Get Article Shares'],
		])
			expect(notice.displayName).toContain(`${operation}: use ${replacement}.`);
		expect(notice.displayName).toContain('data from 2025-11-01 on and no hourly split');
		for (const resource of ['messageSummary', 'userAnalysis', 'publishedContent', 'interfaceAnalysis', 'delivery']) {
			const visible = nodeProperties.filter(
				(p) =>
					p.type === 'notice' &&
					p.name === 'retiredNotice' &&
					NodeHelpers.displayParameter({ resource } as never, p, node as never, description),
			);
			expect(visible).toHaveLength(0);
		}
	});

	it.each(DATACUBE_APIS.map((api) => [api.resource, api.operation, api]))(
		'%s/%s: Date Range defaults to a preset that works every day and offers none that can never work',
		(resource, operation, api) => {
			const { grain } = api as DatacubeApi;
			expect(resolve({ resource, operation }).dateRange).toBe(DEFAULT[grain]);
			const dateRange = shown('dateRange', { resource, operation });
			expect(valuesOf(dateRange)).toEqual(PRESETS[grain === 'hour' ? 'day' : grain]);
			const text = JSON.stringify(dateRange);
			expect(text).toContain(RULE_0800);
			if ((api as DatacubeApi).rangeSelects === 'publish date')
				expect(dateRange.description).toMatch(/selects publish dates/);
			else expect(dateRange.description).not.toMatch(/publish dates/);
			if ((api as DatacubeApi).firstDay) expect(dateRange.description).toContain('from 2025-11-01');
			// Start/End Date only for Custom, Lookback Days only for Since Last Run
			expect(resolve({ resource, operation })).not.toHaveProperty('beginDate');
			const custom = resolve({ resource, operation, dateRange: 'custom' });
			expect(custom).toMatchObject({ beginDate: '', endDate: '' });
			expect(custom).not.toHaveProperty('lookbackDays');
			expect(shown('beginDate', { resource, operation, dateRange: 'custom' }).displayName).toBe('Start Date');
			expect(shown('endDate', { resource, operation, dateRange: 'custom' }).displayName).toBe('End Date');
			expect(resolve({ resource, operation, dateRange: 'sinceLastRun' }).lookbackDays).toBe(7);
		},
	);

	it('presets describe the 08:00 rule; Last Week and Last Month are the latest completed ones WeChat serves', () => {
		const presets = (
			shown('dateRange', { resource: 'messageSummary', operation: 'getDaily' }).options as INodePropertyOptions[]
		).map((o) => [o.value, o.description]);
		const text = Object.fromEntries(presets) as Record<string, string>;
		for (const value of ['yesterday', 'last7Days', 'last30Days', 'sinceLastRun'])
			expect(text[value]).toContain(RULE_0800);
		expect(text.lastWeek).toMatch(/latest completed Monday-to-Sunday week WeChat serves/);
		expect(text.lastMonth).toMatch(/latest completed calendar month WeChat serves/);
	});

	it('Lookback Days: whole days 1-3650, default 7, with the production-executions hint', () => {
		const lookback = shown('lookbackDays', {
			resource: 'userAnalysis',
			operation: 'getUserSummary',
			dateRange: 'sinceLastRun',
		});
		expect(lookback).toMatchObject({
			type: 'number',
			default: 7,
			typeOptions: { minValue: 1, maxValue: 3650, numberPrecision: 0 },
		});
		expect(lookback.hint).toMatch(/production executions \(schedule, webhook, CLI, workers\)/);
		expect(lookback.hint).toMatch(/not in manual runs/);
	});

	describe('options', () => {
		const collection = nodeProperties.find((p) => p.name === 'options') as INodeProperties;
		const option = (name: string) =>
			(collection.options as INodeProperties[]).find((o) => o.name === name) as INodeProperties;

		it('keep their names; no "(Ms)" in display names, milliseconds in the description', () => {
			expect((collection.options as INodeProperties[]).map((o) => o.name).sort()).toEqual(
				[
					'addReadableFields',
					'addTitles',
					'maxAttempts',
					'parallelRequests',
					'quotaWaitMs',
					'retryDelayMs',
					'simplify',
					'timeoutMs',
				].sort(),
			);
			expect([option('retryDelayMs'), option('quotaWaitMs'), option('timeoutMs')].map((o) => o.displayName)).toEqual([
				'Retry Delay',
				'Quota Wait',
				'Timeout',
			]);
			for (const name of ['retryDelayMs', 'quotaWaitMs', 'timeoutMs'])
				expect(option(name).description).toMatch(/in milliseconds/);
			for (const o of collection.options as INodeProperties[]) expect(o.displayName).not.toMatch(/\(ms\)/i);
		});

		it.each(['parallelRequests', 'maxAttempts', 'retryDelayMs', 'quotaWaitMs', 'timeoutMs'])(
			'%s: the UI bounds are exactly what the node accepts at run time, whole numbers only',
			(name) => {
				const { minValue, maxValue, numberPrecision } = option(name).typeOptions as Record<string, number>;
				expect(numberPrecision).toBe(0);
				expect(() => readOptions({ [name]: minValue })).not.toThrow();
				expect(() => readOptions({ [name]: maxValue })).not.toThrow();
				expect(() => readOptions({ [name]: minValue - 1 })).toThrow();
				expect(() => readOptions({ [name]: maxValue + 1 })).toThrow();
				expect(() => readOptions({ [name]: minValue + 0.5 })).toThrow();
				expect(() => readOptions({ [name]: option(name).default })).not.toThrow();
			},
		);

		it('Add Readable Fields names every field it adds', () => {
			const text = option('addReadableFields').description as string;
			const added = new Set(['hour', 'start_time', 'period_end']);
			for (const api of DATACUBE_APIS) {
				for (const e of api.enums) added.add(e.labelField);
				for (const d of api.differences) added.add(d.field);
			}
			expect([...added].sort()).toEqual(
				[
					'count_interval_label',
					'hour',
					'msg_type_name',
					'net_user',
					'period_end',
					'publish_type_name',
					'share_scene_name',
					'start_time',
					'user_source_name',
				].sort(),
			);
			for (const field of added) expect(text).toContain(field);
			expect(text).toMatch(/^Whether/);
		});
	});
});
