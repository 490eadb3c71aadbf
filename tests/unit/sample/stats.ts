/**
 * Small statistics and checking helpers for the sample-data tests (kept independent of the generator so the
 * tests do not grade the generator with its own code).
 */
import type { OhlcvTable } from '../../../src/core/sample';

export function logReturns(close: Float64Array): number[] {
  const r: number[] = [];
  for (let i = 1; i < close.length; i++) r.push(Math.log(close[i] / close[i - 1]));
  return r;
}

export function mean(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

export function std(x: readonly number[]): number {
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return Math.sqrt(s / x.length);
}

/** Sample autocorrelation at lag k. */
export function autocorrelation(x: readonly number[], k: number): number {
  const m = mean(x);
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    den += (x[i] - m) * (x[i] - m);
    if (i >= k) num += (x[i] - m) * (x[i - k] - m);
  }
  return num / den;
}

/** Sample excess kurtosis (0 for a normal distribution). */
export function excessKurtosis(x: readonly number[]): number {
  const m = mean(x);
  let s2 = 0;
  let s4 = 0;
  for (const v of x) {
    const d = (v - m) * (v - m);
    s2 += d;
    s4 += d * d;
  }
  s2 /= x.length;
  s4 /= x.length;
  return s4 / (s2 * s2) - 3;
}

export function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let c = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    c += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) * (a[i] - ma);
    vb += (b[i] - mb) * (b[i] - mb);
  }
  return c / Math.sqrt(va * vb);
}

/** Variance of non-overlapping q-bar log returns over q × the variance of 1-bar returns (1 for a random walk). */
export function varianceRatio(close: Float64Array, q: number): number {
  const r1 = logReturns(close);
  const rq: number[] = [];
  for (let i = q; i < close.length; i += q) rq.push(Math.log(close[i] / close[i - q]));
  return std(rq) ** 2 / (q * std(r1) ** 2);
}

/** Every broken OHLCV rule, as readable strings (empty when the series is valid). */
export function ohlcvViolations(c: OhlcvTable): string[] {
  const out: string[] = [];
  const n = c.timestamp.length;
  for (const key of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (c[key].length !== n) out.push(`${key} has length ${c[key].length}, expected ${n}`);
  }
  for (let i = 0; i < n && out.length < 20; i++) {
    const o = c.open[i],
      h = c.high[i],
      l = c.low[i],
      cl = c.close[i],
      v = c.volume[i],
      t = c.timestamp[i];
    if (![o, h, l, cl, v, t].every(Number.isFinite)) out.push(`bar ${i}: non-finite value`);
    if (!(h >= Math.max(o, cl))) out.push(`bar ${i}: high ${h} < max(open ${o}, close ${cl})`);
    if (!(l <= Math.min(o, cl))) out.push(`bar ${i}: low ${l} > min(open ${o}, close ${cl})`);
    if (!(l > 0)) out.push(`bar ${i}: low ${l} is not positive`);
    if (!(v >= 0 && Number.isInteger(v))) out.push(`bar ${i}: volume ${v} is not a non-negative integer`);
    if (!Number.isInteger(t)) out.push(`bar ${i}: timestamp ${t} is not an integer`);
    if (i > 0 && !(t > c.timestamp[i - 1])) out.push(`bar ${i}: timestamp ${t} does not increase`);
  }
  return out;
}

/** FNV-1a (32-bit) over all columns as little-endian IEEE-754 doubles: a fingerprint of the exact bits. */
export function columnsFingerprint(c: OhlcvTable): string {
  let h = 0x811c9dc5;
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  for (const key of ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const) {
    const col = c[key];
    for (let i = 0; i < col.length; i++) {
      view.setFloat64(0, col[i], true);
      for (let b = 0; b < 8; b++) h = Math.imul(h ^ bytes[b], 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

/** Two columns equal bit for bit (distinguishes -0/+0 and NaN payloads, unlike ===). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
