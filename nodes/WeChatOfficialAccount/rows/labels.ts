/** Readable names for WeChat's numeric codes. */

export const MSG_TYPE_NAMES: Readonly<Record<number, string>> = {
	1: 'text',
	2: 'image',
	3: 'voice',
	4: 'video',
	6: 'third-party app link',
};

export const COUNT_INTERVAL_LABELS: Readonly<Record<number, string>> = {
	0: '0',
	1: '1-5',
	2: '6-10',
	3: '>10',
};

export function msgTypeName(code: number): string {
	return MSG_TYPE_NAMES[code] ?? `type ${code}`;
}

export function countIntervalLabel(code: number): string {
	return COUNT_INTERVAL_LABELS[code] ?? `interval ${code}`;
}

const HOUR_SUFFIXES = Array.from({ length: 24 }, (_, hour) => `T${hour < 10 ? '0' : ''}${hour}:00:00+08:00`);

/** ISO start of the hour (0-23) in China time, e.g. 2024-03-01T05:00:00+08:00 */
export function hourStart(refDate: string, hour: number): string {
	return refDate + HOUR_SUFFIXES[hour];
}
