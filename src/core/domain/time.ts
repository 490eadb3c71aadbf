/**
 * Fixed lengths of time in epoch milliseconds. Epoch time has no leap seconds, so every UTC day is exactly
 * MS_PER_DAY long; calendar months and years are not fixed and have no constant here.
 */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
export const MS_PER_WEEK = 7 * MS_PER_DAY;
