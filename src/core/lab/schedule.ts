import { didYouMean } from '../csv/did-you-mean';
import { OrderSource } from './codes';
import { EngineConfigError } from './errors';
import { blankOrderFields, type OrderFields } from './order-book';
import { resolveInstrument, toOrderFields, type ExitRules, type OrderRequest, type TimeInForceInput } from './order-request';

/**
 * Sources 2 and 3 of orders, turned into flat, time-sorted tables before the run.
 *
 * Target weights (portfolio rebalancing): `{ timestamp, weights: { name: w } }`. The weights describe the whole
 * book: an instrument not listed is targeted at 0 (closed). Negative weights are shorts. A rebalance is decided
 * at the close of the first bar whose time ≥ timestamp, valued at that close (NAV and last known closes); if
 * several are due at the same bar only the latest counts. The engine then trades the deltas in whole lots
 * (sizing.ts, engine.rebalance).
 *
 * Scheduled entries (e.g. an alert at a timestamp with its own exit rules): the order arrives at `timestamp`
 * and is active from the first bar whose time ≥ timestamp (bar times are open times, so a market entry fills
 * at that bar's open whatever fillTiming says; a limit entry works from that bar). Sized by quantity or by
 * weight (sized at execution: weight × the last recorded NAV / the execution bar's open). Its exits become the
 * rules of the trade it opens. Entries with equal timestamps keep their input order.
 */
export interface RebalanceInput {
  readonly timestamp: number;
  readonly weights: Readonly<Record<string, number>>;
}

export interface ScheduledEntry {
  readonly timestamp: number;
  readonly instrument: number | string;
  readonly side: OrderRequest['side'];
  readonly quantity?: number;
  readonly weight?: number;
  /** Optional limit price: the entry is then a limit order. */
  readonly limit?: number;
  readonly tif?: TimeInForceInput;
  readonly exits?: ExitRules;
}

export interface RebalanceTable {
  /** R timestamps, ascending. */
  readonly time: Float64Array;
  /** R × K weights, row r = rebalance r (NaN: leave the instrument alone). */
  readonly weights: Float64Array;
}

export interface ScheduleTable {
  readonly time: Float64Array;
  readonly orders: readonly OrderFields[];
}

const ENTRY_KEYS = ['timestamp', 'instrument', 'side', 'quantity', 'weight', 'limit', 'tif', 'exits'];

function checkKeys(where: string, obj: object, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean([key.toLowerCase()], allowed);
    throw new EngineConfigError(`${where}: unknown field "${key}"${hint === undefined ? '' : ` (did you mean "${hint}"?)`}`);
  }
}

function checkTimestamp(where: string, ts: number): void {
  if (typeof ts !== 'number' || !Number.isFinite(ts))
    throw new EngineConfigError(`${where}: timestamp must be a finite epoch-milliseconds number, got ${String(ts)}`);
}

/** Stable ascending order of `times` (ties keep input order). */
function order(times: readonly number[]): number[] {
  return times.map((_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
}

export function rebalanceTable(inputs: readonly RebalanceInput[], names: readonly string[], index: ReadonlyMap<string, number>): RebalanceTable {
  const K = names.length;
  const R = inputs.length;
  const perm = order(inputs.map((r) => r.timestamp));
  const time = new Float64Array(R);
  const weights = new Float64Array(R * K);
  perm.forEach((src, r) => {
    const input = inputs[src];
    const where = `rebalance ${src}`;
    checkKeys(where, input, ['timestamp', 'weights']);
    checkTimestamp(where, input.timestamp);
    if (input.weights === null || typeof input.weights !== 'object')
      throw new EngineConfigError(`${where}: weights must be an object { instrument: weight }`);
    time[r] = input.timestamp;
    for (const [name, w] of Object.entries(input.weights)) {
      let k: number;
      try {
        k = resolveInstrument(where, name, names, index);
      } catch (e) {
        throw new EngineConfigError((e as Error).message);
      }
      if (typeof w !== 'number' || !Number.isFinite(w))
        throw new EngineConfigError(`${where}: weight of "${name}" must be a finite number, got ${String(w)}`);
      weights[r * K + k] = w;
    }
  });
  return { time, weights };
}

export function scheduleTable(entries: readonly ScheduledEntry[], names: readonly string[], index: ReadonlyMap<string, number>): ScheduleTable {
  const perm = order(entries.map((e) => e.timestamp));
  const time = new Float64Array(entries.length);
  const orders: OrderFields[] = [];
  perm.forEach((src, r) => {
    const e = entries[src];
    const where = `scheduled entry ${src}`;
    checkKeys(where, e, ENTRY_KEYS);
    checkTimestamp(where, e.timestamp);
    time[r] = e.timestamp;
    const req: OrderRequest = {
      instrument: e.instrument,
      side: e.side,
      type: e.limit === undefined ? 'market' : 'limit',
      ...(e.quantity === undefined ? {} : { quantity: e.quantity }),
      ...(e.weight === undefined ? {} : { weight: e.weight }),
      ...(e.limit === undefined ? {} : { limit: e.limit }),
      ...(e.tif === undefined ? {} : { tif: e.tif }),
      ...(e.exits === undefined ? {} : { exits: e.exits }),
    };
    try {
      orders.push(toOrderFields(where, req, names, index, OrderSource.Scheduled, blankOrderFields()));
    } catch (err) {
      throw new EngineConfigError((err as Error).message);
    }
  });
  return { time, orders };
}
