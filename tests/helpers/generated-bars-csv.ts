/**
 * Seeded minute-bar CSV text for tests that need more rows than one import batch (65,536): a random walk on
 * weekdays (weekends skipped, so the trading week is inferred), with optional damage at chosen rows.
 */
import { Rng } from '../../src/core/rng';

export interface GeneratedCsvOptions {
  rows: number;
  seed?: number;
  /** Line ending; default '\n'. */
  eol?: string;
  /** Data row index (0-based) → replacement line text (without the line ending). */
  damage?: ReadonlyMap<number, string>;
  /** Every k-th row's volume is written as a quoted field (exercises the quoted path). */
  quoteEvery?: number;
}

export function generatedBarsCsv(options: GeneratedCsvOptions): string {
  const rng = new Rng(options.seed ?? 7);
  const eol = options.eol ?? '\n';
  const lines = ['timestamp,open,high,low,close,volume'];
  let p = 100;
  let t = Date.UTC(2020, 0, 6, 9, 30);
  for (let i = 0; i < options.rows; i++) {
    const day = new Date(t).getUTCDay();
    if (day === 6) t += 2 * 86_400_000;
    else if (day === 0) t += 86_400_000;
    const o = p;
    p = Math.max(1, p * (1 + (rng.nextFloat() - 0.5) * 0.002));
    const hi = Math.max(o, p) * (1 + rng.nextFloat() * 0.001);
    const lo = Math.min(o, p) * (1 - rng.nextFloat() * 0.001);
    const vol = String(Math.floor(rng.nextFloat() * 1e5));
    const volume = options.quoteEvery !== undefined && i % options.quoteEvery === 0 ? `"${vol}"` : vol;
    lines.push(options.damage?.get(i) ?? `${new Date(t).toISOString()},${o.toFixed(4)},${hi.toFixed(4)},${lo.toFixed(4)},${p.toFixed(4)},${volume}`);
    t += 60_000;
  }
  return lines.join(eol) + eol;
}
