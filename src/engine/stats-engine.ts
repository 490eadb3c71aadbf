import {
  checkStatsInput,
  COMPAT_STATS_KEYS,
  isoSeconds,
  type Annualization,
  type CompatStats,
  type ResampleRule,
  type StatsInput,
  type StatsTrade,
} from '../core/stats';
import { instantiateEngineModule } from './engine-imports';

/** The statistics exports of engine-wasm/assembly/stats/exports.ts (and the module's memory and scratch). */
export interface StatsExports {
  memory: WebAssembly.Memory;
  scratch(bytes: number): number;
  statsCompute(
    equityPtr: number,
    timePtr: number,
    closePtr: number,
    n: number,
    firstTradingBar: number,
    riskFreeRate: number,
    tradesPtr: number,
    nTrades: number,
    outPtr: number,
  ): number;
  /** Zero-copy variant over trade columns anywhere in memory; time pointers may be 0 (times taken at the bars). */
  statsComputeColumns(
    equityPtr: number,
    timePtr: number,
    closePtr: number,
    n: number,
    firstTradingBar: number,
    riskFreeRate: number,
    nTrades: number,
    entryBarPtr: number,
    exitBarPtr: number,
    pnlPtr: number,
    returnPctPtr: number,
    commissionsPtr: number,
    entryTimePtr: number,
    exitTimePtr: number,
    outPtr: number,
  ): number;
  statsSlots(): number;
  statsTradeFields(): number;
  statsKeyNames(): number;
  statsKeyNamesLength(): number;
  statsTradeFieldNames(): number;
  statsTradeFieldNamesLength(): number;
  statsPeriodsPerYear(timePtr: number, n: number): number;
  statsResampleRule(timePtr: number, n: number): number;
  statsBinKey(ms: number, rule: number): number;
}

// Every field the statistics read of a trade; the Record type makes the compiler insist the list is complete.
const TRADE_FIELDS: Record<keyof StatsTrade, true> = {
  entryBar: true,
  exitBar: true,
  pnl: true,
  returnPct: true,
  commissions: true,
  entryTime: true,
  exitTime: true,
};

const RULES: readonly ResampleRule[] = ['day', 'week', 'month', 'year'];

/**
 * backtesting.py's statistics computed inside the engine module: the same inputs and the same keyed table as
 * `computeStats` of src/core/stats, which is the reference it is tested against (relative 1e-12; durations,
 * counts and timestamps exactly). Platform-neutral like the other facades: give it a compiled module or an instance.
 *
 * The output order is not written here: the module publishes its slot names and trade column names
 * (engine-wasm/assembly/stats/layout.ts) and this class maps by name, refusing a module whose names differ.
 */
export class StatsEngine {
  /** slotOf[i]: output slot of COMPAT_STATS_KEYS[i]. */
  private readonly slotOf: Int32Array;
  /** Trade fields in the module's column order. */
  private readonly columns: (keyof StatsTrade)[];
  private readonly slots: number;

  constructor(private readonly x: StatsExports) {
    this.slots = x.statsSlots();
    const names = this.readNames(x.statsKeyNames(), x.statsKeyNamesLength());
    if (names.length !== this.slots || names.length !== COMPAT_STATS_KEYS.length) {
      throw new Error(`engine stats ABI mismatch: ${names.length} slot names, ${this.slots} slots, ${COMPAT_STATS_KEYS.length} keys expected`);
    }
    this.slotOf = Int32Array.from(COMPAT_STATS_KEYS, (key) => {
      const slot = names.indexOf(key);
      if (slot < 0) throw new Error(`engine stats ABI mismatch: the module has no slot for ${key}`);
      return slot;
    });
    const columns = this.readNames(x.statsTradeFieldNames(), x.statsTradeFieldNamesLength());
    if (columns.length !== x.statsTradeFields() || columns.length !== Object.keys(TRADE_FIELDS).length) {
      throw new Error(`engine stats ABI mismatch: trade columns ${columns.join(',')}`);
    }
    for (const c of columns) {
      if (!Object.hasOwn(TRADE_FIELDS, c)) throw new Error(`engine stats ABI mismatch: unknown trade column ${c}`);
    }
    this.columns = columns as (keyof StatsTrade)[];
  }

