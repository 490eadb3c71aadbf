import { growF64, growI32, nextCapacity } from './growth';

/**
 * Closed-trade records, struct-of-arrays. One record per closing fill of a trade: a trade closed in three
 * partial fills (volume cap, partial FIFO reduction) gives three records with the same `trade` id.
 *
 * - quantity: units closed (> 0); side: the trade's side (+1 long, −1 short).
 * - commission: the closing fill's commission share plus the pro-rata share of the entry commission.
 * - pnl = side × (exitPrice − entryPrice) × quantity − commission (prices include spread and slippage).
 * - returnPct = side × (exitPrice / entryPrice − 1), before commission.
 */
export class ClosedTrades {
  count = 0;
  capacity = 0;
  trade = new Int32Array(0);
  instrument = new Int32Array(0);
  side = new Int32Array(0);
  entryBar = new Int32Array(0);
  exitBar = new Int32Array(0);
  exitReason = new Int32Array(0);
  entryOrder = new Int32Array(0);
  quantity = new Float64Array(0);
  entryPrice = new Float64Array(0);
  exitPrice = new Float64Array(0);
  commission = new Float64Array(0);
  pnl = new Float64Array(0);
  returnPct = new Float64Array(0);

  private ensure(needed: number): void {
    if (needed <= this.capacity) return;
    const c = nextCapacity(this.capacity, needed);
    this.trade = growI32(this.trade, c);
    this.instrument = growI32(this.instrument, c);
    this.side = growI32(this.side, c);
    this.entryBar = growI32(this.entryBar, c);
    this.exitBar = growI32(this.exitBar, c);
    this.exitReason = growI32(this.exitReason, c);
    this.entryOrder = growI32(this.entryOrder, c);
    this.quantity = growF64(this.quantity, c);
    this.entryPrice = growF64(this.entryPrice, c);
    this.exitPrice = growF64(this.exitPrice, c);
    this.commission = growF64(this.commission, c);
    this.pnl = growF64(this.pnl, c);
    this.returnPct = growF64(this.returnPct, c);
    this.capacity = c;
  }

  add(
    trade: number,
    instrument: number,
    side: number,
    entryBar: number,
    entryOrder: number,
    quantity: number,
    entryPrice: number,
    exitBar: number,
    exitPrice: number,
    commission: number,
    reason: number,
  ): void {
    const i = this.count;
    this.ensure(i + 1);
    this.trade[i] = trade;
    this.instrument[i] = instrument;
    this.side[i] = side;
    this.entryBar[i] = entryBar;
    this.entryOrder[i] = entryOrder;
    this.quantity[i] = quantity;
    this.entryPrice[i] = entryPrice;
    this.exitBar[i] = exitBar;
    this.exitPrice[i] = exitPrice;
    this.commission[i] = commission;
    this.pnl[i] = side * (exitPrice - entryPrice) * quantity - commission;
    this.returnPct[i] = side * (exitPrice / entryPrice - 1);
    this.exitReason[i] = reason;
    this.count = i + 1;
  }
}
