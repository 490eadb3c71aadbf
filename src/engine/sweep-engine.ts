import {
  resolveOptions,
  validateBars,
  validateSmaCrossParams,
  type BacktestOptions,
  type BacktestOptionsInput,
  type Bars,
  type SmaCrossParams,
} from '../core/compat';
import { COMPAT_STATS_KEYS, isoSeconds, type CompatStats } from '../core/stats';
import { CompatEngine, type CompatExports, type CompatStrategy } from './compat';
import { instantiateEngineModule } from './engine-imports';

/** The sweep exports of engine-wasm/assembly/sweep/exports.ts, and the statistics' slot names. */
export interface SweepExports {
  memory: WebAssembly.Memory;
  scratch(bytes: number): number;
  sweepBarsBuffer(n: number): number;
  sweepPrepare(n: number): number;
  sweepBarsId(): number;
  sweepRun(strategyId: number, paramsPtr: number, nCombos: number, nParams: number, optionsPtr: number, outPtr: number): number;
  sweepOptionCount(): number;
  sweepFirstFailure(): number;
  sweepFailureCode(): number;
  sweepFailureValue(k: number): number;
  statsSlots(): number;
  statsKeyNames(): number;
  statsKeyNamesLength(): number;
}

const REQUIRED_EXPORTS: readonly (keyof SweepExports)[] = [
  'memory',
  'scratch',
  'sweepBarsBuffer',
  'sweepPrepare',
  'sweepBarsId',
  'sweepRun',
  'sweepOptionCount',
  'sweepFirstFailure',
  'sweepFailureCode',
  'sweepFailureValue',
  'statsSlots',
  'statsKeyNames',
  'statsKeyNamesLength',
];

/** Built-in strategies a sweep can run, with the parameters of one combination. */
export interface SweepParamsOf {
  'sma-cross': SmaCrossParams;
  'broker-probe': Record<string, never>;
}
export type SweepStrategy = keyof SweepParamsOf;

/** The backtester's options plus the statistics' annual risk-free rate (a fraction in (-1, 1), default 0). */
export interface SweepOptions extends BacktestOptionsInput {
  riskFreeRate?: number;
}

/** Statistics of every combination: row c holds combination c's values in `keys` order. */
export interface SweepResult {
  /** count × keys.length values; start/end as epoch ms, durations in days, NaN where undefined. */
  stats: Float64Array;
  keys: readonly (keyof CompatStats)[];
  count: number;
}

/**
 * A sweep checked and encoded for the engine: what a worker needs to run any slice of it. Plain data (typed
 * arrays and numbers), so it travels to workers as it is.
 */
export interface EncodedSweep {
  strategy: SweepStrategy;
  strategyId: number;
  /** Parameters per combination and the combinations' parameters, row after row. */
  nParams: number;
  params: Float64Array;
  count: number;
  /** The resolved backtester options (kept to reproduce a failing combination's error). */
  backtest: BacktestOptions;
  /** The engine's options block (engine-wasm/assembly/sweep/run.ts). */
  options: Float64Array;
}

/** A combination whose run failed: the lowest such index and the error the CompatEngine facade throws for it. */
export interface SweepFailure {
  index: number;
  error: Error;
}

// Ids and parameter encodings of engine-wasm/assembly/compat/strategies/index.ts (as in compat.ts).
const STRATEGY_IDS: Record<SweepStrategy, number> = { 'sma-cross': 1, 'broker-probe': 100 };
const SMA_CROSS_PARAMS = 4;
/** Options block: runCompat's nine, then the risk-free rate. */
const OPTION_COUNT = 10;
/** Combinations per engine call: bounds the scratch memory of a sweep of any size. */
const CHUNK = 1024;

/**
 * Check a sweep as the facades would, and encode it. Errors are the ones CompatEngine.run and
 * StatsEngine.computeStats throw, in their order: each combination's parameters (lowest index first), then the
 * options, then the risk-free rate. A bad combination's error carries its index as `combination`.
 */
