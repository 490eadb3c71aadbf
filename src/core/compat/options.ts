/**
 * Broker configuration of the `backtesting.py` compatibility profile.
 *
 * Defaults are backtesting.py's own (`Backtest.__init__`): cash 10,000, no costs, margin 1, fills at the next
 * bar's open, no hedging, no exclusive orders, open trades left open at the end.
 */
export interface Commission {
  /** Cash charged per fill, whatever its size. */
  fixed: number;
  /** Fraction of the fill's value (|size| × price); negative values are market-maker rebates. */
  relative: number;
}

export interface BacktestOptions {
  cash: number;
  /** Charged twice: once when a trade opens, once when it closes. */
  commission: Commission;
  /** Bid–ask spread as a fraction of price; applied once, to the entry price. */
  spread: number;
  /** Required margin ratio, 1 / leverage (0.02 means 50:1). */
  margin: number;
  /** Market orders fill at the close of the bar they were placed on instead of the next bar's open. */
  tradeOnClose: boolean;
  /** Allow long and short trades at once; otherwise an opposite order first closes existing trades (FIFO). */
  hedging: boolean;
  /** Each new (non-contingent) order cancels pending orders and closes every open trade first. */
  exclusiveOrders: boolean;
  /** Close the trades still open after the last bar so that they count in the statistics. */
  finalizeTrades: boolean;
}

/** What callers may pass: any subset; commission as a plain relative rate or as {fixed, relative}. */
export interface BacktestOptionsInput {
  cash?: number;
  commission?: number | Partial<Commission>;
  spread?: number;
  margin?: number;
  tradeOnClose?: boolean;
  hedging?: boolean;
  exclusiveOrders?: boolean;
  finalizeTrades?: boolean;
}

export const BACKTESTING_PY_DEFAULTS: Readonly<BacktestOptions> = Object.freeze({
  cash: 10_000,
  commission: Object.freeze({ fixed: 0, relative: 0 }),
  spread: 0,
  margin: 1,
  tradeOnClose: false,
  hedging: false,
  exclusiveOrders: false,
  finalizeTrades: false,
});

/** Fill in defaults and reject the values backtesting.py rejects, with a message naming the option. */
export function resolveOptions(input: BacktestOptionsInput = {}): BacktestOptions {
  const d = BACKTESTING_PY_DEFAULTS;
  const c = input.commission;
  const commission: Commission =
    typeof c === 'number' ? { fixed: 0, relative: c } : { fixed: c?.fixed ?? d.commission.fixed, relative: c?.relative ?? d.commission.relative };
  const o: BacktestOptions = {
    cash: input.cash ?? d.cash,
    commission,
    spread: input.spread ?? d.spread,
    margin: input.margin ?? d.margin,
    tradeOnClose: input.tradeOnClose ?? d.tradeOnClose,
    hedging: input.hedging ?? d.hedging,
    exclusiveOrders: input.exclusiveOrders ?? d.exclusiveOrders,
    finalizeTrades: input.finalizeTrades ?? d.finalizeTrades,
  };
  if (!(o.cash > 0) || !Number.isFinite(o.cash)) throw new RangeError(`cash must be a finite number > 0, got ${o.cash}`);
  if (!(o.margin > 0 && o.margin <= 1)) throw new RangeError(`margin must be in (0, 1], got ${o.margin}`);
  if (!(commission.fixed >= 0) || !Number.isFinite(commission.fixed)) {
    throw new RangeError(`commission.fixed must be a finite cash amount >= 0, got ${commission.fixed}`);
  }
  if (!(commission.relative >= -0.1 && commission.relative < 0.1)) {
    throw new RangeError(`commission.relative must be in [-0.1, 0.1) (rebate to 10% fee), got ${commission.relative}`);
  }
  if (!Number.isFinite(o.spread)) throw new RangeError(`spread must be a finite fraction of price, got ${o.spread}`);
  return o;
}
