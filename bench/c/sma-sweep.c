/*
 * A plain-C yardstick for the sweep benchmark (bench/run.ts, section 2): the same sma-cross combinations over the
 * same bars, under the backtesting.py profile's rules as the engine applies them to this strategy — signals on a
 * bar's close, market orders filled at the next bar's open, every order sized to all available cash (whole units,
 * commission included), exclusive orders (a signal closes the open trade first), no spread, margin 1.
 *
 * What it computes per combination: the equity curve (every bar), and from it the total return, the maximum
 * drawdown and a Sharpe ratio of simple bar returns (mean / sd · sqrt(252)), in one pass. Each rolling mean
 * (pandas' compensated arithmetic, so that crossovers and fills are the engine's) is computed once per window per
 * sweep, as the engine's series cache does.
 * What it does not compute: the engine's full metrics table — no calendar binning or annualisation by geometric
 * mean, no logarithms (beta, CAGR), no Sortino or Calmar ratios, no drawdown durations or episodes, no exposure, no
 * per-trade table (win rate, best/worst/average trade, trade durations, profit factor, SQN, Kelly) — nor the
 * general broker (order queue, stops, limits, brackets, partial closes, hedging, margin calls).
 *
 * Usage: sma-sweep INPUT OUTPUT
 *   INPUT:  f64 little-endian: n, m, repeats, then open[n], close[n], then fast[m], slow[m]
 *   OUTPUT: f64: the best sweep's runs per second, then each combination's final equity, return %, max drawdown %
 *           and Sharpe ratio (m rows of 4), for the bench to check the C rules against the engine's results.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const double CASH = 10000.0;
static const double COMMISSION = 0.002;
/* backtesting.py's default order size: "all of it", a hair below 1 so that it reads as a fraction. */
static const double FULL = 1.0 - 2.220446049250313e-16;

/* pandas' rolling mean: Kahan-compensated add and remove, a run of equal values returns that value. */
static void rolling_mean(double *out, const double *v, int n, int window) {
  int nobs = 0, neg = 0, same = 0;
  double sum = 0, comp_add = 0, comp_remove = 0, prev = n > 0 ? v[0] : NAN;
  for (int i = 0; i < n; i++) {
    if (i >= window) {
      double x = v[i - window];
      nobs--;
      double y = -x - comp_remove, t = sum + y;
      comp_remove = t - sum - y;
      sum = t;
      if (x < 0) neg--;
    }
    double x = v[i];
    nobs++;
    double y = x - comp_add, t = sum + y;
    comp_add = t - sum - y;
    sum = t;
    if (x < 0) neg++;
    same = x == prev ? same + 1 : 1;
    prev = x;
    double r = NAN;
    if (nobs >= window) {
      r = sum / nobs;
      if (same >= nobs) r = prev;
      else if (neg == 0 && r < 0) r = 0;
      else if (neg == nobs && r > 0) r = 0;
    }
    out[i] = r;
  }
}

/* Python's float floor division, as the engine sizes orders. */
static double floor_div(double a, double b) {
  double mod = fmod(a, b), div = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) div -= 1.0;
  if (div == 0) return copysign(0.0, a / b);
  double f = floor(div);
  return div - f > 0.5 ? f + 1.0 : f;
}

typedef struct {
  double final_equity, return_pct, max_drawdown_pct, sharpe;
} Result;

