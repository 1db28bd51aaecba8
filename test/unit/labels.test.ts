import { findApi } from '../../nodes/WeChatOfficialAccount/apis';
import { unknownLabel } from '../../nodes/WeChatOfficialAccount/apis/labels';

describe('labels for codes WeChat has not documented', () => {
	it('an unknown code is shown as written: a string without quotes, a number as a number', () => {
		expect(unknownLabel('abc')).toBe('unknown (abc)');
		expect(unknownLabel(7)).toBe('unknown (7)');
		expect(unknownLabel({ a: 1 })).toBe('unknown ({"a":1})');
	});

	it('an undocumented message type or count interval keeps its code', () => {
		const label = (operation: string, code: number) => findApi('messageSummary', operation)?.enums[0].unknown?.(code);
		expect(label('getDaily', 99)).toBe('type 99');
		expect(label('getDailyDistribution', 99)).toBe('interval 99');
	});
});
