import {
  resolveOptions,
  validateBars,
  validateSmaCrossParams,
  type BacktestOptionsInput,
  type BacktestResult,
  type Bars,
  type ClosedTradeRecord,
  type OpenTradeRecord,
  type SmaCrossParams,
} from '../core/compat';
import { EngineBars } from './engine-bars';
import { instantiateEngineModule } from './engine-imports';

/** The backtester exports of engine-wasm/assembly/compat/exports.ts (and the module's memory and scratch). */
export interface CompatExports {
  memory: WebAssembly.Memory;
  scratch(bytes: number): number;
  barsRegion(n: number): number;
  runCompat(dataPtr: number, n: number, optionsPtr: number, strategyId: number, paramsPtr: number, nParams: number): number;
  compatEquityPtr(): number;
  compatClosedCount(): number;
  compatClosedColumn(column: number): number;
  compatOpenCount(): number;
  compatOpenColumn(column: number): number;
  compatNoteCount(): number;
  compatNoteColumn(column: number): number;
  compatFirstTradingBar(): number;
  compatStartBar(): number;
  compatCash(): number;
  compatOutOfMoney(): number;
  compatErrorCode(): number;
  compatErrorValue(k: number): number;
}

/**
 * A built-in strategy of the engine with its parameters. `sma-cross` is the reference strategy of metrics.md;
 * `broker-probe` is the twin of tests/unit/compat/probe-strategy.ts, a fixed script over every order type used
 * to cross-check the broker port.
 */
export type CompatStrategy = { name: 'sma-cross'; params: SmaCrossParams } | { name: 'broker-probe' };

// Ids and parameter encodings of engine-wasm/assembly/compat/strategies/index.ts.
const SMA_CROSS = 1;
const BROKER_PROBE = 100;

/** Layout of the options block (engine-wasm/assembly/compat/run.ts). */
const OPTION_COUNT = 9;
/** Columns of the closed- and open-trade tables (engine-wasm/assembly/compat/result.ts). */
const CLOSED = { size: 0, entryBar: 1, exitBar: 2, entryPrice: 3, exitPrice: 4, sl: 5, tp: 6, pnl: 7, returnPct: 8, commissions: 9 } as const;
const OPEN = { size: 0, entryBar: 1, entryPrice: 2, sl: 3, tp: 4 } as const;

const REQUIRED_EXPORTS: readonly (keyof CompatExports)[] = [
  'memory',
  'scratch',
  'runCompat',
  'compatEquityPtr',
  'compatClosedCount',
  'compatClosedColumn',
  'compatOpenCount',
  'compatOpenColumn',
  'compatNoteCount',
  'compatNoteColumn',
  'compatFirstTradingBar',
  'compatStartBar',
  'compatCash',
  'compatOutOfMoney',
  'compatErrorCode',
  'compatErrorValue',
  'barsRegion',
];

function encodeStrategy(s: CompatStrategy): { id: number; params: number[] } {
  switch (s.name) {
    case 'sma-cross': {
      // Validated here so that a bad parameter fails with the reference's message, as `new SmaCross(p)` would.
      validateSmaCrossParams(s.params);
      const { fast, slow, sl, tp } = s.params;
      return { id: SMA_CROSS, params: [fast, slow, sl ?? NaN, tp ?? NaN] };
    }
    case 'broker-probe':
      return { id: BROKER_PROBE, params: [] };
    default:
      throw new RangeError(`unknown engine strategy ${String((s as { name: unknown }).name)}`);
  }
}

const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * The backtesting.py-compatible backtester running inside the engine module: same inputs, same `BacktestResult`
 * and same errors as `runBacktest` of src/core/compat, bit for bit (tests/unit/engine-compat), so callers can
 * switch engines freely. Platform-neutral like the other facades: give it a compiled module or an instance.
 */
export class CompatEngine {
  constructor(private readonly x: CompatExports) {
    const missing = REQUIRED_EXPORTS.filter((k) => !(k in x));
    if (missing.length > 0) throw new Error(`engine module lacks the backtester exports ${missing.join(', ')}: rebuild it (npm run build:engine)`);
  }

  static async instantiate(module: WebAssembly.Module): Promise<CompatEngine> {
    return CompatEngine.fromInstance(await instantiateEngineModule(module));
  }

  /** Shares an instance already made for another facade (StatsEngine, LabWasmEngine). */
  static fromInstance(instance: WebAssembly.Instance): CompatEngine {
    return new CompatEngine(instance.exports as unknown as CompatExports);
  }

  /**
   * `n` bars in the engine's memory, for runs that read them in place (see EngineBars). Fill every column before
   * the first run; the region is reused by the next allocateBars.
   */
  allocateBars(n: number): EngineBars {
    return EngineBars.allocate(this.x, n);
  }

