/** How the artifacts commands show times, sizes and lists to a person (JSON output keeps raw values). */
import { byteSizeText } from '../../core/artifacts/byte-size';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../core/domain/time';

/** A UTC date when the time is midnight, else date and time to the minute (or second) with Z. */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  const iso = new Date(ms).toISOString();
  if (ms % MS_PER_DAY === 0) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, ms % MS_PER_MINUTE === 0 ? 16 : 19)}Z`;
}

export function formatBytes(n: number | null): string {
  return n === null ? '-' : byteSizeText(n);
}

export function formatList(list: readonly string[]): string {
  return list.length === 0 ? '-' : list.join(',');
}
