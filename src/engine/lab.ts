import {
  collectResult,
  driveLab,
  labBuiltinOf,
  prepareLabRun,
  type LabConfig,
  type LabConfigInput,
  type LabCore,
  type LabResult,
  type LabRunState,
  type LabSources,
  type LabStageProbe,
  type LabTimeline,
  type OrderFields,
  type PreparedLabRun,
} from '../core/lab';
import { instantiateEngineModule } from './engine-imports';

/** The lab-profile exports of engine-wasm/assembly/lab/exports.ts (see that file for the ABI). */
export interface LabExports {
  memory: WebAssembly.Memory;
  labPrepare(K: number, T: number, S: number, R: number): number;
  labInputPtr(which: number): number;
  labPrepareParams(n: number): number;
  labStart(strategyId: number, nParams: number): number;
  labRun(from: number, to: number): void;
  labSubmitArrival(t: number): number;
  labSubmitDecision(t: number): number;
  labCancel(id: number, t: number): void;
  labRebalance(t: number): void;
  labOpenPhase(t: number): void;
  labEndOfBar(t: number): void;
  labCloseAuction(t: number): void;
  labFinishBar(t: number): void;
  labHalted(): number;
  labNavNow(): number;
  labCash(): number;
  labHeldLots(k: number): number;
  labMark(k: number): number;
  labOpenTrades(k: number): number;
  labWorkingOrders(k: number): number;
  labSeriesPtr(c: number): number;
  labPositionRunCount(): number;
  labPositionRunColumn(c: number): number;
  labFillCount(): number;
  labFillColumn(c: number): number;
  labClosedCount(): number;
  labClosedColumn(c: number): number;
  labOrderCount(): number;
  labOrderColumn(c: number): number;
  labOpenCount(): number;
  labOpenIdsPtr(): number;
  labTradeColumn(c: number): number;
  labLimitCount(): number;
  labLimitColumn(c: number): number;
  labLimitEventCount(): number;
  labLimitEventColumn(c: number): number;
  labMeta(c: number): number;
}

const REQUIRED_EXPORTS: readonly (keyof LabExports)[] = [
  'memory',
  'labPrepare',
  'labInputPtr',
  'labPrepareParams',
  'labStart',
  'labRun',
  'labSubmitArrival',
  'labSubmitDecision',
  'labCancel',
  'labRebalance',
  'labOpenPhase',
  'labEndOfBar',
  'labCloseAuction',
  'labFinishBar',
  'labHalted',
  'labNavNow',
  'labCash',
  'labHeldLots',
  'labMark',
  'labOpenTrades',
  'labWorkingOrders',
  'labSeriesPtr',
  'labPositionRunCount',
  'labPositionRunColumn',
  'labFillCount',
  'labFillColumn',
  'labClosedCount',
  'labClosedColumn',
  'labOrderCount',
  'labOrderColumn',
  'labOpenCount',
  'labOpenIdsPtr',
  'labTradeColumn',
  'labLimitCount',
  'labLimitColumn',
  'labLimitEventCount',
  'labLimitEventColumn',
  'labMeta',
];

// Buffers of labInputPtr (engine-wasm/assembly/lab/inputs.ts).
const IN = {
  time: 0,
  open: 1,
  high: 2,
  low: 3,
  close: 4,
  volume: 5,
  lotSize: 6,
  config: 7,
  scheduleTime: 8,
  scheduleRows: 9,
  rebalanceTime: 10,
  rebalanceWeights: 11,
  params: 12,
  fields: 13,
  weights: 14,
} as const;
const FIELD_COUNT = 20;
/** A target schedule's parameters (J bars + J × K weights) may be many; more than this is refused (use runLab). */
const MAX_PARAMS = 2 ** 26;
/**
 * Bars per labRun call. A long run goes in slices, so that an engine whose code is tiered up lazily can switch to
 * its optimised code between calls rather than finish the run in baseline code (no difference measured in
 * Node 20, which tiers up early; cheap either way), and so that a host could report progress between slices.
 */
const SLICE = 1 << 16;
/** The module's memory is 32-bit: runs whose columns need more than this many bytes are refused (use runLab). */
const MAX_BYTES = 3.5 * 2 ** 30;

/** One order as a row of f64 in the layout of engine-wasm/assembly/lab/order-fields.ts. */
function writeFields(f: OrderFields, row: Float64Array, at: number): void {
  // Integer fields go through ToInt32, as the reference's Int32Array columns store them.
  row[at] = f.instrument | 0;
  row[at + 1] = f.side | 0;
  row[at + 2] = f.type | 0;
  row[at + 3] = f.quantity;
  row[at + 4] = f.weight;
  row[at + 5] = f.limit;
  row[at + 6] = f.stop;
  row[at + 7] = f.trailAmount;
  row[at + 8] = f.trailFraction;
  row[at + 9] = f.tif | 0;
  row[at + 10] = f.tifBars | 0;
  row[at + 11] = f.reduceOnly | 0;
  row[at + 12] = f.stopLoss;
  row[at + 13] = f.takeProfit;
  row[at + 14] = f.stopLossFraction;
  row[at + 15] = f.takeProfitFraction;
  row[at + 16] = f.exitTrailAmount;
  row[at + 17] = f.exitTrailFraction;
  row[at + 18] = f.timeStopBars | 0;
  row[at + 19] = f.source | 0;
}

