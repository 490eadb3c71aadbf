import { describeLabConfig, type LabConfig } from './config';
import type { LabEngine } from './engine';

/** Fills, struct-of-arrays (see fill-log.ts for each column's rule). */
export interface LabFills {
  readonly count: number;
  readonly bar: Int32Array;
  readonly instrument: Int32Array;
  readonly side: Int32Array;
  readonly quantity: Float64Array;
  readonly price: Float64Array;
  readonly commission: Float64Array;
  readonly slippage: Float64Array;
  readonly spread: Float64Array;
  readonly orderId: Int32Array;
  /** Reason codes (codes.ts): 0 order, 1 stop-loss, 2 take-profit, 3 trailing, 4 time stop, 5 end of data, 6 bankrupt. */
  readonly reason: Int32Array;
}

/** Closed trades, struct-of-arrays, in closing order (see closed-trades.ts). */
export interface LabTrades {
  readonly count: number;
  readonly trade: Int32Array;
  readonly instrument: Int32Array;
  readonly side: Int32Array;
  readonly quantity: Float64Array;
  readonly entryBar: Int32Array;
  readonly entryPrice: Float64Array;
  readonly exitBar: Int32Array;
  readonly exitPrice: Float64Array;
  readonly commission: Float64Array;
  readonly pnl: Float64Array;
  readonly returnPct: Float64Array;
  readonly exitReason: Int32Array;
  /** Order that opened the trade. */
  readonly entryOrder: Int32Array;
}

/** Every order submitted, by id (codes in codes.ts). Quantities in units; NaN for a never-sized weight order. */
export interface LabOrders {
  readonly count: number;
  readonly instrument: Int32Array;
  readonly side: Int32Array;
  readonly type: Int32Array;
  readonly source: Int32Array;
  readonly status: Int32Array;
  readonly endReason: Int32Array;
  readonly quantity: Float64Array;
  readonly filled: Float64Array;
  /** Limit and stop prices as submitted (NaN when the type has none). */
  readonly limit: Float64Array;
  readonly stop: Float64Array;
  readonly submittedBar: Int32Array;
  /** Bar the order ended on, −1 while working. */
  readonly endBar: Int32Array;
}

/** Open trades after the last bar (none with closeAtEnd). */
export interface LabOpenTrades {
  readonly count: number;
  readonly trade: Int32Array;
  readonly instrument: Int32Array;
  readonly side: Int32Array;
  readonly quantity: Float64Array;
  readonly entryBar: Int32Array;
  readonly entryPrice: Float64Array;
}

/**
 * Orders a risk limit reduced, refused or cancelled (limit-log.ts), in the order it happened. Quantities in units;
 * `rule` is a LimitRule code (codes.ts: 0 no-short, 1 max-position-weight, 2 max-gross, 3 max-order-value,
 * 4 max-volume-share, 5 kill-switch, 6 daily-loss).
 */
export interface LabLimitOrders {
  readonly count: number;
  readonly bar: Int32Array;
  readonly orderId: Int32Array;
  readonly instrument: Int32Array;
  readonly side: Int32Array;
  readonly requested: Float64Array;
  readonly allowed: Float64Array;
  readonly rule: Int32Array;
}

/** Post-trade limit trips: the bar, the rule (kill-switch, daily-loss) and the NAV that tripped it. */
export interface LabLimitEvents {
  readonly count: number;
  readonly bar: Int32Array;
  readonly rule: Int32Array;
  readonly nav: Float64Array;
}

export interface LabRunMeta {
  readonly engine: 'quantlab-lab';
  /** Which implementation ran the hot loop: the TypeScript reference or the WASM port (same bits). */
  readonly implementation: LabImplementation;
  /** Bumped whenever a rule changes the numbers a run produces. */
  readonly rulesVersion: number;
  readonly seed: number;
  readonly config: ReturnType<typeof describeLabConfig>;
  readonly instruments: readonly string[];
  readonly bars: number;
  /** RNG draws made (random slippage only). */
  readonly rngDraws: number;
  /** Bar at which NAV fell to ≤ 0 and trading stopped, or −1. */
  readonly bankruptBar: number;
  /** Scheduled entries whose timestamp is after the last bar (never submitted). */
  readonly unscheduledEntries: number;
}

