// The generated universe of the lab benches: K instruments × T daily weekday bars from 2015-01-05, seeded, with a
// market factor, ten sector factors with their own trends and an idiosyncratic part with a drift per instrument
// (momentum ranks persist, so xmom trades). bench/lab-universe.ts and bench/lab-sweep.ts both run on it, so the two
// benches measure the same bars.
import type { LabTimeline } from '../src/core/lab';
import { Rng } from '../src/core/rng';
import { MS_PER_DAY } from '../src/core/domain/time';

/** A zero-mean, unit-variance draw from four uniforms (Irwin–Hall): only +, −, × on the seeded stream. */
function gauss(rng: Rng): number {
  return (rng.nextFloat() + rng.nextFloat() + rng.nextFloat() + rng.nextFloat() - 2) * Math.sqrt(3);
}

export function generatedUniverse(K: number, T: number): LabTimeline {
  const rng = new Rng(20_251_207);
  const n = K * T;
  const tl = {
    instruments: Array.from({ length: K }, (_, k) => `S${String(k).padStart(3, '0')}`),
    time: new Float64Array(T),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let day = Date.UTC(2015, 0, 5);
  for (let t = 0; t < T; t++) {
    tl.time[t] = day;
    day += new Date(day).getUTCDay() === 5 ? 3 * MS_PER_DAY : MS_PER_DAY;
  }
  const market = new Float64Array(T);
  const sector = new Float64Array(10 * T);
  for (let t = 0; t < T; t++) market[t] = 0.0003 + 0.01 * gauss(rng);
  for (let s = 0; s < 10; s++) {
    const drift = (rng.nextFloat() - 0.5) * 0.001;
    for (let t = 0; t < T; t++) sector[s * T + t] = drift + 0.007 * gauss(rng);
  }
  for (let k = 0; k < K; k++) {
    const s = k % 10;
    const drift = (rng.nextFloat() - 0.5) * 0.0016;
    const vol = 0.008 + 0.02 * rng.nextFloat();
    let p = 20 + 180 * rng.nextFloat();
    for (let t = 0; t < T; t++) {
      const i = k * T + t;
      const o = p * (1 + 0.002 * gauss(rng));
      p = o * (1 + market[t] + sector[s * T + t] + drift + vol * gauss(rng));
      tl.open[i] = o;
      tl.close[i] = p;
      tl.high[i] = Math.max(o, p) * (1 + 0.004 * rng.nextFloat());
      tl.low[i] = Math.min(o, p) * (1 - 0.004 * rng.nextFloat());
      tl.volume[i] = 1e6;
    }
  }
  return tl;
}
