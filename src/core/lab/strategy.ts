import type { OrderRequest } from './order-request';

/** Price fields a strategy may read. */
export type BarField = 'open' | 'high' | 'low' | 'close' | 'volume';

/**
 * Market data revealed so far: bars 0..`bar` of the union timeline, nothing after. Instruments are given by
 * index (fast) or name. `ago` counts timeline steps back from the current bar (0 = current); the value is NaN
 * where the instrument had no bar. Asking for a bar after the current one — `ago` < 0 or an absolute index
 * > `bar` — throws LookAheadError: look-ahead is impossible by construction, not by convention.
 */
export interface RevealedData {
  /** Index of the current (last revealed) bar. */
  readonly bar: number;
  /** Timestamp `ago` steps back. */
  time(ago?: number): number;
  /** Whether the instrument has a bar `ago` steps back. */
  has(instrument: number | string, ago?: number): boolean;
  open(instrument: number | string, ago?: number): number;
  high(instrument: number | string, ago?: number): number;
  low(instrument: number | string, ago?: number): number;
  close(instrument: number | string, ago?: number): number;
  volume(instrument: number | string, ago?: number): number;
  /** Absolute access: field of an instrument at timeline index `bar` (must be ≤ the current bar). */
  at(field: BarField, instrument: number | string, bar: number): number;
  /** The instrument's last known close (NaN before its first bar). */
  lastClose(instrument: number | string): number;
}

/** What a strategy sees before the first bar: no market data at all. */
export interface LabInitContext {
  readonly instruments: readonly string[];
  /** Starting cash of the run. */
  readonly initialCash: number;
  /** Index of an instrument by name (throws with a did-you-mean hint if unknown). */
  instrument(name: string): number;
}

/**
 * What a strategy sees at a bar's close: the revealed data, its account after this bar's fills (marked at
 * the closes), and order entry. Orders take effect after this call: market orders at the next bar's open
 * (or this bar's close with fillTiming 'close'), other types from the next bar.
 */
export interface LabBarContext extends LabInitContext {
  readonly bar: number;
  readonly time: number;
  readonly data: RevealedData;
  cash(): number;
  /** Cash plus positions at the last known closes. */
  nav(): number;
  /** Signed units held. */
  position(instrument: number | string): number;
  /** Units per lot of the instrument (config `lotSize`): orders trade whole lots. */
  lotSize(instrument: number | string): number;
  /** Open trades (all instruments, or one). */
  openTrades(instrument?: number | string): number;
  /** Working orders (all instruments, or one). */
  workingOrders(instrument?: number | string): number;
  /** Submits an order; returns its id. Throws OrderRequestError if the request is invalid. */
  submit(order: OrderRequest): number;
  /** Cancels a working order by id (ignored if it already ended). */
  cancel(orderId: number): void;
  /** Submits a reduce-only market order for the whole position; returns its id, or −1 when flat. */
  closePosition(instrument: number | string): number;
  /**
   * Told by TargetPositions the weights it was asked for, before it trades. The engine's context has none; a
   * recording context (portfolio construction's raw targets, src/core/portfolio/raw-targets.ts) keeps them.
   */
  targetsStated?(weights: Float64Array): void;
}

/**
 * Source 1 of orders: a strategy. `initialize` runs once before the first bar; `onBar` runs at every bar's
 * close (after that bar's fills) and may return orders, submit them through the context, or both (returned
 * orders are submitted after the ones submitted inside the call, in array order).
 */
export interface Strategy {
  initialize?(ctx: LabInitContext): void;
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a strategy that submits through the context returns nothing
  onBar(ctx: LabBarContext): readonly OrderRequest[] | void;
}
