// @tz-sensitive
import { describeErrcode } from '../../nodes/WeChatOfficialAccount/transport/errcodes';
import { describeInMachineZone } from './timezones';

/** The daily quota (45009) resets at midnight China time, whatever the machine's zone. */
describeInMachineZone('daily quota reset', () => {
	it.each([
		['2024-03-01T21:00:00+08:00', '2024-03-02 00:00 China time, in about 3.0 h'],
		['2024-03-01T00:30:00+08:00', '2024-03-02 00:00 China time, in about 23.5 h'],
		['2024-02-29T23:45:00+08:00', '2024-03-01 00:00 China time, in about 0.3 h'],
		['2024-12-31T16:30:00Z', '2025-01-02 00:00 China time, in about 23.5 h'],
		['2024-03-10T09:30:00Z', '2024-03-11 00:00 China time, in about 6.5 h'],
	])('at %s says %s', (now, expected) => {
		expect(describeErrcode(45009, '', Date.parse(now)).description).toContain(expected);
	});
});