/**
 * The K×T positions from the module's runs of equal cells (engine-wasm/assembly/lab/position-series.ts): a zeroed
 * array with each logged run written in place, so only the stretches where something is held are touched.
 */
function positionsFromRuns(x: LabExports, K: number, T: number): Float64Array {
  const positions = new Float64Array(K * T);
  const n = x.labPositionRunCount();
  const buffer = x.memory.buffer;
  const instrument = new Int32Array(buffer, x.labPositionRunColumn(0) >>> 0, n);
  const from = new Int32Array(buffer, x.labPositionRunColumn(1) >>> 0, n);
  const to = new Int32Array(buffer, x.labPositionRunColumn(2) >>> 0, n);
  const units = new Float64Array(buffer, x.labPositionRunColumn(3) >>> 0, n);
  for (let i = 0; i < n; i++) {
    const base = instrument[i] * T;
    positions.fill(units[i], base + from[i], base + to[i]);
  }
  return positions;
}

/** The configuration block (layout C_* of engine-wasm/assembly/lab/inputs.ts). */
function configBlock(c: LabConfig): number[] {
  return [
    c.cash,
    c.commissionFixed,
    c.commissionRelative,
    c.spread,
    c.slippageModel,
    c.slippageBps,
    c.volMultiplier,
    c.volWindow,
    c.fillTiming,
    c.volumeShare,
    c.volumeRemainder,
    c.marginRatio,
    c.allowShort ? 1 : 0,
    c.bracketRule,
    c.closeAtEnd ? 1 : 0,
    c.seed,
    c.limits.maxPositionWeight,
    c.limits.maxGross,
    c.limits.maxOrderValue,
    c.limits.maxVolumeShare,
    c.limits.killDrawdown,
    c.limits.killAction,
    c.limits.killFraction,
    c.limits.dailyLossLimit,
  ];
}

/**
 * The lab engine's phases running in the engine module, behind the same `LabCore` interface as the TypeScript
 * `LabEngine`: the run loop (`driveLab`) and the strategy context drive it unchanged, one WASM call per phase per
 * bar, and orders cross as one row of numbers.
 */
class WasmLabCore implements LabCore {
  private row: Float64Array;
  private weights: Float64Array;

  constructor(
    private readonly x: LabExports,
    private readonly K: number,
  ) {
    this.row = this.view(IN.fields, FIELD_COUNT);
    this.weights = this.view(IN.weights, K);
  }

  private view(which: number, length: number): Float64Array {
    return new Float64Array(this.x.memory.buffer, this.x.labInputPtr(which) >>> 0, length);
  }

  /** The order row, re-viewed when memory grew (growth detaches earlier views). */
  private fieldsRow(): Float64Array {
    if (this.row.buffer !== this.x.memory.buffer) this.row = this.view(IN.fields, FIELD_COUNT);
    return this.row;
  }

  get halted(): boolean {
    return this.x.labHalted() !== 0;
  }
  get navNow(): number {
    return this.x.labNavNow();
  }

  submitArrival(f: OrderFields, t: number): number {
    writeFields(f, this.fieldsRow(), 0);
    return this.x.labSubmitArrival(t);
  }
  submitDecision(f: OrderFields, t: number): number {
    writeFields(f, this.fieldsRow(), 0);
    return this.x.labSubmitDecision(t);
  }
  cancel(id: number, t: number): void {
    // The reference ignores ids that name no order (a fraction, NaN, out of range); an i32 argument would not.
    if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) return;
    this.x.labCancel(id, t);
  }
  rebalance(weights: Float64Array, offset: number, t: number): void {
    if (this.weights.buffer !== this.x.memory.buffer) this.weights = this.view(IN.weights, this.K);
    this.weights.set(weights.subarray(offset, offset + this.K));
    this.x.labRebalance(t);
  }
  openPhase(t: number): void {
    this.x.labOpenPhase(t);
  }
  endOfBar(t: number): void {
    this.x.labEndOfBar(t);
  }
  closeAuction(t: number): void {
    this.x.labCloseAuction(t);
  }
  finishBar(t: number): void {
    this.x.labFinishBar(t);
  }

  accountCash(): number {
    return this.x.labCash();
  }
  heldLots(k: number): number {
    return this.x.labHeldLots(k);
  }
  markOf(k: number): number {
    return this.x.labMark(k);
  }
  openTradeCount(k: number): number {
    return this.x.labOpenTrades(k);
  }
  workingOrderCount(k: number): number {
    return this.x.labWorkingOrders(k);
  }
}

