import { EngineConfigError } from './errors';

/**
 * The lab engine's input: K instruments on one union timeline of T timestamps.
 *
 * Layout: every price column is a flat Float64Array of K×T values, **instrument-major**: the value of
 * instrument k at timeline index t is at `k * T + t`, so `open.subarray(k * T, (k + 1) * T)` is instrument
 * k's whole series (a zero-copy view for charts and indicators).
 *
 * A missing bar is NaN: where instrument k has no bar at timestamp t, its open, high, low and close are NaN
 * (volume may be anything and is ignored). An instrument cannot fill, trigger, ratchet or count held bars at
 * a timestamp where it has no bar; it is marked to market at its last known close.
 *
 * Rules checked by `validateTimeline` (first violation reported, naming instrument, index and timestamp):
 * - `time` is finite and strictly increasing (epoch milliseconds UTC of each bar's open);
 * - a bar is either fully missing (open, high, low, close all NaN) or fully present;
 * - a present bar has finite prices > 0, high ≥ max(open, close), low ≤ min(open, close);
 * - a present bar's volume is finite and ≥ 0, or NaN (unknown volume counts as 0 under a volume cap).
 */
export interface LabTimeline {
  readonly instruments: readonly string[];
  /** T timestamps, epoch milliseconds UTC, strictly increasing. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export function timelineLength(tl: LabTimeline): number {
  return tl.time.length;
}

/** Flat index of instrument k at timeline index t. */
export function cell(tl: LabTimeline, k: number, t: number): number {
  return k * tl.time.length + t;
}

function at(tl: LabTimeline, k: number, t: number): string {
  const ts = tl.time[t];
  const iso = Number.isFinite(ts) ? new Date(ts).toISOString() : String(ts);
  return `instrument "${tl.instruments[k]}" (k=${k}) at index ${t} (${iso})`;
}

export function validateTimeline(tl: LabTimeline): void {
  const K = tl.instruments.length;
  const T = tl.time.length;
  if (K < 1) throw new EngineConfigError('timeline: at least one instrument is required');
  if (T < 1) throw new EngineConfigError('timeline: at least one timestamp is required');
  const seen = new Set<string>();
  for (let k = 0; k < K; k++) {
    const name = tl.instruments[k];
    if (typeof name !== 'string' || name.length === 0) throw new EngineConfigError(`timeline: instrument ${k} has no name`);
    if (seen.has(name)) throw new EngineConfigError(`timeline: instrument "${name}" appears twice`);
    seen.add(name);
  }
  const columns = ['open', 'high', 'low', 'close', 'volume'] as const;
  for (const c of columns) {
    if (tl[c].length !== K * T) {
      throw new EngineConfigError(`timeline: column ${c} has ${tl[c].length} values, expected K×T = ${K}×${T} = ${K * T}`);
    }
  }
  for (let t = 0; t < T; t++) {
    if (!Number.isFinite(tl.time[t])) throw new EngineConfigError(`timeline: time[${t}] is not finite (${tl.time[t]})`);
    if (t > 0 && !(tl.time[t] > tl.time[t - 1])) {
      throw new EngineConfigError(`timeline: time must be strictly increasing; time[${t}] = ${tl.time[t]} ≤ time[${t - 1}] = ${tl.time[t - 1]}`);
    }
  }
  const { open, high, low, close, volume } = tl;
  for (let k = 0; k < K; k++) {
    for (let t = 0; t < T; t++) {
      const i = k * T + t;
      // Fast path, exactly the rules below: 0 < low ≤ open, close ≤ high < ∞ makes all four finite and > 0;
      // a bar missing all four is fine too. Anything else goes through the checks that name the rule.
      const lo = low[i];
      const hi = high[i];
      if (lo > 0 && hi < Infinity && lo <= open[i] && lo <= close[i] && open[i] <= hi && close[i] <= hi) {
        const vol = volume[i];
        if (vol >= 0 ? vol < Infinity : vol !== vol) continue;
      } else if (lo !== lo && hi !== hi && open[i] !== open[i] && close[i] !== close[i]) continue;
      const o = tl.open[i],
        h = tl.high[i],
        l = tl.low[i],
        c = tl.close[i],
        v = tl.volume[i];
      const missing = Number.isNaN(o) ? 1 : 0;
      if (Number.isNaN(h) !== (missing === 1) || Number.isNaN(l) !== (missing === 1) || Number.isNaN(c) !== (missing === 1)) {
        throw new EngineConfigError(
          `timeline: ${at(tl, k, t)}: a bar is all NaN (missing) or has all of open, high, low, close [o=${o} h=${h} l=${l} c=${c}]`,
        );
      }
      if (missing === 1) continue;
      if (!(Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(c)) || !(o > 0 && h > 0 && l > 0 && c > 0)) {
        throw new EngineConfigError(`timeline: ${at(tl, k, t)}: prices must be finite and > 0 [o=${o} h=${h} l=${l} c=${c}]`);
      }
      if (h < o || h < c || l > o || l > c) {
        throw new EngineConfigError(
          `timeline: ${at(tl, k, t)}: expected low ≤ min(open, close) and high ≥ max(open, close) [o=${o} h=${h} l=${l} c=${c}]`,
        );
      }
      if (!Number.isNaN(v) && !(v >= 0 && Number.isFinite(v))) {
        throw new EngineConfigError(`timeline: ${at(tl, k, t)}: volume must be finite and ≥ 0, or NaN for unknown, got ${v}`);
      }
    }
  }
}
