/**
 * The `labels` table of triple-barrier events (and meta-labels when a primary signal gives the sides), with the tags
 * that record its parameters. One builder for the browser handler and `quantlab labels triple-barrier --publish`,
 * so the same bars and parameters give the same table, hence the same content hash and the same artifact.
 */
import { metaLabels, sidesFromSignal } from '../../core/features/meta-labels';
import { sma } from '../../core/features/moving-average';
import { cusumEvents } from '../../core/features/cusum';
import { ewmStd } from '../../core/features/ewm';
import { simpleReturns } from '../../core/features/returns';
import { everyNBars } from '../../core/features/sampling';
import { tripleBarrierLabels, type BarrierEvent, type SkippedEvent } from '../../core/features/triple-barrier';
import type { DerivedTable } from '../publish-derived-table';
import { FeatureParamError, intParam, numberParam } from './param-error';

/** The primary signal of meta-labels: the side of a moving-average cross (fast above slow: long). */
export interface SmaCrossPrimary {
  fast: number;
  slow: number;
}

export const SAMPLING_RULES = ['every', 'cusum'] as const;
export type SamplingRule = (typeof SAMPLING_RULES)[number];
export const THRESHOLD_BY = ['return', 'target'] as const;
export type ThresholdBy = (typeof THRESHOLD_BY)[number];

export interface TripleBarrierParams {
  /** EWM span of the daily-volatility target, in bars. */
  span: number;
  k: { upper: number; lower: number };
  /** Vertical barrier: bars after t0. */
  horizon: number;
  /** Sampling rule: `every` (an event every `every` bars from bar `first`; the default) or `cusum` (AFML's symmetric CUSUM filter). */
  events?: SamplingRule;
  every: number;
  first: number;
  /** CUSUM only: h as a log return (`thresholdBy` `return`, the default) or a multiple of the volatility target (`target`). */
  threshold?: number;
  thresholdBy?: ThresholdBy;
  minRet: number;
  /** Meta-label the events by this primary signal's side (events where it has none are left out). */
  meta?: SmaCrossPrimary;
}

/** The CLI's defaults (AFML's span 100, ±2 targets, 10 bars, every 20th bar). */
export const TRIPLE_BARRIER_DEFAULTS: TripleBarrierParams = { span: 100, k: { upper: 2, lower: 2 }, horizon: 10, every: 20, first: 20, minRet: 0 };

/** Checks every parameter, naming the field of the first bad one. */
export function checkTripleBarrierParams(p: TripleBarrierParams): TripleBarrierParams {
  numberParam('span', p.span, 1);
  numberParam('k-upper', p.k.upper, 0);
  numberParam('k-lower', p.k.lower, 0);
  if (p.k.upper === 0 && p.k.lower === 0) throw new FeatureParamError('k-upper', 'at least one of the two barriers must be on (> 0)');
  intParam('horizon', p.horizon, 1);
  const rule = p.events ?? 'every';
  if (!SAMPLING_RULES.includes(rule)) throw new FeatureParamError('events', `expected one of ${SAMPLING_RULES.join(', ')}, got "${rule}"`);
  if (rule === 'every') {
    intParam('every', p.every, 1);
    intParam('first', p.first, 0);
  } else {
    numberParam('threshold', p.threshold ?? NaN, 0, true);
    const by = p.thresholdBy ?? 'return';
    if (!THRESHOLD_BY.includes(by)) throw new FeatureParamError('threshold-by', `expected one of ${THRESHOLD_BY.join(', ')}, got "${by}"`);
  }
  numberParam('min-ret', p.minRet, 0);
  if (p.meta) {
    intParam('meta-fast', p.meta.fast, 1);
    intParam('meta-slow', p.meta.slow, 2);
    if (p.meta.fast >= p.meta.slow)
      throw new FeatureParamError('meta-fast', `the fast window (${p.meta.fast}) must be shorter than the slow one (${p.meta.slow})`);
  }
  return p;
}

