/**
 * Triple-barrier labels (López de Prado, Advances in Financial Machine Learning, ch. 3, snippets 3.1–3.5):
 * - target trgt[t0] = EWM standard deviation of 1-bar simple returns with `span` at the event bar (pandas
 *   `ewm(span).std()`: adjust = True, bias = False, all history up to t0);
 * - horizontal barriers at +upper·trgt and −lower·trgt on the path return close[s] / close[t0] − 1 (times the side
 *   when a primary signal gives one), s from t0 to the vertical barrier t0 + horizon inclusive; a barrier is touched
 *   when the return goes strictly beyond it; a multiplier of 0 switches that barrier off;
 * - t1 = the first touch, else the vertical barrier; ret = close[t1] / close[t0] − 1 (times the side);
 * - label +1 upper first, −1 lower first, 0 vertical barrier.
 * Events are never dropped silently: one whose target is missing or ≤ minRet (AFML's filter), or whose vertical
 * barrier lies beyond the data without a touch before the end (AFML drops these as t1 = NaN), comes back in `skipped`.
 */
import { ewmStd } from './ewm';
import { simpleReturns } from './returns';
import { assertWindow } from './window';

export interface TripleBarrierOptions {
  /** EWM span of the volatility target, in bars (AFML: 100). */
  span: number;
  /** Barrier multipliers of the target: one number for both, or each side (0 = no such barrier). */
  k: number | { upper: number; lower: number };
  /** Vertical barrier: bars after t0. */
  horizon: number;
  /** Event bars t0, increasing. */
  events: readonly number[];
  /** Side of a primary signal per event (+1 long, −1 short); all +1 when absent. */
  side?: readonly number[];
  /** Events whose target is not above this are skipped (AFML's minRet; default 0). */
  minRet?: number;
}

export type Touch = 'upper' | 'lower' | 'vertical';

export interface BarrierEvent {
  t0: number;
  t1: number;
  label: -1 | 0 | 1;
  ret: number;
  trgt: number;
  side: number;
  touch: Touch;
}

export interface SkippedEvent {
  t0: number;
  reason: 'no-target' | 'below-min-ret' | 'unfinished';
}

export interface TripleBarrierResult {
  events: BarrierEvent[];
  skipped: SkippedEvent[];
  /** The volatility target at every bar (trgt of an event is target[t0]). */
  target: Float64Array;
}

function multipliers(k: TripleBarrierOptions['k']): { upper: number; lower: number } {
  const m = typeof k === 'number' ? { upper: k, lower: k } : k;
  if (!(m.upper >= 0) || !(m.lower >= 0)) throw new RangeError(`barrier multipliers must be >= 0, got ${m.upper} and ${m.lower}`);
  return m;
}

export function tripleBarrierLabels(close: Float64Array, options: TripleBarrierOptions): TripleBarrierResult {
  assertWindow('horizon', options.horizon);
  const { upper, lower } = multipliers(options.k);
  const minRet = options.minRet ?? 0;
  const n = close.length;
  const target = ewmStd(simpleReturns(close), { span: options.span });
  const events: BarrierEvent[] = [];
  const skipped: SkippedEvent[] = [];
  options.events.forEach((t0, e) => {
    if (!Number.isInteger(t0) || t0 < 0 || t0 >= n) throw new RangeError(`event bar ${t0} is outside the ${n} bars`);
    if (e > 0 && t0 <= options.events[e - 1]) throw new RangeError(`event bars must increase: ${t0} after ${options.events[e - 1]}`);
    const side = options.side?.[e] ?? 1;
    if (side !== 1 && side !== -1) throw new RangeError(`side of the event at bar ${t0} must be 1 or -1, got ${side}`);
    const trgt = target[t0];
    if (!(trgt === trgt)) return void skipped.push({ t0, reason: 'no-target' });
    if (!(trgt > minRet)) return void skipped.push({ t0, reason: 'below-min-ret' });
    const up = upper > 0 ? upper * trgt : Infinity;
    const down = lower > 0 ? -lower * trgt : -Infinity;
    const vertical = t0 + options.horizon;
    const last = Math.min(vertical, n - 1);
    let t1 = -1;
    let touch: Touch = 'vertical';
    for (let s = t0; s <= last; s++) {
      const r = (close[s] / close[t0] - 1) * side;
      if (r > up) touch = 'upper';
      else if (r < down) touch = 'lower';
      else continue;
      t1 = s;
      break;
    }
    if (t1 < 0) {
      if (vertical > n - 1) return void skipped.push({ t0, reason: 'unfinished' });
      t1 = vertical;
    }
    const ret = (close[t1] / close[t0] - 1) * side;
    events.push({ t0, t1, label: touch === 'upper' ? 1 : touch === 'lower' ? -1 : 0, ret, trgt, side, touch });
  });
  return { events, skipped, target };
}