/**
 * The lab engine profile running in the engine module: `runLabWasm` takes the same arguments as `runLab` of
 * src/core/lab and returns the same `LabResult`, bit for bit (tests/unit/engine-lab-wasm), with
 * `meta.implementation` 'wasm'. Inputs are validated by the reference's own code (`prepareLabRun`), so both reject
 * the same inputs with the same errors.
 *
 * Runs whose sources are all numeric — scheduled entries, rebalances and the built-in strategies
 * (`LabSmaCross`, `LabMomentum`, `LabMeanReversion` objects) — loop entirely inside the module. Any other
 * strategy runs in JavaScript against the same `driveLab` loop as the reference, with the engine's phases in WASM.
 *
 * Platform-neutral like the other facades: give it a compiled module or an instance. Not re-entrant: one run at a
 * time per instance. A strategy must not use the same instance from its onBar (another lab run, or the `kernel`
 * facade, which reseeds the module's one RNG).
 */
export class LabWasmEngine {
  constructor(private readonly x: LabExports) {
    const missing = REQUIRED_EXPORTS.filter((k) => !(k in x));
    if (missing.length > 0) throw new Error(`engine module lacks the lab exports ${missing.join(', ')}: rebuild it (npm run build:engine)`);
  }

  static async instantiate(module: WebAssembly.Module): Promise<LabWasmEngine> {
    return LabWasmEngine.fromInstance(await instantiateEngineModule(module));
  }

  /** Shares an instance already made for another facade. */
  static fromInstance(instance: WebAssembly.Instance): LabWasmEngine {
    return new LabWasmEngine(instance.exports as unknown as LabExports);
  }

  /** `runLab` in WASM (a bound function: pass it wherever `runLab` is taken). */
  readonly runLabWasm = (timeline: LabTimeline, config: LabConfigInput = {}, sources: LabSources = {}, probe?: LabStageProbe): LabResult => {
    const run = prepareLabRun(timeline, config, sources);
    probe?.('validated');
    const K = timeline.instruments.length;
    const builtin = run.strategy === undefined ? { id: 0, params: [] } : labBuiltinOf(run.strategy, K);
    let unscheduled: number;
    if (builtin !== undefined) {
      this.load(run, true, builtin.params);
      this.start(builtin.id, builtin.params.length);
      probe?.('loaded');
      const T = timeline.time.length;
      for (let from = 0; from < T; from += SLICE) this.x.labRun(from, Math.min(T, from + SLICE));
      unscheduled = this.x.labMeta(2);
    } else {
      this.load(run, false, []);
      this.start(0, 0);
      probe?.('loaded');
      unscheduled = driveLab(new WasmLabCore(this.x, K), run);
    }
    probe?.('ran');
    return collectResult(this.state(K, timeline.time.length), run.cfg, timeline.instruments, timeline.time, unscheduled, 'wasm');
  };

  private start(id: number, nParams: number): void {
    const rc = this.x.labStart(id, nParams);
    if (rc !== 0) throw new Error(`engine rejected the lab run (error code ${-rc}): ${rc === -1 ? 'strategy parameters' : 'input sizes'}`);
  }

  /** Writes the timeline, config and (for a run inside the module) the source tables into the module. */
  private load(run: PreparedLabRun, sources: boolean, params: readonly number[]): void {
    const { timeline: tl, cfg, schedule, rebalances } = run;
    const K = tl.instruments.length;
    const T = tl.time.length;
    const S = sources ? schedule.time.length : 0;
    const R = sources ? rebalances.time.length : 0;
    if (params.length > MAX_PARAMS) throw new RangeError(`too many strategy parameters (${params.length})`);
    // Inputs (time + 5 K×T columns, strategy parameters) and recorded series (nav, cash), before the tables.
    const bytes = 8 * (5 * K * T + 3 * T + params.length);
    if (bytes > MAX_BYTES) {
      throw new RangeError(
        `lab run of ${K} instruments × ${T} bars needs ${(bytes / 2 ** 30).toFixed(1)} GiB of engine memory (limit 3.5): use runLab`,
      );
    }
    if (this.x.labPrepare(K, T, S, R) !== 0 || this.x.labPrepareParams(params.length) !== 0) {
      throw new RangeError(`engine rejected the sizes K=${K} T=${T}`);
    }
    // Views are taken after labPrepare: growing memory detaches earlier views.
    const put = (which: number, values: ArrayLike<number>): void => {
      new Float64Array(this.x.memory.buffer, this.x.labInputPtr(which) >>> 0, values.length).set(values);
    };
    put(IN.time, tl.time);
    put(IN.open, tl.open);
    put(IN.high, tl.high);
    put(IN.low, tl.low);
    put(IN.close, tl.close);
    // The module reads volumes only under a volume cap (engine.ts fill) or a volume-share limit (pre-trade.ts).
    const volumeLimit = cfg.limits.maxVolumeShare;
    if (cfg.volumeShare > 0 || volumeLimit === volumeLimit) put(IN.volume, tl.volume);
    put(IN.lotSize, cfg.lotSize);
    put(IN.config, configBlock(cfg));
    put(IN.params, params);
    if (S > 0) {
      put(IN.scheduleTime, schedule.time);
      const rows = new Float64Array(this.x.memory.buffer, this.x.labInputPtr(IN.scheduleRows) >>> 0, S * FIELD_COUNT);
      for (let s = 0; s < S; s++) writeFields(schedule.orders[s], rows, s * FIELD_COUNT);
    }
    if (R > 0) {
      put(IN.rebalanceTime, rebalances.time);
      put(IN.rebalanceWeights, rebalances.weights);
    }
  }

