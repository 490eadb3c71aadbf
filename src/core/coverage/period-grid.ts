/**
 * The periods an interval divides time into, numbered by integers so gaps are differences of indexes.
 *
 * - Fixed intervals (1m … 1w): periods of the interval's length, anchored at the series' first bar. A bar belongs
 *   to the nearest grid point (rounding, not flooring), so daily bars whose UTC hour moves by a DST hour stay on
 *   their own day.
 * - 1mo: calendar months (UTC). Bars may sit anywhere in their month (month start, month end, last trading day):
 *   the month, not the day, is the period.
 */
import { Interval, intervalMs } from '../domain/interval';
import { MS_PER_DAY, MS_PER_WEEK } from '../domain/time';

/** Monday 1970-01-05T00:00:00Z: weekly slots count from Monday midnight UTC. */
export const MONDAY_EPOCH_MS = 4 * MS_PER_DAY;

export interface PeriodGrid {
  /** Index of the period a timestamp belongs to. */
  index(ms: number): number;
  /** Start (fixed grids: the grid point) of period `k`, epoch ms UTC. */
  start(k: number): number;
  /**
   * Periods per week, when periods repeat weekly (every fixed interval up to 1w divides a week); 0 for calendar
   * months, which have no weekly pattern.
   */
  readonly slotsPerWeek: number;
  /** Position of period `k` within its week, 0 … slotsPerWeek − 1 (0 = the period starting Monday 00:00 UTC). */
  slot(k: number): number;
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

export function fixedGrid(anchorMs: number, stepMs: number): PeriodGrid {
  if (!(stepMs > 0) || MS_PER_WEEK % stepMs !== 0) throw new RangeError(`a fixed grid needs a step that divides a week, got ${stepMs} ms`);
  const slotsPerWeek = MS_PER_WEEK / stepMs;
  // Grid points are anchor + k·step, so consecutive periods occupy consecutive weekly slots.
  const slot0 = Math.floor(mod(anchorMs - MONDAY_EPOCH_MS, MS_PER_WEEK) / stepMs);
  return {
    index: (ms) => Math.round((ms - anchorMs) / stepMs),
    start: (k) => anchorMs + k * stepMs,
    slotsPerWeek,
    slot: (k) => mod(slot0 + k, slotsPerWeek),
  };
}

export const monthGrid: PeriodGrid = {
  index(ms) {
    const d = new Date(ms);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  },
  start: (k) => Date.UTC(Math.floor(k / 12), mod(k, 12), 1),
  slotsPerWeek: 0,
  slot: () => 0,
};

/** The grid of `interval` for a series starting at `anchorMs`. */
export function periodGrid(interval: Interval, anchorMs: number): PeriodGrid {
  return interval === Interval.Month1 ? monthGrid : fixedGrid(anchorMs, intervalMs(interval));
}
