// Fixed lengths of time in epoch milliseconds, the twin of src/core/domain/time.ts (no leap seconds in epoch time).
export const MS_PER_MINUTE: f64 = 60000;
export const MS_PER_HOUR: f64 = 3600000;
export const MS_PER_DAY: f64 = 86400000;
