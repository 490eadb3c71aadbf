/**
 * Meta-labels (AFML snippet 3.7): given the side a primary model chose at each event, label 1 when taking that side
 * made money by t1 (side-adjusted return > 0) and 0 otherwise, so a secondary model learns whether to act on the
 * primary signal and how much. Barriers are applied to the side-adjusted path, as AFML does; `upper` is the profit
 * take and `lower` the stop loss for either side.
 */
import { tripleBarrierLabels, type BarrierEvent, type TripleBarrierOptions, type TripleBarrierResult } from './triple-barrier';

export interface MetaLabelEvent extends BarrierEvent {
  /** 1: act on the primary signal; 0: don't. */
  meta: 0 | 1;
}

export interface MetaLabelResult extends Omit<TripleBarrierResult, 'events'> {
  events: MetaLabelEvent[];
}

export function metaLabels(close: Float64Array, options: TripleBarrierOptions & { side: readonly number[] }): MetaLabelResult {
  if (options.side.length !== options.events.length) {
    throw new RangeError(`one side per event: ${options.side.length} sides for ${options.events.length} events`);
  }
  const result = tripleBarrierLabels(close, options);
  return { ...result, events: result.events.map((e) => ({ ...e, meta: e.ret > 0 ? 1 : 0 })) };
}

/**
 * Sides from a primary signal sampled at the event bars: the sign of signal[t0]; events where the signal is 0 or
 * NaN (no position) are left out, since there is nothing to meta-label.
 */
export function sidesFromSignal(signal: ArrayLike<number>, events: readonly number[]): { events: number[]; side: number[] } {
  const kept: number[] = [];
  const side: number[] = [];
  for (const t0 of events) {
    const s = signal[t0];
    if (s > 0 || s < 0) {
      kept.push(t0);
      side.push(s > 0 ? 1 : -1);
    }
  }
  return { events: kept, side };
}
