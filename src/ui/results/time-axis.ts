/** uPlot x-axis helpers for charts over epoch-millisecond timestamps (uPlot's time scale counts seconds). */
import { MS_PER_DAY } from '../../core/domain/time';

export function toSeconds(ms: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ms.length);
  for (let i = 0; i < ms.length; i++) out[i] = ms[i] / 1000;
  return out;
}

/** A legend value for a time in seconds: the date, with the time of day when it is not midnight UTC. */
export function secondsText(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  const iso = new Date(s * 1000).toISOString();
  return s % (MS_PER_DAY / 1000) === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