export interface LabelsComputation {
  events: readonly (BarrierEvent & { meta?: 0 | 1 })[];
  skipped: readonly SkippedEvent[];
  /** The table and tags to publish (its lineage, the bars, is added by the caller). */
  derived: Omit<DerivedTable, 'inputs'>;
}

/** The event bars of the sampling rule (CUSUM's `target` threshold is the same volatility the barriers use). */
function sample(close: Float64Array, p: TripleBarrierParams): number[] {
  if ((p.events ?? 'every') === 'every') return everyNBars(close.length, p.every, p.first);
  const threshold = p.threshold!;
  if ((p.thresholdBy ?? 'return') === 'return') return cusumEvents(close, { h: threshold });
  return cusumEvents(close, { multiple: threshold, target: ewmStd(simpleReturns(close), { span: p.span }) });
}

function compute(close: Float64Array, p: TripleBarrierParams): Pick<LabelsComputation, 'events' | 'skipped'> {
  const sampled = sample(close, p);
  const options = { span: p.span, k: p.k, horizon: p.horizon, minRet: p.minRet };
  if (!p.meta) return tripleBarrierLabels(close, { ...options, events: sampled });
  const fast = sma(close, p.meta.fast);
  const slow = sma(close, p.meta.slow);
  const signal = Float64Array.from(fast, (f, t) => f - slow[t]);
  const { events, side } = sidesFromSignal(signal, sampled);
  return metaLabels(close, { ...options, events, side });
}

function tags(p: TripleBarrierParams): string[] {
  const base = [
    'triple-barrier',
    `span=${p.span}`,
    `k-upper=${p.k.upper}`,
    `k-lower=${p.k.lower}`,
    `horizon=${p.horizon}`,
    // every-N labels keep the tags they always had; a CUSUM artifact records its rule and threshold instead.
    ...((p.events ?? 'every') === 'every'
      ? [`every=${p.every}`, `first=${p.first}`]
      : ['events=cusum', `threshold=${p.threshold}`, `threshold-by=${p.thresholdBy ?? 'return'}`]),
    `min-ret=${p.minRet}`,
  ];
  return p.meta ? [...base, 'meta-labels', 'primary=sma-cross', `fast=${p.meta.fast}`, `slow=${p.meta.slow}`] : base;
}

/** Labels of one instrument's bars (timestamps in epoch ms, closes) with the given parameters. */
export function tripleBarrierTable(timestamp: Float64Array, close: Float64Array, params: TripleBarrierParams): LabelsComputation {
  const p = checkTripleBarrierParams(params);
  const { events, skipped } = compute(close, p);
  const ev = events as readonly (BarrierEvent & { meta?: 0 | 1 })[];
  const schema = [
    { name: 't0', type: 'int64' },
    { name: 't0_time', type: 'timestamp-ms-utc' },
    { name: 't1', type: 'int64' },
    { name: 't1_time', type: 'timestamp-ms-utc' },
    { name: 'label', type: 'int64' },
    { name: 'ret', type: 'float64' },
    { name: 'trgt', type: 'float64' },
    { name: 'touch', type: 'utf8' },
  ] as const;
  const columns = [
    ev.map((e) => e.t0),
    ev.map((e) => timestamp[e.t0]),
    ev.map((e) => e.t1),
    ev.map((e) => timestamp[e.t1]),
    ev.map((e) => e.label),
    Float64Array.from(ev, (e) => e.ret),
    Float64Array.from(ev, (e) => e.trgt),
    ev.map((e) => e.touch),
  ];
  const table = p.meta
    ? {
        schema: [...schema, { name: 'side', type: 'int64' }, { name: 'meta', type: 'int64' }] as const,
        columns: [...columns, ev.map((e) => e.side), ev.map((e) => e.meta ?? 0)],
      }
    : { schema, columns };
  let endMs = -Infinity;
  for (const e of ev) endMs = Math.max(endMs, timestamp[e.t1]);
  const timeRange = ev.length === 0 ? null : { startMs: timestamp[ev[0].t0], endMs };
  return { events: ev, skipped, derived: { kind: 'labels', table, nullable: [], timeRange, tags: tags(p) } };
}
