// What the statistics derive from the bars alone (timestamps and closes), apart from any run: the data period and
// duration resolution, the annualisation, the calendar bin each bar falls in, the instrument's log returns and
// their moments (beta's denominator), the run's span in years. A one-off `statsCompute` prepares a dataset and
// uses it once; a sweep prepares one per bar set and reuses it for every combination. Either way the values are
// computed by the same code, so they are the same bits.
import { ld, st } from "./memory";
import { binKey, dataPeriodMs, PERIOD_DIFFS, periodsPerYear, resampleRule, resolutionMs } from "./calendar";
import { MS_PER_DAY } from "../time";
import { sum, sumOf, TERM_CO_DEV } from "./summation";

export class StatsDataset {
  n: i32 = 0;
  /** Epoch ms and closes, n f64 each; read-only, owned by whoever prepared the dataset. */
  time: usize = 0;
  close: usize = 0;

  durationUnit: f64 = 0;
  rule: i32 = 0;
  periodsPerYear: f64 = 0;
  /** 1 where a bar opens a new calendar bin of `rule` (always at bar 0; every bar whose key is NaN). */
  binStart: StaticArray<u8> = new StaticArray<u8>(0);
  /** Every bar opens its own bin (e.g. daily bars binned by day): period returns are bar-to-bar returns. */
  oneBarPerBin: bool = false;

  /** log(close[k+1] / close[k]) for k < n - 1, their mean, and beta's scaled sum of squared deviations (n > 2). */
  closeLogs: StaticArray<f64> = new StaticArray<f64>(0);
  closeLogMean: f64 = NaN;
  covScale: f64 = NaN;
  closeLogVar: f64 = NaN;

  durMs: f64 = NaN;
  years: f64 = NaN;

  private diffs: StaticArray<f64> = new StaticArray<f64>(PERIOD_DIFFS);

  /** time: finite epoch ms, ascending (the host checks); n > 0. */
  prepare(time: usize, close: usize, n: i32): void {
    this.n = n;
    this.time = time;
    this.close = close;

    const periodMs = dataPeriodMs(time, n, changetype<usize>(this.diffs));
    this.durationUnit = resolutionMs(periodMs);
    const rule = resampleRule(periodMs);
    this.rule = rule;
    this.periodsPerYear = periodsPerYear(rule, time, n);

    if (this.binStart.length < n) this.binStart = new StaticArray<u8>(n);
    const starts = changetype<usize>(this.binStart);
    let key: f64 = NaN;
    let all = true;
    for (let k = 0; k < n; k++) {
      const b = binKey(ld(time, k), rule);
      const opens = b != key;
      if (opens) key = b;
      else all = false;
      store<u8>(starts + <usize>k, opens ? 1 : 0);
    }
    this.oneBarPerBin = all;

    if (n > 2) {
      const m = n - 1;
      if (this.closeLogs.length < m) this.closeLogs = new StaticArray<f64>(m);
      const ys = changetype<usize>(this.closeLogs);
      for (let k = 0; k < m; k++) st(ys, k, Math.log(ld(close, k + 1) / ld(close, k)));
      const my = sum(ys, m) / <f64>m;
      const f = 1 / <f64>(m - 1);
      this.closeLogMean = my;
      this.covScale = f;
      this.closeLogVar = sumOf(TERM_CO_DEV, ys, ys, my, my, m) * f;
    } else {
      this.closeLogMean = NaN;
      this.covScale = NaN;
      this.closeLogVar = NaN;
    }

    const durMs = ld(time, n - 1) - ld(time, 0);
    const wholeDays = Math.floor(durMs / MS_PER_DAY);
    const seconds = Math.floor((durMs - wholeDays * MS_PER_DAY) / 1000);
    this.durMs = durMs;
    this.years = (wholeDays + seconds / 86400) / 365.25;
  }
}
