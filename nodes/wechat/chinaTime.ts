/** China Standard Time: UTC+8, no daylight saving since 1991. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
