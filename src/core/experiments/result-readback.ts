/**
 * Reading an experiment's results back from its published tables (the inverse of result-tables.ts for what the
 * result views show): the extended report from the metrics rows. The compat statistics come back through
 * compatStatsFromMetrics (result-tables.ts).
 */
import { EXTENDED_REPORT_KEYS, type ExtendedReport, type MonthlyReturn } from '../report/types';
import type { MetricsRow } from './result-tables';

/** The extended report as the metrics table keeps it (sections `report` and `monthly_returns`). */
export function reportFromMetrics(rows: readonly MetricsRow[]): ExtendedReport {
  const values = new Map<string, number | null>();
  const months: MonthlyReturn[] = [];
  for (const r of rows) {
    if (r.section === 'report') values.set(r.key, r.value);
    else if (r.section === 'monthly_returns') {
      const m = /^(\d{4})-(\d{2})$/.exec(r.key);
      if (m && r.value !== null) months.push({ year: Number(m[1]), month: Number(m[2]), return_pct: r.value });
    }
  }
  const missing = EXTENDED_REPORT_KEYS.filter((k) => k !== 'monthly_returns' && !values.has(k));
  if (missing.length > 0) throw new RangeError(`metrics rows lack report values ${missing.join(', ')}`);
  const out: Record<string, unknown> = { monthly_returns: months };
  for (const key of EXTENDED_REPORT_KEYS) if (key !== 'monthly_returns') out[key] = values.get(key) ?? null;
  if (out.daily_return_count === null) out.daily_return_count = 0;
  return out as unknown as ExtendedReport;
}
