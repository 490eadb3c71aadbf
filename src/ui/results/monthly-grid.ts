/** The year × month layout of monthly returns, with each year's compounded total. */
import type { MonthlyReturn } from '../../core/report';

export interface MonthlyGrid {
  years: number[];
  /** cells[y][m]: return in percent of month m + 1 of years[y]; null for a month without data. */
  cells: (number | null)[][];
  /** Compounded return of the months present in each year, in percent. */
  totals: number[];
}

export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function monthlyGrid(months: readonly MonthlyReturn[]): MonthlyGrid {
  const byYear = new Map<number, (number | null)[]>();
  for (const m of months) {
    let row = byYear.get(m.year);
    if (!row) byYear.set(m.year, (row = new Array<number | null>(12).fill(null)));
    row[m.month - 1] = m.return_pct;
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const cells = years.map((y) => byYear.get(y)!);
  const totals = cells.map((row) => {
    let growth = 1;
    for (const r of row) if (r !== null) growth *= 1 + r / 100;
    return (growth - 1) * 100;
  });
  return { years, cells, totals };
}
