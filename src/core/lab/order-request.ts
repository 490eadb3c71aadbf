import { didYouMean } from '../csv/did-you-mean';
import { OrderType, parseOrderType, type OrderTypeName } from '../domain/order-type';
import { Side } from '../domain/side';
import { TimeInForce } from './codes';
import { OrderRequestError } from './errors';
import type { OrderFields } from './order-book';

/**
 * Exit rules attached to an entry: they become the rules of the trade the entry opens (see ledger.ts).
 * Each level is given either as a price or as a fraction of the entry fill price, never both.
 */
export interface ExitRules {
  /** Stop-loss price (below the entry for a long, above for a short). */
  stopLoss?: number;
  /** Stop-loss distance as a fraction of the entry price, in (0, 1): long stop = entry × (1 − f). */
  stopLossFraction?: number;
  takeProfit?: number;
  /** Take-profit distance as a fraction of the entry price, > 0 (< 1 for shorts): long target = entry × (1 + f). */
  takeProfitFraction?: number;
  /** Trailing exit at a fixed price distance from the best price since entry. */
  trailAmount?: number;
  /** Trailing exit at a fraction in (0, 1) below (long) / above (short) the best price since entry. */
  trailFraction?: number;
  /** Close at market after this many bars of the instrument held (the entry bar counts), integer ≥ 1. */
  timeStopBars?: number;
}

export type TimeInForceInput = 'gtc' | 'day' | { readonly bars: number };

/** An order as strategies (and, through adapters, rebalances and scheduled entries) write it. */
export interface OrderRequest {
  /** Instrument index in the timeline or its name. */
  instrument: number | string;
  side: 'buy' | 'sell' | Side;
  /** Default 'market'. */
  type?: OrderTypeName | OrderType;
  /** Units (rounded down to whole lots); exactly one of quantity and weight. */
  quantity?: number;
  /** Fraction of NAV, > 0, sized when the order first executes (see docs/engine.md). */
  weight?: number;
  limit?: number;
  stop?: number;
  /** Trailing-stop orders: distance in price units or as a fraction, exactly one. */
  trailAmount?: number;
  trailFraction?: number;
  /** Default 'gtc'. */
  tif?: TimeInForceInput;
  /** Only reduce an opposite position (never opens, never refused by risk checks). */
  reduceOnly?: boolean;
  exits?: ExitRules;
}

const REQUEST_KEYS = [
  'instrument',
  'side',
  'type',
  'quantity',
  'weight',
  'limit',
  'stop',
  'trailAmount',
  'trailFraction',
  'tif',
  'reduceOnly',
  'exits',
];
const EXIT_KEYS = ['stopLoss', 'stopLossFraction', 'takeProfit', 'takeProfitFraction', 'trailAmount', 'trailFraction', 'timeStopBars'];

function unknownKeys(where: string, obj: object, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean([key.toLowerCase()], allowed);
    throw new OrderRequestError(`${where}: unknown field "${key}"${hint === undefined ? '' : ` (did you mean "${hint}"?)`}`);
  }
}

function positive(where: string, field: string, v: number | undefined): number {
  if (v === undefined) return NaN;
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0))
    throw new OrderRequestError(`${where}: ${field} must be a finite number > 0, got ${String(v)}`);
  return v;
}

function fraction(where: string, field: string, v: number | undefined): number {
  if (v === undefined) return NaN;
  if (typeof v !== 'number' || !(v > 0 && v < 1)) throw new OrderRequestError(`${where}: ${field} must be a fraction in (0, 1), got ${String(v)}`);
  return v;
}

function oneOf(where: string, a: string, av: number | undefined, b: string, bv: number | undefined): void {
  if (av !== undefined && bv !== undefined) throw new OrderRequestError(`${where}: give ${a} or ${b}, not both`);
}

