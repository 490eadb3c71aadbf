import { growF64, growI32, nextCapacity } from './growth';

/**
 * Every execution of a run, struct-of-arrays, in execution order.
 *
 * - quantity: units (> 0); side ±1; price: execution price with spread and slippage.
 * - commission = fixed + relative × quantity × price (the fixed part is charged per fill, partial fills included).
 * - slippage: cash cost of slippage, quantity × |price − price before slippage|.
 * - spread: cash cost of the half spread, quantity × barPrice × spread / 2, for fills executed at a bar price
 *   (open or close). Fills at an order's own stop/limit level report 0: there the spread moved the trigger.
 * - orderId: the order filled, or −1 for exits of a trade (stop-loss, take-profit, trailing, time stop,
 *   end of data, bankruptcy); `reason` tells which (Reason codes).
 */
export class FillLog {
  count = 0;
  capacity = 0;
  bar = new Int32Array(0);
  instrument = new Int32Array(0);
  side = new Int32Array(0);
  orderId = new Int32Array(0);
  reason = new Int32Array(0);
  quantity = new Float64Array(0);
  price = new Float64Array(0);
  commission = new Float64Array(0);
  slippage = new Float64Array(0);
  spread = new Float64Array(0);

  private ensure(needed: number): void {
    if (needed <= this.capacity) return;
    const c = nextCapacity(this.capacity, needed);
    this.bar = growI32(this.bar, c);
    this.instrument = growI32(this.instrument, c);
    this.side = growI32(this.side, c);
    this.orderId = growI32(this.orderId, c);
    this.reason = growI32(this.reason, c);
    this.quantity = growF64(this.quantity, c);
    this.price = growF64(this.price, c);
    this.commission = growF64(this.commission, c);
    this.slippage = growF64(this.slippage, c);
    this.spread = growF64(this.spread, c);
    this.capacity = c;
  }

  add(
    bar: number,
    instrument: number,
    side: number,
    quantity: number,
    price: number,
    commission: number,
    slippage: number,
    spread: number,
    orderId: number,
    reason: number,
  ): void {
    const i = this.count;
    this.ensure(i + 1);
    this.bar[i] = bar;
    this.instrument[i] = instrument;
    this.side[i] = side;
    this.quantity[i] = quantity;
    this.price[i] = price;
    this.commission[i] = commission;
    this.slippage[i] = slippage;
    this.spread[i] = spread;
    this.orderId[i] = orderId;
    this.reason[i] = reason;
    this.count = i + 1;
  }
}
