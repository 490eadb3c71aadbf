import { Rng } from '../../../src/core/rng';
import type { LabBarContext, LabTimeline, OrderRequest, Strategy } from '../../../src/core/lab';
import { MS_PER_DAY } from '../../../src/core/domain/time';

/** Test fixtures for the lab engine: tiny hand-written timelines and scripted strategies. */

/** 2024-01-01T00:00:00Z: bar t of a fixture is at T0 + t days. */
export const T0 = Date.UTC(2024, 0, 1);

/** [open, high, low, close] or [open, high, low, close, volume]; null: no bar. */
export type Row = readonly [number, number, number, number] | readonly [number, number, number, number, number] | null;

/** A timeline from per-instrument rows (all the same length), daily bars from T0, volume 1e9 unless given. */
export function timelineOf(series: Readonly<Record<string, readonly Row[]>>): LabTimeline {
  const names = Object.keys(series);
  const T = series[names[0]].length;
  const K = names.length;
  const make = (): Float64Array => new Float64Array(K * T).fill(NaN);
  const tl = { instruments: names, time: new Float64Array(T), open: make(), high: make(), low: make(), close: make(), volume: make() };
  for (let t = 0; t < T; t++) tl.time[t] = T0 + t * MS_PER_DAY;
  names.forEach((name, k) => {
    const rows = series[name];
    if (rows.length !== T) throw new Error(`fixture: ${name} has ${rows.length} rows, expected ${T}`);
    rows.forEach((row, t) => {
      if (row === null) return;
      const i = k * T + t;
      tl.open[i] = row[0];
      tl.high[i] = row[1];
      tl.low[i] = row[2];
      tl.close[i] = row[3];
      tl.volume[i] = row.length === 5 ? row[4] : 1e9;
    });
  });
  return tl;
}

/** Flat bars at one price (open = high = low = close). */
export function flat(price: number, n: number): Row[] {
  return Array.from({ length: n }, () => [price, price, price, price] as const);
}

/** A strategy that submits the given orders at the given bars, and optionally runs a probe on every bar. */
export function scripted(orders: Readonly<Record<number, readonly OrderRequest[]>>, probe?: (ctx: LabBarContext) => void): Strategy {
  return {
    onBar(ctx) {
      probe?.(ctx);
      return orders[ctx.bar];
    },
  };
}

/**
 * A seeded random multi-instrument market: a multiplicative random walk per instrument with consistent
 * OHLC, gaps between bars, volume, and missing bars at rate `missing` (the first bar of instrument 0 is never
 * missing). Uses only nextFloat of the shared RNG, so it is the same everywhere.
 */
export function randomMarket(seed: number, K: number, T: number, missing: number): LabTimeline {
  const rng = new Rng(seed);
  const make = (): Float64Array => new Float64Array(K * T).fill(NaN);
  const tl = {
    instruments: Array.from({ length: K }, (_, k) => `I${k}`),
    time: new Float64Array(T),
    open: make(),
    high: make(),
    low: make(),
    close: make(),
    volume: make(),
  };
  for (let t = 0; t < T; t++) tl.time[t] = T0 + t * MS_PER_DAY;
  for (let k = 0; k < K; k++) {
    let last = 20 + 200 * rng.nextFloat();
    for (let t = 0; t < T; t++) {
      if (rng.nextFloat() < missing && !(k === 0 && t === 0)) continue;
      const i = k * T + t;
      const o = last * (1 + 0.04 * (rng.nextFloat() - 0.5));
      const c = o * (1 + 0.08 * (rng.nextFloat() - 0.5));
      tl.open[i] = o;
      tl.close[i] = c;
      tl.high[i] = Math.max(o, c) * (1 + 0.03 * rng.nextFloat());
      tl.low[i] = Math.min(o, c) * (1 - 0.03 * rng.nextFloat());
      tl.volume[i] = Math.floor(50 + 2000 * rng.nextFloat());
      last = c;
    }
  }
  return tl;
}

/** Byte-for-byte equality of two typed arrays. */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** One scripted action of a random strategy (see `actionStrategy`). */
export interface Action {
  readonly bar: number;
  readonly instrument: number;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit' | 'stop' | 'stop-limit' | 'trailing-stop' | 'close';
  readonly quantity: number;
  /** Distance of the order's level from the last close, as a fraction in [0, 0.1]. */
  readonly offset: number;
  readonly stopLossFraction?: number;
  readonly takeProfitFraction?: number;
  readonly trailFraction?: number;
  readonly timeStopBars?: number;
}

/**
 * A strategy that replays actions at their bar (modulo the timeline length). Levels are placed relative to
 * the instrument's last known close; actions on an instrument with no close yet are skipped.
 */
export function actionStrategy(actions: readonly Action[], T: number): Strategy {
  return {
    onBar(ctx) {
      for (const a of actions) {
        if (a.bar % T !== ctx.bar) continue;
        const last = ctx.data.lastClose(a.instrument);
        if (!(last > 0)) continue;
        if (a.type === 'close') {
          ctx.closePosition(a.instrument);
          continue;
        }
        const s = a.side === 'buy' ? 1 : -1;
        const exits = {
          ...(a.stopLossFraction === undefined ? {} : { stopLossFraction: a.stopLossFraction }),
          ...(a.takeProfitFraction === undefined ? {} : { takeProfitFraction: a.takeProfitFraction }),
          ...(a.trailFraction === undefined ? {} : { trailFraction: a.trailFraction }),
          ...(a.timeStopBars === undefined ? {} : { timeStopBars: a.timeStopBars }),
        };
        const base: OrderRequest = { instrument: a.instrument, side: a.side, quantity: a.quantity, exits };
        if (a.type === 'market') ctx.submit(base);
        else if (a.type === 'limit') ctx.submit({ ...base, type: 'limit', limit: last * (1 - s * a.offset) });
        else if (a.type === 'stop') ctx.submit({ ...base, type: 'stop', stop: last * (1 + s * a.offset) });
        else if (a.type === 'stop-limit') {
          const stop = last * (1 + s * a.offset);
          ctx.submit({ ...base, type: 'stop-limit', stop, limit: stop * (1 + s * 0.01) });
        } else ctx.submit({ ...base, type: 'trailing-stop', trailFraction: Math.max(a.offset, 0.001) });
      }
    },
  };
}
