/** How the lab shows numbers, sizes, times and ids to a person (stored values stay raw). */
import { byteSizeText } from '../core/artifacts/byte-size';
import { MS_PER_DAY, MS_PER_MINUTE } from '../core/domain/time';

export function formatBytes(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : byteSizeText(n);
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

/** A UTC date when the time is midnight, else date and time to the minute (seconds when present). */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  if (ms % MS_PER_DAY === 0) return iso.slice(0, 10);
  if (ms % MS_PER_MINUTE === 0) return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function formatRange(range: { startMs: number; endMs: number } | null): string {
  return range ? `${formatTime(range.startMs)} → ${formatTime(range.endMs)}` : '—';
}

/** Days only, for dense tables (the details show the times). */
export function formatDayRange(range: { startMs: number; endMs: number } | null): string {
  return range ? `${formatTime(range.startMs).slice(0, 10)} → ${formatTime(range.endMs).slice(0, 10)}` : '—';
}

/** ISO-8601 creation times as `YYYY-MM-DD HH:MM` (UTC). */
export function formatCreated(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `art_f2e4b64306bd…` — enough to tell artifacts apart at a glance; the full id is in the title. */
export function shortId(id: string, digits = 10): string {
  const at = id.indexOf('_');
  return at >= 0 && id.length > at + 1 + digits ? `${id.slice(0, at + 1 + digits)}…` : id;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatPercent(x: number, digits = 0): string {
  return `${(x * 100).toFixed(digits)} %`;
}
