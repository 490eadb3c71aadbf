/** How the artifacts commands show times, sizes and lists to a person (JSON output keeps raw values). */
import { MS_PER_DAY, MS_PER_MINUTE } from '../../core/domain/time';

/** A UTC date when the time is midnight, else date and time to the minute (or second) with Z. */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  const iso = new Date(ms).toISOString();
  if (ms % MS_PER_DAY === 0) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, ms % MS_PER_MINUTE === 0 ? 16 : 19)}Z`;
}

export function formatBytes(n: number | null): string {
  if (n === null) return '-';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

export function formatList(list: readonly string[]): string {
  return list.length === 0 ? '-' : list.join(',');
}
