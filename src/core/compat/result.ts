/** A closed trade as reported after a run (backtesting.py's `_trades` row). */
export interface ClosedTradeRecord {
  /** Signed units: negative for shorts. */
  size: number;
  entryBar: number;
  exitBar: number;
  /** Entry price including the spread. */
  entryPrice: number;
  exitPrice: number;
  /** Stop-loss / take-profit price of the trade's bracket, null if none. */
  sl: number | null;
  tp: number | null;
  /** Profit in cash, net of entry and exit commissions. */
  pnl: number;
  /** Profit as a fraction of the entry value, net of commissions (0.05 = 5 %). */
  returnPct: number;
  /** Entry plus exit commission. */
  commissions: number;
  /** Epoch milliseconds (UTC). */
  entryTime: number;
  exitTime: number;
  tag: string | null;
}

/** A trade still open when the run ended (not counted in the statistics). */
export interface OpenTradeRecord {
  size: number;
  entryBar: number;
  entryPrice: number;
  entryTime: number;
  sl: number | null;
  tp: number | null;
  tag: string | null;
}

export interface BacktestResult {
  /** Account equity at each bar's close; bars before trading starts repeat the first recorded value. */
  equity: Float64Array;
  trades: ClosedTradeRecord[];
  openTrades: OpenTradeRecord[];
  /** First bar on which every indicator is defined (buy & hold is measured from its close). */
  firstTradingBar: number;
  /** First bar the broker and `Strategy.next` ran on (firstTradingBar + 1). */
  startBar: number;
  cash: number;
  /** True when equity hit zero and the run stopped early. */
  outOfMoney: boolean;
  notes: string[];
}
