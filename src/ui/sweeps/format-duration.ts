/** A duration for a progress line: "0.4 s", "12 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const total = Math.round(s);
  const min = Math.floor(total / 60);
  if (min < 60) return `${min} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** Runs per second, rounded to what is worth reading. */
export function formatRate(runsPerSecond: number | null): string {
  if (runsPerSecond === null || !Number.isFinite(runsPerSecond)) return '—';
  const digits = runsPerSecond < 10 ? 1 : 0;
  return runsPerSecond.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