  /** Views over the module's tables after a run (collectResult copies them; the series are copied here). */
  private state(K: number, T: number): LabRunState {
    const x = this.x;
    const buffer = x.memory.buffer;
    const i32 = (ptr: number, n: number): Int32Array => new Int32Array(buffer, ptr >>> 0, n);
    const f64 = (ptr: number, n: number): Float64Array => new Float64Array(buffer, ptr >>> 0, n);
    const nf = x.labFillCount();
    const nc = x.labClosedCount();
    const no = x.labOrderCount();
    const nt = x.labMeta(3);
    const fi = (c: number): Int32Array => i32(x.labFillColumn(c), nf);
    const ff = (c: number): Float64Array => f64(x.labFillColumn(c), nf);
    const ci = (c: number): Int32Array => i32(x.labClosedColumn(c), nc);
    const cf = (c: number): Float64Array => f64(x.labClosedColumn(c), nc);
    const oi = (c: number): Int32Array => i32(x.labOrderColumn(c), no);
    const of = (c: number): Float64Array => f64(x.labOrderColumn(c), no);
    const open = x.labOpenCount();
    const nl = x.labLimitCount();
    const ne = x.labLimitEventCount();
    return {
      book: {
        count: no,
        instrument: oi(0),
        side: oi(1),
        type: oi(2),
        source: oi(3),
        status: oi(4),
        endReason: oi(5),
        submittedBar: oi(6),
        endBar: oi(7),
        lots: of(8),
        filled: of(9),
        limit: of(10),
        stop: of(11),
      },
      fills: {
        count: nf,
        bar: fi(0),
        instrument: fi(1),
        side: fi(2),
        orderId: fi(3),
        reason: fi(4),
        quantity: ff(5),
        price: ff(6),
        commission: ff(7),
        slippage: ff(8),
        spread: ff(9),
      },
      closed: {
        count: nc,
        trade: ci(0),
        instrument: ci(1),
        side: ci(2),
        entryBar: ci(3),
        exitBar: ci(4),
        exitReason: ci(5),
        entryOrder: ci(6),
        quantity: cf(7),
        entryPrice: cf(8),
        exitPrice: cf(9),
        commission: cf(10),
        pnl: cf(11),
        returnPct: cf(12),
      },
      trades: {
        openCount: open,
        openIds: i32(x.labOpenIdsPtr(), open),
        instrument: i32(x.labTradeColumn(0), nt),
        side: i32(x.labTradeColumn(1), nt),
        entryBar: i32(x.labTradeColumn(2), nt),
        lots: f64(x.labTradeColumn(3), nt),
        entryPrice: f64(x.labTradeColumn(4), nt),
      },
      limitOrders: {
        count: nl,
        bar: i32(x.labLimitColumn(0), nl),
        orderId: i32(x.labLimitColumn(1), nl),
        instrument: i32(x.labLimitColumn(2), nl),
        side: i32(x.labLimitColumn(3), nl),
        rule: i32(x.labLimitColumn(4), nl),
        requested: f64(x.labLimitColumn(5), nl),
        allowed: f64(x.labLimitColumn(6), nl),
      },
      limitEvents: {
        count: ne,
        bar: i32(x.labLimitEventColumn(0), ne),
        rule: i32(x.labLimitEventColumn(1), ne),
        nav: f64(x.labLimitEventColumn(2), ne),
      },
      nav: f64(x.labSeriesPtr(0), T).slice(),
      cash: f64(x.labSeriesPtr(1), T).slice(),
      positions: positionsFromRuns(x, K, T),
      rngDraws: x.labMeta(1),
      bankruptBar: x.labMeta(0),
    };
  }
}
