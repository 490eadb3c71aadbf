import type { Bars } from './bars';
import type { Broker } from './broker';
import type { Order } from './orders';
import type { BarContext, IndicatorHandle, InitContext, OrderRequest, RevealedBars } from './strategy';

/** backtesting.py's default order size: "all of it", a hair below 1 so that it reads as a fraction. */
export const FULL_EQUITY = 1 - Number.EPSILON;

/** Collects indicators declared during `initialize`. */
export class IndicatorRegistry implements InitContext {
  readonly bars: Readonly<Bars>;
  readonly length: number;
  readonly series: Float64Array[] = [];
  readonly names: string[] = [];

  constructor(bars: Bars) {
    this.bars = bars;
    this.length = bars.close.length;
  }

  indicator(values: Float64Array, name?: string): IndicatorHandle {
    if (values.length !== this.length) {
      throw new RangeError(`indicator ${name ?? this.series.length} has ${values.length} values, bars have ${this.length}`);
    }
    this.series.push(values);
    this.names.push(name ?? `indicator ${this.series.length - 1}`);
    return this.series.length - 1;
  }

  /**
   * Bars to skip before trading: the latest first-defined index over all indicators (backtesting.py's
   * `_indicator_warmup_nbars`, which uses argmin of isnan, so an all-NaN indicator counts as 0).
   */
  warmupBars(): number {
    let nbars = 0;
    for (let s = 0; s < this.series.length; s++) {
      const v = this.series[s];
      let first = 0;
      for (let j = 0; j < v.length; j++) {
        if (!Number.isNaN(v[j])) {
          first = j;
          break;
        }
      }
      if (first > nbars) nbars = first;
    }
    return nbars;
  }
}

function checkAgo(ago: number, index: number): number {
  if (!(ago >= 0 && ago <= index) || !Number.isInteger(ago)) {
    throw new RangeError(`ago must be an integer in [0, ${index}] at bar ${index}, got ${ago}`);
  }
  return index - ago;
}

class BarWindow implements RevealedBars {
  index = 0;
  private readonly bars: Bars;

  constructor(bars: Bars) {
    this.bars = bars;
  }

  get length(): number {
    return this.index + 1;
  }

  open(ago = 0): number {
    return this.bars.open[checkAgo(ago, this.index)];
  }
  high(ago = 0): number {
    return this.bars.high[checkAgo(ago, this.index)];
  }
  low(ago = 0): number {
    return this.bars.low[checkAgo(ago, this.index)];
  }
  close(ago = 0): number {
    return this.bars.close[checkAgo(ago, this.index)];
  }
  volume(ago = 0): number {
    return this.bars.volume[checkAgo(ago, this.index)];
  }
  time(ago = 0): number {
    return this.bars.time[checkAgo(ago, this.index)];
  }
}

function checkSize(size: number): number {
  if (!((size > 0 && size < 1) || (size >= 1 && Math.round(size) === size))) {
    throw new RangeError(`size must be a fraction in (0, 1) or a whole number of units >= 1, got ${size}`);
  }
  return size;
}

/** The per-bar view handed to `Strategy.next`; one instance is reused for the whole run. */
export class StrategyContext implements BarContext {
  private readonly broker: Broker;
  private readonly window: BarWindow;
  private readonly indicators: Float64Array[];

  constructor(broker: Broker, bars: Bars, indicators: Float64Array[]) {
    this.broker = broker;
    this.window = new BarWindow(bars);
    this.indicators = indicators;
  }

  setIndex(i: number): void {
    this.window.index = i;
  }

  get index(): number {
    return this.window.index;
  }

  get data(): RevealedBars {
    return this.window;
  }

  indicator(handle: IndicatorHandle, ago = 0): number {
    const series = this.indicators[handle];
    if (series === undefined) throw new RangeError(`unknown indicator handle ${handle}`);
    return series[checkAgo(ago, this.window.index)];
  }

  positionSize(): number {
    return this.broker.positionSize();
  }

  equity(): number {
    return this.broker.currentEquity();
  }

  openTradeCount(): number {
    return this.broker.trades.length;
  }

  pendingOrderCount(): number {
    return this.broker.orders.length;
  }

  pendingOrders(): Order[] {
    return this.broker.orders.items.slice();
  }

  buy(request?: OrderRequest): Order {
    return this.place(checkSize(request?.size ?? FULL_EQUITY), request);
  }

  sell(request?: OrderRequest): Order {
    return this.place(-checkSize(request?.size ?? FULL_EQUITY), request);
  }

  close(portion = 1): void {
    const trades = this.broker.trades;
    for (let k = 0; k < trades.length; k++) this.broker.closeTradeLater(trades[k], portion);
  }

  cancel(order: Order): void {
    this.broker.cancelOrder(order);
  }

  private place(size: number, r: OrderRequest | undefined): Order {
    return this.broker.newOrder(size, r?.limit ?? NaN, r?.stop ?? NaN, r?.sl ?? NaN, r?.tp ?? NaN, r?.tag ?? null, null);
  }
}