export interface LabResult {
  /** T timestamps of the union timeline. */
  readonly time: Float64Array;
  /** NAV (cash + positions at last known closes) at each bar's end. */
  readonly nav: Float64Array;
  readonly cash: Float64Array;
  /** Units held, K×T instrument-major: positions[k * T + t]. */
  readonly positions: Float64Array;
  readonly fills: LabFills;
  readonly trades: LabTrades;
  readonly openTrades: LabOpenTrades;
  readonly orders: LabOrders;
  /** Orders reduced, refused or cancelled by a risk limit, and short fills refused with shorting off. */
  readonly limitOrders: LabLimitOrders;
  /** Trips of the post-trade limits (kill switch, daily loss). */
  readonly limitEvents: LabLimitEvents;
  readonly meta: LabRunMeta;
}

export const LAB_RULES_VERSION = 1;

export type LabImplementation = 'ts-reference' | 'wasm';

/**
 * The raw tables a run leaves behind, as `collectResult` reads them: the reference's OrderBook, FillLog,
 * ClosedTrades and TradeBook satisfy these shapes, and so do views over the WASM engine's memory. Columns may be
 * longer than their count (capacity); `nav`, `cash` and `positions` are taken as they are (owned by the result).
 */
export interface LabRunState {
  readonly book: {
    readonly count: number;
    readonly instrument: Int32Array;
    readonly side: Int32Array;
    readonly type: Int32Array;
    readonly source: Int32Array;
    readonly status: Int32Array;
    readonly endReason: Int32Array;
    readonly submittedBar: Int32Array;
    readonly endBar: Int32Array;
    /** Lots requested (NaN: a weight-sized order never sized) and filled. */
    readonly lots: Float64Array;
    readonly filled: Float64Array;
    readonly limit: Float64Array;
    readonly stop: Float64Array;
  };
  readonly fills: LabFills;
  readonly closed: LabTrades;
  /** Open trades by trade id, and the ids of those still open (oldest first). */
  readonly trades: {
    readonly openCount: number;
    readonly openIds: Int32Array;
    readonly instrument: Int32Array;
    readonly side: Int32Array;
    readonly lots: Float64Array;
    readonly entryBar: Int32Array;
    readonly entryPrice: Float64Array;
  };
  readonly limitOrders: LabLimitOrders;
  readonly limitEvents: LabLimitEvents;
  readonly nav: Float64Array;
  readonly cash: Float64Array;
  readonly positions: Float64Array;
  readonly rngDraws: number;
  readonly bankruptBar: number;
}

/** The reference engine's tables. */
export function labEngineState(engine: LabEngine): LabRunState {
  return {
    book: engine.book,
    fills: engine.ledger.fills,
    closed: engine.ledger.closed,
    trades: engine.ledger.trades,
    limitOrders: engine.risk.log,
    limitEvents: engine.risk.events,
    nav: engine.nav,
    cash: engine.cash,
    positions: engine.positions,
    rngDraws: engine.slippage.draws,
    bankruptBar: engine.bankruptBar,
  };
}