/** Resolves an instrument given by index or name; names get a did-you-mean hint. */
export function resolveInstrument(where: string, instrument: number | string, names: readonly string[], index: ReadonlyMap<string, number>): number {
  if (typeof instrument === 'number') {
    if (!Number.isInteger(instrument) || instrument < 0 || instrument >= names.length) {
      throw new OrderRequestError(`${where}: instrument index must be an integer in [0, ${names.length}), got ${instrument}`);
    }
    return instrument;
  }
  const k = index.get(instrument);
  if (k === undefined) {
    const hint = didYouMean([instrument.toLowerCase()], names);
    throw new OrderRequestError(
      `${where}: unknown instrument "${instrument}"${hint === undefined ? '' : ` (did you mean "${hint}"?)`}; known: ${names.join(', ')}`,
    );
  }
  return k;
}

function parseSide(where: string, side: OrderRequest['side']): number {
  if (side === 'buy' || side === Side.Buy) return Side.Buy;
  if (side === 'sell' || side === Side.Sell) return Side.Sell;
  throw new OrderRequestError(`${where}: side must be 'buy', 'sell', 1 or -1, got ${JSON.stringify(side)}`);
}

function parseType(where: string, type: OrderRequest['type']): number {
  if (type === undefined) return OrderType.Market;
  if (typeof type === 'number') {
    if (Number.isInteger(type) && type >= 0 && type <= 4) return type;
    throw new OrderRequestError(`${where}: order type code must be 0..4, got ${type}`);
  }
  try {
    return parseOrderType(type);
  } catch (e) {
    throw new OrderRequestError(`${where}: ${(e as Error).message}`);
  }
}

/** Writes the exit rules into `out` (NaN / 0 when absent) after validating them. */
export function writeExitRules(where: string, exits: ExitRules | undefined, out: OrderFields): void {
  const e = exits ?? {};
  unknownKeys(`${where} exits`, e, EXIT_KEYS);
  oneOf(`${where} exits`, 'stopLoss', e.stopLoss, 'stopLossFraction', e.stopLossFraction);
  oneOf(`${where} exits`, 'takeProfit', e.takeProfit, 'takeProfitFraction', e.takeProfitFraction);
  oneOf(`${where} exits`, 'trailAmount', e.trailAmount, 'trailFraction', e.trailFraction);
  out.stopLoss = positive(`${where} exits`, 'stopLoss', e.stopLoss);
  out.stopLossFraction = fraction(`${where} exits`, 'stopLossFraction', e.stopLossFraction);
  out.takeProfit = positive(`${where} exits`, 'takeProfit', e.takeProfit);
  out.takeProfitFraction = positive(`${where} exits`, 'takeProfitFraction', e.takeProfitFraction);
  out.exitTrailAmount = positive(`${where} exits`, 'trailAmount', e.trailAmount);
  out.exitTrailFraction = fraction(`${where} exits`, 'trailFraction', e.trailFraction);
  const bars = e.timeStopBars;
  if (bars !== undefined && (!Number.isInteger(bars) || bars < 1)) {
    throw new OrderRequestError(`${where} exits: timeStopBars must be an integer ≥ 1, got ${String(bars)}`);
  }
  out.timeStopBars = bars ?? 0;
  if (out.side < 0 && !(out.takeProfitFraction < 1) && out.takeProfitFraction === out.takeProfitFraction) {
    throw new OrderRequestError(
      `${where} exits: a short's takeProfitFraction must be < 1 (the target is entry × (1 − f)), got ${out.takeProfitFraction}`,
    );
  }
  const sl = out.stopLoss;
  const tp = out.takeProfit;
  if (sl === sl && tp === tp && (out.side > 0 ? !(sl < tp) : !(tp < sl))) {
    throw new OrderRequestError(
      `${where} exits: ${out.side > 0 ? 'a long needs stopLoss < takeProfit' : 'a short needs takeProfit < stopLoss'}, got stopLoss ${sl}, takeProfit ${tp}`,
    );
  }
  // With a known entry level (limit or stop), absolute exits must lie on the right side of it.
  const ref = out.type === OrderType.Limit || out.type === OrderType.StopLimit ? out.limit : out.type === OrderType.Stop ? out.stop : NaN;
  if (ref === ref) {
    if (sl === sl && !(out.side * (ref - sl) > 0)) {
      throw new OrderRequestError(`${where} exits: stopLoss ${sl} must be ${out.side > 0 ? 'below' : 'above'} the entry level ${ref}`);
    }
    if (tp === tp && !(out.side * (tp - ref) > 0)) {
      throw new OrderRequestError(`${where} exits: takeProfit ${tp} must be ${out.side > 0 ? 'above' : 'below'} the entry level ${ref}`);
    }
  }
}

