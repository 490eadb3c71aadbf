/**
 * The trading week, inferred from the data: which weekly slots (days for daily bars, hours for hourly bars, …) the
 * market is open in, so closed periods (weekends, FX's Friday-evening-to-Sunday-evening break, an exchange's night)
 * are not reported as gaps.
 *
 * Rule (documented in the report as `TRADING_WEEK_RULE`): count, for every weekly slot, how many bars fall in it; a
 * slot is in session when it holds at least 3/4 as many bars as the busiest slot. So:
 * - Daily equity data with no Saturday/Sunday bars: weekends are out of session, Monday–Friday in session; a
 *   weekday holiday is a missing in-session day and IS reported (holidays remove far fewer than 1/4 of a weekday's
 *   bars).
 * - Hourly FX: the weekend break is out of session hour by hour. Slots the market opens only part of the year (the
 *   Sunday/Friday hour that moves with daylight saving time) hold fewer than 3/4 of the busiest slot's bars, so they
 *   are neither expected nor flagged; bars in them still count as present.
 * - A long outage lowers every slot alike; comparing with the busiest slot (not with the number of weeks) keeps the
 *   session unchanged, so the outage is reported as a gap rather than hidden.
 * Limits: with only a few weeks of data the inference is weak (one missing Monday out of two is half of Monday's
 * bars); callers who know the market is continuous pass `tradingWeek: 'continuous'`.
 */
import type { PeriodGrid } from './period-grid';

export const TRADING_WEEK_RULE =
  'a weekly slot is in session when it holds at least 3/4 as many bars as the busiest slot (UTC weeks from Monday 00:00)';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface TradingWeek {
  readonly slotsPerWeek: number;
  /** inSession[s]: slot s is expected to hold a bar. */
  readonly inSession: Uint8Array;
  /** How many slots are in session. */
  readonly sessionSlots: number;
  /** Days of the week with at least one slot in session (UTC). */
  readonly days: Weekday[];
}

export type TradingWeekMode = 'infer' | 'continuous';

/** The trading week of the periods `indexes` (distinct period indexes of one instrument) on `grid`. */
export function inferTradingWeek(grid: PeriodGrid, indexes: ArrayLike<number>, mode: TradingWeekMode = 'infer'): TradingWeek {
  if (mode === 'continuous' || indexes.length === 0) return tradingWeekFromHits(grid.slotsPerWeek, null);
  const hits = new Uint32Array(grid.slotsPerWeek);
  for (let i = 0; i < indexes.length; i++) hits[grid.slot(indexes[i])]++;
  return tradingWeekFromHits(grid.slotsPerWeek, hits);
}

/**
 * The trading week from how many periods fell in each weekly slot (counted as periods stream by); null hits: every
 * slot is in session (continuous mode, or no periods).
 */
export function tradingWeekFromHits(slots: number, hits: Uint32Array | null): TradingWeek {
  const inSession = new Uint8Array(slots);
  if (hits === null) {
    inSession.fill(1);
  } else {
    let busiest = 0;
    for (let s = 0; s < slots; s++) if (hits[s] > busiest) busiest = hits[s];
    for (let s = 0; s < slots; s++) inSession[s] = hits[s] * 4 >= busiest * 3 ? 1 : 0;
  }
  let sessionSlots = 0;
  const perDay = slots / 7;
  const dayOpen = new Array<boolean>(7).fill(false);
  for (let s = 0; s < slots; s++) {
    if (inSession[s] === 0) continue;
    sessionSlots++;
    // A slot longer than a day (weekly bars) opens every day it spans.
    if (perDay >= 1) dayOpen[Math.floor(s / perDay)] = true;
    else dayOpen.fill(true);
  }
  return { slotsPerWeek: slots, inSession, sessionSlots, days: WEEKDAYS.filter((_, d) => dayOpen[d]) };
}

/** Counts in-session periods among indexes [from, to] (inclusive; 0 if from > to) in O(1) after O(slots) setup. */
export class SessionCounter {
  private readonly prefix: Uint32Array;

  constructor(
    private readonly grid: PeriodGrid,
    private readonly week: TradingWeek | null,
  ) {
    this.prefix = new Uint32Array((week?.slotsPerWeek ?? 0) + 1);
    if (week) for (let s = 0; s < week.slotsPerWeek; s++) this.prefix[s + 1] = this.prefix[s] + week.inSession[s];
  }

  isInSession(k: number): boolean {
    return this.week === null || this.week.inSession[this.grid.slot(k)] === 1;
  }

  count(from: number, to: number): number {
    if (from > to) return 0;
    const n = to - from + 1;
    if (this.week === null) return n;
    const slots = this.week.slotsPerWeek;
    const p = this.prefix;
    const full = Math.floor(n / slots);
    const rest = n - full * slots;
    const s0 = this.grid.slot(from);
    const partial = s0 + rest <= slots ? p[s0 + rest] - p[s0] : p[slots] - p[s0] + p[s0 + rest - slots];
    return full * p[slots] + partial;
  }

  /** First in-session index in [from, to], or undefined. Scans at most one week of slots. */
  first(from: number, to: number): number | undefined {
    const limit = this.week === null ? from : Math.min(to, from + this.week.slotsPerWeek - 1);
    for (let k = from; k <= limit && k <= to; k++) if (this.isInSession(k)) return k;
    return undefined;
  }

  /** Last in-session index in [from, to], or undefined. */
  last(from: number, to: number): number | undefined {
    const limit = this.week === null ? to : Math.max(from, to - this.week.slotsPerWeek + 1);
    for (let k = to; k >= limit && k >= from; k--) if (this.isInSession(k)) return k;
    return undefined;
  }
}