/** Copies a run's tables to exact-length arrays (the result owns its buffers; they can be transferred). */
export function collectResult(
  state: LabRunState,
  cfg: LabConfig,
  instruments: readonly string[],
  time: Float64Array,
  unscheduled: number,
  implementation: LabImplementation = 'ts-reference',
): LabResult {
  const f = state.fills;
  const c = state.closed;
  const b = state.book;
  const tb = state.trades;
  const n = f.count;
  const m = c.count;
  const o = b.count;
  const units = new Float64Array(o);
  const filled = new Float64Array(o);
  for (let id = 0; id < o; id++) {
    const lot = cfg.lotSize[b.instrument[id]];
    units[id] = b.lots[id] * lot;
    filled[id] = b.filled[id] * lot;
  }
  const lo = state.limitOrders;
  const le = state.limitEvents;
  const nl = lo.count;
  const ne = le.count;
  const open = tb.openCount;
  const ot = {
    count: open,
    trade: new Int32Array(open),
    instrument: new Int32Array(open),
    side: new Int32Array(open),
    quantity: new Float64Array(open),
    entryBar: new Int32Array(open),
    entryPrice: new Float64Array(open),
  };
  for (let i = 0; i < open; i++) {
    const id = tb.openIds[i];
    ot.trade[i] = id;
    ot.instrument[i] = tb.instrument[id];
    ot.side[i] = tb.side[id];
    ot.quantity[i] = tb.lots[id] * cfg.lotSize[tb.instrument[id]];
    ot.entryBar[i] = tb.entryBar[id];
    ot.entryPrice[i] = tb.entryPrice[id];
  }
  return {
    time: time.slice(),
    nav: state.nav,
    cash: state.cash,
    positions: state.positions,
    fills: {
      count: n,
      bar: f.bar.slice(0, n),
      instrument: f.instrument.slice(0, n),
      side: f.side.slice(0, n),
      quantity: f.quantity.slice(0, n),
      price: f.price.slice(0, n),
      commission: f.commission.slice(0, n),
      slippage: f.slippage.slice(0, n),
      spread: f.spread.slice(0, n),
      orderId: f.orderId.slice(0, n),
      reason: f.reason.slice(0, n),
    },
    trades: {
      count: m,
      trade: c.trade.slice(0, m),
      instrument: c.instrument.slice(0, m),
      side: c.side.slice(0, m),
      quantity: c.quantity.slice(0, m),
      entryBar: c.entryBar.slice(0, m),
      entryPrice: c.entryPrice.slice(0, m),
      exitBar: c.exitBar.slice(0, m),
      exitPrice: c.exitPrice.slice(0, m),
      commission: c.commission.slice(0, m),
      pnl: c.pnl.slice(0, m),
      returnPct: c.returnPct.slice(0, m),
      exitReason: c.exitReason.slice(0, m),
      entryOrder: c.entryOrder.slice(0, m),
    },
    openTrades: ot,
    orders: {
      count: o,
      instrument: b.instrument.slice(0, o),
      side: b.side.slice(0, o),
      type: b.type.slice(0, o),
      source: b.source.slice(0, o),
      status: b.status.slice(0, o),
      endReason: b.endReason.slice(0, o),
      quantity: units,
      filled,
      limit: b.limit.slice(0, o),
      stop: b.stop.slice(0, o),
      submittedBar: b.submittedBar.slice(0, o),
      endBar: b.endBar.slice(0, o),
    },
    limitOrders: {
      count: nl,
      bar: lo.bar.slice(0, nl),
      orderId: lo.orderId.slice(0, nl),
      instrument: lo.instrument.slice(0, nl),
      side: lo.side.slice(0, nl),
      requested: lo.requested.slice(0, nl),
      allowed: lo.allowed.slice(0, nl),
      rule: lo.rule.slice(0, nl),
    },
    limitEvents: { count: ne, bar: le.bar.slice(0, ne), rule: le.rule.slice(0, ne), nav: le.nav.slice(0, ne) },
    meta: {
      engine: 'quantlab-lab',
      implementation,
      rulesVersion: LAB_RULES_VERSION,
      seed: cfg.seed,
      config: describeLabConfig(cfg),
      instruments: instruments.slice(),
      bars: time.length,
      rngDraws: state.rngDraws,
      bankruptBar: state.bankruptBar,
      unscheduledEntries: unscheduled,
    },
  };
}