export function encodeSweep(strategy: SweepStrategy, paramSets: readonly object[], options: SweepOptions = {}): EncodedSweep {
  if (!Object.hasOwn(STRATEGY_IDS, strategy)) throw new RangeError(`unknown engine strategy ${strategy}`);
  const strategyId = STRATEGY_IDS[strategy];
  const count = paramSets.length;
  const nParams = strategy === 'sma-cross' ? SMA_CROSS_PARAMS : 0;
  const params = new Float64Array(count * nParams);
  if (strategy === 'sma-cross') {
    for (let c = 0; c < count; c++) {
      const p = paramSets[c] as SmaCrossParams;
      try {
        validateSmaCrossParams(p);
      } catch (error) {
        throw withCombination(error, c);
      }
      // Element by element: a temporary array per combination costs more than the rest of the encoding.
      const at = c * nParams;
      params[at] = p.fast;
      params[at + 1] = p.slow;
      params[at + 2] = p.sl ?? NaN;
      params[at + 3] = p.tp ?? NaN;
    }
  }
  const backtest = resolveOptions(options);
  const rf = options.riskFreeRate ?? 0;
  if (!(rf > -1 && rf < 1)) throw new RangeError(`riskFreeRate must be in (-1, 1), got ${rf}`);
  const block = Float64Array.of(
    backtest.cash,
    backtest.commission.fixed,
    backtest.commission.relative,
    backtest.spread,
    backtest.margin,
    +backtest.tradeOnClose,
    +backtest.hedging,
    +backtest.exclusiveOrders,
    +backtest.finalizeTrades,
    rf,
  );
  return { strategy, strategyId, nParams, params, count, backtest, options: block };
}

/** Combination `c` of an encoded sweep, as the CompatEngine facade takes it. */
export function sweepCombination(sweep: EncodedSweep, c: number): CompatStrategy {
  if (sweep.strategy === 'broker-probe') return { name: 'broker-probe' };
  const at = c * sweep.nParams;
  const [fast, slow, sl, tp] = sweep.params.subarray(at, at + SMA_CROSS_PARAMS);
  const params: SmaCrossParams = { fast, slow };
  if (!Number.isNaN(sl)) params.sl = sl;
  if (!Number.isNaN(tp)) params.tp = tp;
  return { name: 'sma-cross', params };
}

/** Row `row` of a sweep's statistics as the keyed table StatsEngine.computeStats returns. */
export function compatStatsOfRow(result: SweepResult, row: number): CompatStats {
  const width = result.keys.length;
  if (!Number.isInteger(row) || row < 0 || row >= result.count) throw new RangeError(`row must be in [0, ${result.count}), got ${row}`);
  const stats: Record<string, number | string | null> = {};
  result.keys.forEach((key, i) => {
    const value = result.stats[row * width + i];
    if (key === 'start' || key === 'end') stats[key] = isoSeconds(value);
    else if (key === 'trades' || key === 'duration_days') stats[key] = value;
    else stats[key] = Number.isNaN(value) ? null : value;
  });
  return stats as unknown as CompatStats;
}

function withCombination(error: unknown, combination: number): unknown {
  if (error instanceof Error) Object.assign(error, { combination });
  return error;
}

/**
 * Parameter sweeps of the built-in strategies inside the engine module: the bars are copied in and their calendar
 * and indicator series derived once (`prepare`), then every combination runs the backtester and the statistics
 * without leaving WASM (`run`). Row c equals, bit for bit, StatsEngine.computeStats of CompatEngine.run for
 * combination c on the same bars (tests/unit/engine-sweep). Platform-neutral like the other facades; share the
 * instance with them freely (a sweep keeps its own copy of the bars).
 */
export class SweepEngine {
  /** slotOf[i]: module slot of COMPAT_STATS_KEYS[i]. */
  private readonly slotOf: Int32Array;
  private readonly slots: number;
  private readonly identityLayout: boolean;
  private readonly compat: CompatEngine;
  private bars: Bars | null = null;
  /** The engine's id of the bars this facade prepared (another facade on the instance may prepare others). */
  private barsId = 0;

  constructor(private readonly x: SweepExports) {
    const missing = REQUIRED_EXPORTS.filter((k) => !(k in x));
    if (missing.length > 0) throw new Error(`engine module lacks the sweep exports ${missing.join(', ')}: rebuild it (npm run build:engine)`);
    if (x.sweepOptionCount() !== OPTION_COUNT)
      throw new Error(`engine sweep ABI mismatch: ${x.sweepOptionCount()} options, ${OPTION_COUNT} expected`);
    this.slots = x.statsSlots();
    const units = new Uint16Array(x.memory.buffer, x.statsKeyNames() >>> 0, x.statsKeyNamesLength());
    const names = String.fromCharCode(...units).split(',');
    if (names.length !== this.slots || names.length !== COMPAT_STATS_KEYS.length) {
      throw new Error(`engine stats ABI mismatch: ${names.length} slot names, ${this.slots} slots, ${COMPAT_STATS_KEYS.length} keys expected`);
    }
    this.slotOf = Int32Array.from(COMPAT_STATS_KEYS, (key) => {
      const slot = names.indexOf(key);
      if (slot < 0) throw new Error(`engine stats ABI mismatch: the module has no slot for ${key}`);
      return slot;
    });
    this.identityLayout = this.slotOf.every((slot, i) => slot === i);
    // Reproduces a failing combination's error exactly as the facade reports it.
    this.compat = new CompatEngine(x as unknown as CompatExports);
  }

