/**
 * How the model text of Get Account Report and Check Account is laid out: one line per part (what it
 * answers, when to use it, the date rules when it takes dates, what it returns), no empty line for a
 * part an operation does not have; and an operation without model text is named when asked for.
 */
import { kindToolDescription } from '../../nodes/WeChatOfficialAccount/tool/kindToolText';
import { modelReads } from './support/toolVariant';

describe('the model text of the report and check tools', () => {
	it('Check Account takes no dates: three lines, what it answers, when to use it, what it returns', () => {
		const lines = (modelReads({ resource: 'account', operation: 'check' }) as string).split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(/^Check Account \(WeChat Official Account diagnostics\): Whether this Official Account's/);
		expect(lines[1]).toMatch(/^Use it when another tool of this account fails/);
		expect(lines[2]).toMatch(/^Returns a JSON list with one object per check/);
	});

	it('Get Account Report: four lines, the date rules third', () => {
		const lines = (modelReads({ resource: 'report', operation: 'getAccountReport' }) as string).split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[2]).toMatch(/^Dates are calendar days in China time \(UTC\+8\)\./);
		expect(lines[3]).toMatch(/^Returns one JSON object: kind, period and previousPeriod/);
		for (const line of lines) expect(line.trim()).not.toBe('');
	});

	it('an operation without model text is named', () => {
		expect(() => kindToolDescription('userAnalysis', 'getUserSummary')).toThrow(
			new Error('No model text for userAnalysis/getUserSummary'),
		);
	});
});