/**
 * Validates a request and writes its numeric form into `out` (reused; nothing allocated on success).
 * `where` prefixes every message (e.g. "bar 12 order").
 */
export function toOrderFields(
  where: string,
  req: OrderRequest,
  names: readonly string[],
  index: ReadonlyMap<string, number>,
  source: number,
  out: OrderFields,
): OrderFields {
  if (req === null || typeof req !== 'object') throw new OrderRequestError(`${where}: expected an order object, got ${String(req)}`);
  unknownKeys(where, req, REQUEST_KEYS);
  out.instrument = resolveInstrument(where, req.instrument, names, index);
  out.side = parseSide(where, req.side);
  const type = parseType(where, req.type);
  out.type = type;
  out.source = source;
  oneOf(where, 'quantity', req.quantity, 'weight', req.weight);
  if (req.quantity === undefined && req.weight === undefined)
    throw new OrderRequestError(`${where}: give quantity (units) or weight (fraction of NAV)`);
  out.quantity = positive(where, 'quantity', req.quantity);
  out.weight = positive(where, 'weight', req.weight);

  const needsLimit = type === OrderType.Limit || type === OrderType.StopLimit;
  const needsStop = type === OrderType.Stop || type === OrderType.StopLimit;
  const trailing = type === OrderType.TrailingStop;
  const typeName = ['market', 'limit', 'stop', 'stop-limit', 'trailing-stop'][type];
  if (needsLimit && req.limit === undefined) throw new OrderRequestError(`${where}: a ${typeName} order needs limit`);
  if (!needsLimit && req.limit !== undefined) throw new OrderRequestError(`${where}: limit is not used by a ${typeName} order`);
  if (needsStop && req.stop === undefined) throw new OrderRequestError(`${where}: a ${typeName} order needs stop`);
  if (!needsStop && req.stop !== undefined) throw new OrderRequestError(`${where}: stop is not used by a ${typeName} order`);
  if (trailing && (req.trailAmount === undefined) === (req.trailFraction === undefined)) {
    throw new OrderRequestError(`${where}: a trailing-stop order needs exactly one of trailAmount and trailFraction`);
  }
  if (!trailing && (req.trailAmount !== undefined || req.trailFraction !== undefined)) {
    throw new OrderRequestError(`${where}: trailAmount/trailFraction are only used by trailing-stop orders (exit trailing goes in exits)`);
  }
  out.limit = positive(where, 'limit', req.limit);
  out.stop = positive(where, 'stop', req.stop);
  out.trailAmount = positive(where, 'trailAmount', req.trailAmount);
  out.trailFraction = fraction(where, 'trailFraction', req.trailFraction);

  const tif = req.tif ?? 'gtc';
  if (tif === 'gtc') {
    out.tif = TimeInForce.Gtc;
    out.tifBars = 0;
  } else if (tif === 'day') {
    out.tif = TimeInForce.Day;
    out.tifBars = 0;
  } else if (typeof tif === 'object' && tif !== null && Number.isInteger(tif.bars) && tif.bars >= 1) {
    out.tif = TimeInForce.Bars;
    out.tifBars = tif.bars;
  } else {
    throw new OrderRequestError(`${where}: tif must be 'gtc', 'day' or { bars: integer ≥ 1 }, got ${JSON.stringify(tif)}`);
  }
  const reduceOnly = req.reduceOnly ?? false;
  if (typeof reduceOnly !== 'boolean') throw new OrderRequestError(`${where}: reduceOnly must be true or false`);
  out.reduceOnly = reduceOnly ? 1 : 0;
  if (reduceOnly && req.exits !== undefined) throw new OrderRequestError(`${where}: a reduce-only order opens no trade, so it cannot carry exits`);
  if (reduceOnly && req.weight !== undefined) throw new OrderRequestError(`${where}: a reduce-only order is sized by quantity, not weight`);
  writeExitRules(where, req.exits, out);
  return out;
}