  static async instantiate(module: WebAssembly.Module): Promise<SweepEngine> {
    return SweepEngine.fromInstance(await instantiateEngineModule(module));
  }

  /** Shares an instance already made for another facade. */
  static fromInstance(instance: WebAssembly.Instance): SweepEngine {
    return new SweepEngine(instance.exports as unknown as SweepExports);
  }

  /** Copy `bars` into the engine (validated as CompatEngine.run validates them) for the sweeps that follow. */
  prepare(bars: Bars): void {
    validateBars(bars);
    const n = bars.close.length;
    const x = this.x;
    const base = x.sweepBarsBuffer(n) >>> 0;
    // Views are taken after allocation: growing memory detaches earlier views.
    const mem = new Float64Array(x.memory.buffer, base, 6 * n);
    mem.set(bars.open, 0);
    mem.set(bars.high, n);
    mem.set(bars.low, 2 * n);
    mem.set(bars.close, 3 * n);
    mem.set(bars.volume, 4 * n);
    mem.set(bars.time, 5 * n);
    this.bars = null;
    const id = x.sweepPrepare(n);
    if (!(id > 0)) throw new Error('engine rejected the sweep bars');
    this.bars = bars;
    this.barsId = id;
  }

  /** Run every combination over the prepared bars; throws the facade's error for the lowest failing one. */
  run<S extends SweepStrategy>(strategy: S, paramSets: readonly SweepParamsOf[S][], options?: SweepOptions): SweepResult {
    const sweep = encodeSweep(strategy, paramSets, options);
    const stats = new Float64Array(sweep.count * COMPAT_STATS_KEYS.length);
    const failure = this.runEncoded(sweep, 0, sweep.count, stats);
    if (failure) throw withCombination(failure.error, failure.index);
    return { stats, keys: COMPAT_STATS_KEYS, count: sweep.count };
  }

  /**
   * Combinations [from, to) of an encoded sweep: row c's statistics to out[c·width …] (width = the number of
   * keys, COMPAT_STATS_KEYS order; NaN for a failed run). Returns the lowest failing combination, or null.
   */
  runEncoded(sweep: EncodedSweep, from: number, to: number, out: Float64Array): SweepFailure | null {
    if (this.bars === null) throw new Error('sweep has no bars: call prepare(bars) first');
    if (this.x.sweepBarsId() !== this.barsId) {
      throw new Error('the engine instance now holds bars another SweepEngine prepared: call prepare(bars) again');
    }
    if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= sweep.count)) {
      throw new RangeError(`combinations [${from}, ${to}) are not within [0, ${sweep.count})`);
    }
    const width = COMPAT_STATS_KEYS.length;
    if (out.length < to * width) throw new RangeError(`output holds ${out.length} values, ${to * width} needed`);
    const x = this.x;
    const { nParams, strategyId } = sweep;
    const slots = this.slots;
    let failure: SweepFailure | null = null;
    for (let start = from; start < to; start += CHUNK) {
      const m = Math.min(CHUNK, to - start);
      const paramsAt = OPTION_COUNT;
      const outAt = paramsAt + m * nParams;
      const base = x.scratch((outAt + m * slots) * 8) >>> 0;
      const mem = new Float64Array(x.memory.buffer, base, outAt);
      mem.set(sweep.options, 0);
      mem.set(sweep.params.subarray(start * nParams, (start + m) * nParams), paramsAt);
      const rc = x.sweepRun(strategyId, base + 8 * paramsAt, m, nParams, base, base + 8 * outAt);
      if (rc < 0) throw new Error(`engine rejected the sweep (code ${-rc})`);
      // The engine may have grown memory (indicator cache, workspace): take a fresh view.
      const rows = new Float64Array(x.memory.buffer, base + 8 * outAt, m * slots);
      if (this.identityLayout && slots === width) {
        out.set(rows, start * width);
      } else {
        for (let r = 0; r < m; r++) for (let i = 0; i < width; i++) out[(start + r) * width + i] = rows[r * slots + this.slotOf[i]];
      }
      if (rc > 0 && failure === null) {
        const index = start + x.sweepFirstFailure();
        failure = { index, error: this.failureError(sweep, index, x.sweepFailureCode()) };
      }
    }
    return failure;
  }

  /** The error CompatEngine.run throws for combination `c` (it reruns it: same engine, same arithmetic). */
  private failureError(sweep: EncodedSweep, c: number, code: number): Error {
    try {
      this.compat.run(this.bars!, sweepCombination(sweep, c), sweep.backtest);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
    return new Error(`sweep combination ${c} failed in the engine (error code ${code}) but succeeds on its own`);
  }
}
