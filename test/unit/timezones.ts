/**
 * Time-zone-sensitive suites (dates, planning, the China-midnight quota reset: anything a machine zone
 * could move) start with the line `// @tz-sensitive`. test/run-tests.js runs them once per zone in
 * timezones.json, each in its own jest process with TZ set, and every other suite once in
 * `defaultZone` (jest.config.js applies it to plain `npx jest` too).
 *
 * Such a suite wraps its tests in `describeInMachineZone(name, tests)`: the suite name carries the zone,
 * so a check run under four zones is four labelled checks (run-tests.js refuses duplicate names), and
 * the first check proves the zone is really in effect: Node resolves it (Intl) and Date's local time
 * follows it, in winter and in summer. It fails when TZ is ignored or misspelt.
 */
import zones from './timezones.json';

const OFFSETS: Record<string, number[]> = zones.offsets;
const WINTER = Date.UTC(2024, 0, 15, 12);
const SUMMER = Date.UTC(2024, 6, 15, 12);

export function describeInMachineZone(name: string, tests: () => void): void {
	const zone = process.env.TZ ?? '';
	describe(`${name} [TZ=${zone}]`, () => {
		it(`runs with the machine time zone ${zone}`, () => {
			expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
			expect(Object.keys(OFFSETS)).toContain(zone);
			expect([WINTER, SUMMER].map((instant) => new Date(instant).getTimezoneOffset())).toEqual(OFFSETS[zone]);
			const localHour = (12 - OFFSETS[zone][0] / 60 + 24) % 24;
			expect(new Date(WINTER).getHours()).toBe(localHour);
		});
		tests();
	});
}