  static async instantiate(module: WebAssembly.Module): Promise<StatsEngine> {
    return StatsEngine.fromInstance(await instantiateEngineModule(module));
  }

  /** Shares an instance already made for another facade (e.g. the one CompatEngine runs on). */
  static fromInstance(instance: WebAssembly.Instance): StatsEngine {
    return new StatsEngine(instance.exports as unknown as StatsExports);
  }

  /** The statistics table, keyed and typed as `computeStats` returns it. */
  computeStats(input: StatsInput): CompatStats {
    const v = this.computeVector(input);
    const stats: Record<string, number | string | null> = {};
    COMPAT_STATS_KEYS.forEach((key, i) => {
      const value = v[i];
      if (key === 'start' || key === 'end') stats[key] = isoSeconds(value);
      else if (key === 'trades' || key === 'duration_days') stats[key] = value;
      else stats[key] = Number.isNaN(value) ? null : value;
    });
    return stats as unknown as CompatStats;
  }

  /**
   * The raw values in COMPAT_STATS_KEYS order: start/end as epoch ms, durations in days, NaN where undefined.
   * Throws the same RangeErrors as `computeStats` for invalid input, and one for non-finite timestamps.
   */
  computeVector(input: StatsInput): Float64Array {
    const { equity, time, close, trades } = input;
    const { n, rf, ftb } = checkStatsInput(input);
    // The data period is a median: with NaN keys its sort order (and so the result) would be an accident.
    for (let k = 0; k < n; k++) {
      if (!Number.isFinite(time[k])) throw new RangeError(`row ${k}: time must be finite epoch milliseconds, got ${time[k]}`);
    }

    const nTrades = trades.length;
    const fields = this.columns.length;
    const tradesAt = 3 * n;
    const outAt = tradesAt + fields * nTrades;
    const base = this.x.scratch((outAt + this.slots) * 8) >>> 0;
    // Views are taken after allocation: growing memory detaches earlier views.
    const mem = new Float64Array(this.x.memory.buffer, base, outAt);
    mem.set(equity, 0);
    mem.set(time, n);
    mem.set(close, 2 * n);
    this.columns.forEach((field, c) => {
      const at = tradesAt + c * nTrades;
      for (let k = 0; k < nTrades; k++) mem[at + k] = trades[k][field];
    });
    const rc = this.x.statsCompute(base, base + 8 * n, base + 16 * n, n, ftb, rf, base + 8 * tradesAt, nTrades, base + 8 * outAt);
    if (rc !== 0) throw new Error('engine rejected the statistics arguments');
    // The engine may have grown memory for its workspace: take a fresh view.
    const raw = new Float64Array(this.x.memory.buffer, base + 8 * outAt, this.slots);
    return Float64Array.from(this.slotOf, (slot) => raw[slot]);
  }

  /** The annualisation the engine derives from these timestamps (cross-check of `annualization`). */
  annualization(time: Float64Array): Annualization {
    const n = time.length;
    const base = this.x.scratch(Math.max(1, n) * 8) >>> 0;
    new Float64Array(this.x.memory.buffer, base, n).set(time);
    const periodsPerYear = this.x.statsPeriodsPerYear(base, n);
    const rule = RULES[this.x.statsResampleRule(base, n)];
    return { periodsPerYear, rule };
  }

  /** The engine's calendar bin of a timestamp (cross-check of `binKey`). */
  binKey(ms: number, rule: ResampleRule): number {
    return this.x.statsBinKey(ms, RULES.indexOf(rule));
  }

  private readNames(ptr: number, length: number): string[] {
    const units = new Uint16Array(this.x.memory.buffer, ptr >>> 0, length);
    let text = '';
    for (let k = 0; k < units.length; k++) text += String.fromCharCode(units[k]);
    return text.split(',');
  }
}