  /**
   * Run `strategy` over `bars`; the engine twin of `runBacktest(bars, strategyObject, options)`. Bars from
   * allocateBars are read in place; any others are copied into scratch for the run.
   */
  run(bars: Bars, strategy: CompatStrategy, options?: BacktestOptionsInput): BacktestResult {
    const { id, params } = encodeStrategy(strategy);
    validateBars(bars);
    const o = resolveOptions(options);
    const n = bars.close.length;
    const x = this.x;

    const inPlace = bars instanceof EngineBars && bars.livesIn(x.memory);
    const optionsAt = inPlace ? 0 : 5 * n;
    const paramsAt = optionsAt + OPTION_COUNT;
    const total = paramsAt + params.length;
    const base = x.scratch(total * 8) >>> 0;
    // Views are taken after allocation: growing memory detaches earlier views.
    const mem = new Float64Array(x.memory.buffer, base, total);
    if (!inPlace) {
      mem.set(bars.open, 0);
      mem.set(bars.high, n);
      mem.set(bars.low, 2 * n);
      mem.set(bars.close, 3 * n);
      mem.set(bars.volume, 4 * n);
    }
    mem.set(
      [o.cash, o.commission.fixed, o.commission.relative, o.spread, o.margin, +o.tradeOnClose, +o.hedging, +o.exclusiveOrders, +o.finalizeTrades],
      optionsAt,
    );
    mem.set(params, paramsAt);

    const dataPtr = inPlace ? bars.dataPtr : base;
    const rc = x.runCompat(dataPtr, n, base + optionsAt * 8, id, base + paramsAt * 8, params.length);
    if (rc < 0) throw this.error(-rc);
    // Read `time` after the run: the run may have grown memory, which detaches views taken before it.
    return this.readResult(bars.time, n);
  }

  private readResult(time: Float64Array, n: number): BacktestResult {
    const x = this.x;
    const buffer = x.memory.buffer;
    const equity = new Float64Array(buffer, x.compatEquityPtr() >>> 0, n).slice();

    const nc = x.compatClosedCount();
    const col = (c: number): Float64Array => new Float64Array(buffer, x.compatClosedColumn(c) >>> 0, nc);
    const cs = Object.fromEntries(Object.entries(CLOSED).map(([k, c]) => [k, col(c)])) as Record<keyof typeof CLOSED, Float64Array>;
    const trades = new Array<ClosedTradeRecord>(nc);
    for (let r = 0; r < nc; r++) {
      const entryBar = cs.entryBar[r];
      const exitBar = cs.exitBar[r];
      trades[r] = {
        size: cs.size[r],
        entryBar,
        exitBar,
        entryPrice: cs.entryPrice[r],
        exitPrice: cs.exitPrice[r],
        sl: nullIfNaN(cs.sl[r]),
        tp: nullIfNaN(cs.tp[r]),
        pnl: cs.pnl[r],
        returnPct: cs.returnPct[r],
        commissions: cs.commissions[r],
        entryTime: time[entryBar],
        exitTime: time[exitBar],
        tag: null,
      };
    }

    const no = x.compatOpenCount();
    const ocol = (c: number): Float64Array => new Float64Array(buffer, x.compatOpenColumn(c) >>> 0, no);
    const os = Object.fromEntries(Object.entries(OPEN).map(([k, c]) => [k, ocol(c)])) as Record<keyof typeof OPEN, Float64Array>;
    const openTrades = new Array<OpenTradeRecord>(no);
    for (let r = 0; r < no; r++) {
      const entryBar = os.entryBar[r];
      openTrades[r] = {
        size: os.size[r],
        entryBar,
        entryPrice: os.entryPrice[r],
        entryTime: time[entryBar],
        sl: nullIfNaN(os.sl[r]),
        tp: nullIfNaN(os.tp[r]),
        tag: null,
      };
    }

    const nn = x.compatNoteCount();
    const kinds = new Float64Array(buffer, x.compatNoteColumn(0) >>> 0, nn);
    const noteBars = new Float64Array(buffer, x.compatNoteColumn(1) >>> 0, nn);
    const values = new Float64Array(buffer, x.compatNoteColumn(2) >>> 0, nn);
    const notes = new Array<string>(nn);
    for (let k = 0; k < nn; k++) notes[k] = noteText(kinds[k], noteBars[k], values[k]);

    return {
      equity,
      trades,
      openTrades,
      firstTradingBar: x.compatFirstTradingBar(),
      startBar: x.compatStartBar(),
      cash: x.compatCash(),
      outOfMoney: x.compatOutOfMoney() !== 0,
      notes,
    };
  }

  /** The reference's error for an engine error code (engine-wasm/assembly/compat/errors.ts). */
  private error(code: number): Error {
    const a = this.x.compatErrorValue(0);
    const b = this.x.compatErrorValue(1);
    const c = this.x.compatErrorValue(2);
    switch (code) {
      case 10:
        return new RangeError(`long orders require SL (${a}) < LIMIT (${b}) < TP (${c})`);
      case 11:
        return new RangeError(`short orders require TP (${a}) < LIMIT (${b}) < SL (${c})`);
      case 12:
        return new RangeError(`order size must be non-zero, got ${a}`);
      case 13:
        return new RangeError(`bracket price must be in (0, inf), got ${a}`);
      case 14:
        return new RangeError(`portion must be in (0, 1], got ${a}`);
      case 15:
        return new RangeError('float floor division by zero');
      case 16:
        return new RangeError(`size must be a fraction in (0, 1) or a whole number of units >= 1, got ${a}`);
      case 20:
        return new Error('order is not pending');
      case 21:
        return new Error('trade is not open');
      case 2:
        return new RangeError(`engine has no strategy with id ${a}`);
      case 3:
        return new RangeError('engine rejected the strategy parameters');
      default:
        return new Error(`engine rejected the run (error code ${code})`);
    }
  }
}

function noteText(kind: number, bar: number, value: number): string {
  switch (kind) {
    case 1:
      return `bar ${bar}: relative-sized order cancelled, not enough margin for one unit`;
    case 2:
      return `bar ${bar}: order of ${value} units cancelled, insufficient margin`;
    case 3:
      return `bar ${bar}: a bracket of a stop/limit entry would fill on the entry bar; deferred to the next bar`;
    default:
      return `bar ${bar}: engine note ${kind}`;
  }
}
