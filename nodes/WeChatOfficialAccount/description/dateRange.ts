/**
 * Date Range presets per grain: each grain defaults to a preset that works on every
 * day, and offers none that can never work. Values are part of saved workflows: never rename.
 */
import type { INodePropertyOptions } from 'n8n-workflow';
import type { Grain } from '../apis';

const LATEST_DAY = 'the latest day WeChat serves: yesterday from 08:00 China time, the day before until then';

export const PRESETS: Record<string, INodePropertyOptions> = {
	custom: { name: 'Custom', value: 'custom', description: 'Choose the start and end dates' },
	last30Days: {
		name: 'Last 30 Days',
		value: 'last30Days',
		description: `The 30 days ending on ${LATEST_DAY}`,
	},
	last7Days: {
		name: 'Last 7 Days',
		value: 'last7Days',
		description: `The 7 days ending on ${LATEST_DAY}`,
	},
	lastMonth: {
		name: 'Last Month',
		value: 'lastMonth',
		description: `The latest completed calendar month WeChat serves (it ends on or before ${LATEST_DAY})`,
	},
	lastWeek: {
		name: 'Last Week',
		value: 'lastWeek',
		description: `The latest completed Monday-to-Sunday week WeChat serves (it ends on or before ${LATEST_DAY})`,
	},
	sinceLastRun: {
		name: 'Since Last Run',
		value: 'sinceLastRun',
		description: `Everything after the last day this node delivered, up to ${LATEST_DAY}. The first run goes back Lookback Days.`,
	},
	yesterday: {
		name: 'Yesterday',
		value: 'yesterday',
		description: `Only ${LATEST_DAY}`,
	},
};

/** The presets a grain offers (alphabetical, as n8n lists options) and its default. */
export function presetsFor(grain: Grain): { values: string[]; default: string } {
	switch (grain) {
		case 'week':
			return { values: ['custom', 'lastMonth', 'lastWeek', 'sinceLastRun'], default: 'lastWeek' };
		case 'month':
			return { values: ['custom', 'lastMonth', 'sinceLastRun'], default: 'lastMonth' };
		default:
			return {
				values: ['custom', 'last30Days', 'last7Days', 'lastMonth', 'lastWeek', 'sinceLastRun', 'yesterday'],
				default: 'yesterday',
			};
	}
}
