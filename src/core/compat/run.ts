import { validateBars, type Bars } from './bars';
import { Broker } from './broker';
import { IndicatorRegistry, StrategyContext } from './context';
import { resolveOptions, type BacktestOptionsInput } from './options';
import type { BacktestResult, ClosedTradeRecord, OpenTradeRecord } from './result';
import type { Strategy } from './strategy';
import type { Trade } from './trades';

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/**
 * Run one strategy over one instrument with backtesting.py's semantics (its `Backtest.run`):
 * indicators are declared in `initialize`; from the bar after the warm-up on, each bar first lets the broker
 * fill pending orders and record equity, then calls `Strategy.next`, whose orders fill on later bars.
 */
export function runBacktest(bars: Bars, strategy: Strategy, options?: BacktestOptionsInput): BacktestResult {
  validateBars(bars);
  const opts = resolveOptions(options);
  const n = bars.close.length;
  const broker = new Broker(bars, opts);

  const registry = new IndicatorRegistry(bars);
  strategy.initialize(registry);
  const firstTradingBar = registry.warmupBars();
  // +1: `next` needs the previous bar too (e.g. for a crossover).
  const startBar = 1 + firstTradingBar;

  const ctx = new StrategyContext(broker, bars, registry.series);
  let outOfMoney = false;
  for (let i = startBar; i < n; i++) {
    ctx.setIndex(i);
    if (!broker.next(i)) {
      outOfMoney = true;
      break;
    }
    strategy.next(ctx);
  }

  if (!outOfMoney && opts.finalizeTrades) {
    // Queue closes for what is open, then run the broker once more on the last bar: the closes (and any
    // order placed in the last `next`) fill as they would have on that bar, i.e. at its open by default.
    for (let k = broker.trades.length - 1; k >= 0; k--) broker.closeTradeLater(broker.trades[k], 1);
    if (startBar < n) broker.next(n - 1);
  }

  // Bars before the first recorded value take that value (pandas bfill); anything left is the cash.
  const equity = broker.equity;
  for (let i = n - 2; i >= 0; i--) if (Number.isNaN(equity[i])) equity[i] = equity[i + 1];
  for (let i = 0; i < n; i++) if (Number.isNaN(equity[i])) equity[i] = broker.cash;

  return {
    equity,
    trades: broker.closedTrades.map((t) => closedRecord(t, bars.time)),
    openTrades: broker.trades.map((t) => openRecord(t, bars.time)),
    firstTradingBar,
    startBar,
    cash: broker.cash,
    outOfMoney,
    notes: broker.notes,
  };
}

function closedRecord(t: Trade, time: Float64Array): ClosedTradeRecord {
  return {
    size: t.size,
    entryBar: t.entryBar,
    exitBar: t.exitBar,
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    sl: nullIfNaN(t.sl),
    tp: nullIfNaN(t.tp),
    pnl: t.plAt(t.exitPrice),
    returnPct: t.plPctAt(t.exitPrice),
    commissions: t.commissions,
    entryTime: time[t.entryBar],
    exitTime: time[t.exitBar],
    tag: t.tag,
  };
}

function openRecord(t: Trade, time: Float64Array): OpenTradeRecord {
  return {
    size: t.size,
    entryBar: t.entryBar,
    entryPrice: t.entryPrice,
    entryTime: time[t.entryBar],
    sl: nullIfNaN(t.sl),
    tp: nullIfNaN(t.tp),
    tag: t.tag,
  };
}
