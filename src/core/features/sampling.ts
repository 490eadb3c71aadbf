/**
 * Event sampling rules: which bars start a labelled event. `everyNBars(20)` gives bars 20, 40, … — bar 0 is left
 * out, since no return (hence no volatility target) exists there.
 */
import { assertWindow } from './window';

export function everyNBars(length: number, every: number, first = every): number[] {
  assertWindow('every', every);
  assertWindow('first', first, 0);
  const out: number[] = [];
  for (let t = first; t < length; t += every) out.push(t);
  return out;
}
