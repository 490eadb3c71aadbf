/**
 * Symmetric CUSUM filter (López de Prado, Advances in Financial Machine Learning, §2.5.2.1, snippet 2.4 `getTEvents`):
 * an event is sampled when the move since the last event, in either direction, has gone beyond a threshold h,
 * rather than on a fixed clock — so calm stretches give few events and turbulent ones many.
 *
 * On log returns r[t] = ln(close[t] / close[t-1]) (the book's input is the log price, whose first difference this
 * is; log moves add up over bars and an up and a down move of one size cancel, which simple returns do not):
 *   S+[t] = max(0, S+[t-1] + r[t]),  S-[t] = min(0, S-[t-1] + r[t]),  S±[0] = 0
 *   if S-[t] < -h: event at t, S- = 0;  else if S+[t] > h: event at t, S+ = 0   (the other sum is kept, as in the book)
 * Strictly beyond h, as the book's `<` and `>`.
 *
 * h is either a fixed log-return (`h`), or a multiple of a volatility target per bar (`multiple × target[t]`, the
 * triple-barrier labels' daily volatility; the book's exercises set h from that volatility). Where the target is not
 * defined yet (NaN, the first bars), the bar is passed over: the sums stay as they are and no event is sampled.
 */
import { logReturns } from './returns';

export type CusumThreshold = { h: number } | { multiple: number; target: Float64Array };

function checkThreshold(n: number, threshold: CusumThreshold): void {
  if ('h' in threshold) {
    if (!(Number.isFinite(threshold.h) && threshold.h > 0)) throw new RangeError(`CUSUM threshold must be a number > 0, got ${threshold.h}`);
    return;
  }
  if (!(Number.isFinite(threshold.multiple) && threshold.multiple > 0))
    throw new RangeError(`CUSUM threshold multiple must be a number > 0, got ${threshold.multiple}`);
  if (threshold.target.length !== n) throw new RangeError(`CUSUM target has ${threshold.target.length} values for ${n} bars`);
}

/** The event bars (increasing, each ≥ 1) the symmetric CUSUM filter samples from the closes. */
export function cusumEvents(close: Float64Array, threshold: CusumThreshold): number[] {
  const n = close.length;
  checkThreshold(n, threshold);
  const r = logReturns(close);
  const events: number[] = [];
  let up = 0;
  let down = 0;
  for (let t = 1; t < n; t++) {
    const h = 'h' in threshold ? threshold.h : threshold.multiple * threshold.target[t];
    if (!(h === h)) continue;
    if (!Number.isFinite(r[t])) throw new RangeError(`the return at bar ${t} is not finite (close ${close[t - 1]} → ${close[t]})`);
    up = Math.max(0, up + r[t]);
    down = Math.min(0, down + r[t]);
    if (down < -h) {
      down = 0;
      events.push(t);
    } else if (up > h) {
      up = 0;
      events.push(t);
    }
  }
  return events;
}
