/**
 * The unit suites run once per machine time zone (test/run-tests.js sets TZ for each jest run):
 * the machine's zone must never change a result. This check proves the zone really is in effect.
 */
const OFFSETS: Record<string, number> = {
	UTC: 0,
	'Asia/Shanghai': -480,
	'America/Los_Angeles': 480,
	'Pacific/Kiritimati': -840,
};

export function describeMachineTimeZone(): void {
	const tz = process.env.TZ ?? '';
	it(`runs in the machine time zone TZ=${tz || '(unset)'}`, () => {
		const offset = new Date(Date.UTC(2024, 0, 15, 12)).getTimezoneOffset();
		if (tz in OFFSETS) expect(offset).toBe(OFFSETS[tz]);
		else expect(Number.isInteger(offset)).toBe(true);
	});
}
