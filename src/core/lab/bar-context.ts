import { OrderSource } from './codes';
import type { LabConfig } from './config';
import type { LabCore } from './lab-core';
import { LookAheadError, OrderRequestError } from './errors';
import { blankOrderFields, type OrderFields } from './order-book';
import { resolveInstrument, toOrderFields, type OrderRequest } from './order-request';
import type { BarField, LabBarContext, RevealedData } from './strategy';
import type { LabTimeline } from './timeline';

function instrumentIndex(bar: number, instrument: number | string, names: readonly string[], index: ReadonlyMap<string, number>): number {
  if (typeof instrument === 'number' && Number.isInteger(instrument) && instrument >= 0 && instrument < names.length) return instrument;
  return resolveInstrument(`bar ${bar}`, instrument, names, index);
}

/** Moves a Revealed window to bar t; set by the class's static block, reachable only from this module. */
let moveCursor: (r: Revealed, t: number) => void = () => {
  throw new Error('Revealed is not initialised');
};

/**
 * The revealed window of the timeline. Every read goes through `#index`/`at`, which refuse the future. The
 * timeline and the engine sit in ES private (#) fields, so not even a cast reaches data after the current bar.
 */
export class Revealed implements RevealedData {
  #bar = -1;
  readonly #tl: LabTimeline;
  readonly #T: number;
  readonly #names: ReadonlyMap<string, number>;
  readonly #core: Pick<LabCore, 'markOf'>;

  /** `core` gives the last known closes (a recording context without an engine passes its own). */
  constructor(tl: LabTimeline, names: ReadonlyMap<string, number>, core: Pick<LabCore, 'markOf'>) {
    this.#tl = tl;
    this.#T = tl.time.length;
    this.#names = names;
    this.#core = core;
  }

  static {
    moveCursor = (r: Revealed, t: number): void => {
      r.#bar = t;
    };
  }

  /** Index of the current bar; read-only for strategies (only the run moves it). */
  get bar(): number {
    return this.#bar;
  }

  #k(instrument: number | string): number {
    return instrumentIndex(this.bar, instrument, this.#tl.instruments, this.#names);
  }

  #index(ago: number): number {
    if (!Number.isInteger(ago) || ago < 0) {
      throw new LookAheadError(`bar ${this.bar}: ago must be an integer ≥ 0 (0 = current bar, never a future one), got ${ago}`);
    }
    if (ago > this.bar) throw new RangeError(`bar ${this.bar}: ago ${ago} reaches before the first bar`);
    return this.bar - ago;
  }

  at(field: BarField, instrument: number | string, bar: number): number {
    if (!Number.isInteger(bar) || bar < 0) throw new RangeError(`bar ${this.bar}: bar index must be an integer ≥ 0, got ${bar}`);
    if (bar > this.bar) throw new LookAheadError(`bar ${this.bar}: bar ${bar} has not been revealed yet (look-ahead)`);
    const tl = this.#tl;
    const col = field === 'open' ? tl.open : field === 'high' ? tl.high : field === 'low' ? tl.low : field === 'close' ? tl.close : tl.volume;
    return col[this.#k(instrument) * this.#T + bar];
  }

  time(ago = 0): number {
    return this.#tl.time[this.#index(ago)];
  }
  has(instrument: number | string, ago = 0): boolean {
    const v = this.#tl.open[this.#k(instrument) * this.#T + this.#index(ago)];
    return v === v;
  }
  open(instrument: number | string, ago = 0): number {
    return this.#tl.open[this.#k(instrument) * this.#T + this.#index(ago)];
  }
  high(instrument: number | string, ago = 0): number {
    return this.#tl.high[this.#k(instrument) * this.#T + this.#index(ago)];
  }
  low(instrument: number | string, ago = 0): number {
    return this.#tl.low[this.#k(instrument) * this.#T + this.#index(ago)];
  }
  close(instrument: number | string, ago = 0): number {
    return this.#tl.close[this.#k(instrument) * this.#T + this.#index(ago)];
  }
  volume(instrument: number | string, ago = 0): number {
    return this.#tl.volume[this.#k(instrument) * this.#T + this.#index(ago)];
  }
  lastClose(instrument: number | string): number {
    return this.#core.markOf(this.#k(instrument));
  }
}

/** The one context a run hands its strategy, moved from bar to bar (nothing allocated per bar). */
export class BarContext implements LabBarContext {
  readonly instruments: readonly string[];
  readonly initialCash: number;
  readonly data: Revealed;
  readonly #tl: LabTimeline;
  readonly #core: LabCore;
  readonly #lotSize: Float64Array;
  readonly #names: ReadonlyMap<string, number>;
  readonly #fields: OrderFields = blankOrderFields();

  constructor(tl: LabTimeline, core: LabCore, cfg: LabConfig, names: ReadonlyMap<string, number>) {
    this.#core = core;
    this.#lotSize = cfg.lotSize;
    this.instruments = tl.instruments;
    this.#names = names;
    this.initialCash = cfg.cash;
    this.data = new Revealed(tl, names, core);
    this.#tl = tl;
  }

  get bar(): number {
    return this.data.bar;
  }
  get time(): number {
    return this.#tl.time[this.data.bar];
  }

  instrument(name: string): number {
    return resolveInstrument(`bar ${this.bar}`, name, this.instruments, this.#names);
  }

  #k(instrument: number | string): number {
    return instrumentIndex(this.bar, instrument, this.instruments, this.#names);
  }

  cash(): number {
    return this.#core.accountCash();
  }
  nav(): number {
    return this.#core.navNow;
  }
  position(instrument: number | string): number {
    const k = this.#k(instrument);
    return this.#core.heldLots(k) * this.#lotSize[k];
  }
  lotSize(instrument: number | string): number {
    return this.#lotSize[this.#k(instrument)];
  }

  openTrades(instrument?: number | string): number {
    return this.#core.openTradeCount(instrument === undefined ? -1 : this.#k(instrument));
  }

  workingOrders(instrument?: number | string): number {
    return this.#core.workingOrderCount(instrument === undefined ? -1 : this.#k(instrument));
  }

  submit(order: OrderRequest): number {
    if (this.bar < 0) throw new OrderRequestError('orders can only be submitted from onBar (no bar has been revealed in initialize)');
    toOrderFields(`bar ${this.bar} order`, order, this.instruments, this.#names, OrderSource.Strategy, this.#fields);
    return this.#core.submitDecision(this.#fields, this.bar);
  }

  cancel(orderId: number): void {
    this.#core.cancel(orderId, this.bar);
  }

  closePosition(instrument: number | string): number {
    const k = this.#k(instrument);
    const lots = this.#core.heldLots(k);
    if (lots === 0) return -1;
    const quantity = (lots < 0 ? -lots : lots) * this.#lotSize[k];
    return this.submit({ instrument: k, side: lots > 0 ? 'sell' : 'buy', quantity, reduceOnly: true });
  }
}

/** Reveals bars up to t to a context's strategy. For the run loop: not part of the strategy-facing API. */
export function revealUpTo(ctx: BarContext, t: number): void {
  moveCursor(ctx.data, t);
}

/** The same for a Revealed window outside a BarContext (portfolio construction's recording context). */
export function revealDataUpTo(data: Revealed, t: number): void {
  moveCursor(data, t);
}
