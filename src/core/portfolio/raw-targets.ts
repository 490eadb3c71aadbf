/**
 * Phase 1 of a portfolio run: the strategy's raw target weights. The strategy is driven bar by bar over the
 * timeline through a recording context: it sees the data revealed up to each bar (the same look-ahead guard as a
 * run) and an account that never changes — cash = the starting cash, no positions, orders accepted and dropped —
 * so its decisions cannot depend on fills. TargetPositions tells the context the weights it was asked for
 * (LabBarContext.targetsStated); those are the raw targets, one row per bar where the strategy stated any.
 */
import { Revealed, revealDataUpTo } from '../lab/bar-context';
import { resolveInstrument } from '../lab/order-request';
import type { LabBarContext, Strategy } from '../lab/strategy';
import type { LabTimeline } from '../lab/timeline';

export interface RawTargets {
  /** Bars where the strategy stated targets, increasing. */
  bars: number[];
  /** Row-major bars.length × K weights; a NaN ("leave alone") weight is recorded as 0: never bought, not held. */
  weights: Float64Array;
}

class RecordingContext implements LabBarContext {
  readonly instruments: readonly string[];
  readonly data: Revealed;
  readonly rows: { bar: number; weights: Float64Array }[] = [];
  private readonly names: ReadonlyMap<string, number>;
  private readonly lots: Float64Array;
  private nextOrder = 0;

  constructor(
    private readonly tl: LabTimeline,
    readonly initialCash: number,
    lotSize: Float64Array,
    marks: { markOf(k: number): number },
  ) {
    this.instruments = tl.instruments;
    this.names = new Map(tl.instruments.map((n, k) => [n, k]));
    this.lots = lotSize;
    this.data = new Revealed(tl, this.names, marks);
  }
  get bar(): number {
    return this.data.bar;
  }
  get time(): number {
    return this.tl.time[this.data.bar];
  }
  instrument(name: string): number {
    return resolveInstrument(`bar ${this.bar}`, name, this.instruments, this.names);
  }
  private k(instrument: number | string): number {
    return typeof instrument === 'number' ? instrument : this.instrument(instrument);
  }
  cash(): number {
    return this.initialCash;
  }
  nav(): number {
    return this.initialCash;
  }
  position(): number {
    return 0;
  }
  lotSize(instrument: number | string): number {
    return this.lots[this.k(instrument)];
  }
  openTrades(): number {
    return 0;
  }
  workingOrders(): number {
    return 0;
  }
  submit(): number {
    return this.nextOrder++;
  }
  cancel(): void {}
  closePosition(): number {
    return -1;
  }
  targetsStated(weights: Float64Array): void {
    // NaN ("leave alone") and −0 are recorded as 0: the instrument is not held either way.
    const row = Float64Array.from(weights, (w) => (Number.isNaN(w) || w === 0 ? 0 : w));
    const last = this.rows[this.rows.length - 1];
    // Stated twice at one bar: the later statement is what the strategy decided.
    if (last !== undefined && last.bar === this.bar) last.weights = row;
    else this.rows.push({ bar: this.bar, weights: row });
  }
}

/** Runs `strategy` over the timeline for its target weights only (`lotSize` one per instrument). */
export function recordRawTargets(tl: LabTimeline, strategy: Strategy, cash: number, lotSize: Float64Array): RawTargets {
  const T = tl.time.length;
  const K = tl.instruments.length;
  const last = new Float64Array(K).fill(NaN);
  const ctx = new RecordingContext(tl, cash, lotSize, { markOf: (k) => last[k] });
  strategy.initialize?.(ctx);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < K; k++) {
      const c = tl.close[k * T + t];
      if (c === c) last[k] = c;
    }
    revealDataUpTo(ctx.data, t);
    strategy.onBar(ctx);
  }
  const weights = new Float64Array(ctx.rows.length * K);
  ctx.rows.forEach((r, j) => weights.set(r.weights, j * K));
  return { bars: ctx.rows.map((r) => r.bar), weights };
}