static Result run(const double *open, const double *close, int n, const double *fast, const double *slow,
                  double *equity) {
  int start = 0;
  while (start < n && (isnan(fast[start]) || isnan(slow[start]))) start++;
  start += 1; /* a crossover needs the previous bar too */
  double cash = CASH, units = 0, entry = 0;
  int pending = 0; /* +1 buy, -1 sell at the next open */
  int last = start < n ? start : n;
  for (int i = last; i < n; i++) {
    if (pending != 0) {
      double o = open[i];
      if (units != 0) { /* exclusive orders: close the open trade first */
        cash += units * (o - entry) - fabs(units) * o * COMMISSION;
        units = 0;
      }
      double per_unit = o + fabs(FULL) * o * COMMISSION / fabs(FULL);
      double size = trunc(floor_div(cash * FULL, per_unit));
      if (size != 0 && size * per_unit <= cash) {
        units = pending > 0 ? size : -size;
        entry = o;
        cash -= size * o * COMMISSION;
      }
      pending = 0;
    }
    double eq = cash + (close[i] * units - units * entry);
    if (eq <= 0) { /* wiped out */
      for (int j = i; j < n; j++) equity[j] = 0;
      break;
    }
    equity[i] = eq;
    double f0 = fast[i - 1], s0 = slow[i - 1], f1 = fast[i], s1 = slow[i];
    if (f0 < s0 && f1 > s1) pending = 1;
    else if (s0 < f0 && s1 > f1) pending = -1;
  }
  for (int i = 0; i < last; i++) equity[i] = last < n ? equity[last] : CASH;

  /* One pass: running peak and drawdown, sums of returns and of their squares. */
  double peak = equity[0], max_dd = 0, s = 0, s2 = 0;
  for (int i = 1; i < n; i++) {
    double e = equity[i];
    if (e > peak) peak = e;
    double dd = 1 - e / peak;
    if (dd > max_dd) max_dd = dd;
    double r = e / equity[i - 1] - 1;
    s += r;
    s2 += r * r;
  }
  int m = n - 1;
  double mean = s / m, var = (s2 - s * mean) / (m - 1);
  Result res = {equity[n - 1], (equity[n - 1] - equity[0]) / equity[0] * 100, -max_dd * 100,
                mean / sqrt(var) * sqrt(252.0)};
  return res;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
    return 2;
  }
  FILE *in = fopen(argv[1], "rb");
  double head[3];
  if (!in || fread(head, 8, 3, in) != 3) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  int n = (int)head[0], m = (int)head[1], repeats = (int)head[2];
  double *data = malloc(sizeof(double) * (2 * (size_t)n + 2 * (size_t)m));
  if (fread(data, 8, 2 * (size_t)n + 2 * (size_t)m, in) != 2 * (size_t)n + 2 * (size_t)m) {
    fprintf(stderr, "short input %s\n", argv[1]);
    return 1;
  }
  fclose(in);
  const double *open = data, *close = data + n, *fasts = data + 2 * n, *slows = data + 2 * n + m;

  /* One series per distinct window, indexed by window. */
  int max_window = 0;
  for (int c = 0; c < m; c++) {
    if (fasts[c] > max_window) max_window = (int)fasts[c];
    if (slows[c] > max_window) max_window = (int)slows[c];
  }
  double **series = calloc((size_t)max_window + 1, sizeof(double *));
  double *equity = malloc(sizeof(double) * n);
  Result *results = malloc(sizeof(Result) * m);

  double best = INFINITY;
  for (int r = 0; r < repeats; r++) {
    double t0 = now();
    for (int w = 0; w <= max_window; w++) {
      free(series[w]);
      series[w] = NULL;
    }
    for (int c = 0; c < m; c++) {
      int fw = (int)fasts[c], sw = (int)slows[c];
      if (!series[fw]) rolling_mean(series[fw] = malloc(sizeof(double) * n), close, n, fw);
      if (!series[sw]) rolling_mean(series[sw] = malloc(sizeof(double) * n), close, n, sw);
      results[c] = run(open, close, n, series[fw], series[sw], equity);
    }
    double t = now() - t0;
    if (t < best) best = t;
  }

  FILE *out = fopen(argv[2], "wb");
  double rate = m / best;
  if (!out || fwrite(&rate, 8, 1, out) != 1 || fwrite(results, sizeof(Result), m, out) != (size_t)m) {
    fprintf(stderr, "cannot write %s\n", argv[2]);
    return 1;
  }
  fclose(out);
  printf("%.0f runs/s\n", rate);
  return 0;
}
