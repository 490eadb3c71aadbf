// Throughput of the feature and label functions (src/core/features) on a seeded synthetic series: bars per second
// of the best of three runs, one family per line, and the universe-wide momentum and pairs refit a strategy needs.
//
//   npm run -s bench:features                  # 1,000,000 bars
//   FEATURE_BARS=10000000 npm run -s bench:features
//
// The rolling windows are summed afresh per bar (two passes, for pandas-level accuracy), so their cost grows with
// the window: the 20- and 252-bar lines show by how much.
import { performance } from 'node:perf_hooks';
import {
  crossSectionalMomentum,
  everyNBars,
  ewmStd,
  rollingCorrelation,
  rollingHedge,
  rollingVolatility,
  rsi,
  simpleReturns,
  sma,
  tripleBarrierLabels,
} from '../src/core/features';
import { Rng } from '../src/core/rng';

const BARS = Number(process.env.FEATURE_BARS ?? 1_000_000);
const REPEATS = 3;

function walk(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const p = new Float64Array(n);
  let x = 100;
  for (let i = 0; i < n; i++) {
    x *= 1 + (rng.nextFloat() - 0.5) * 0.04;
    p[i] = x;
  }
  return p;
}

function best(fn: () => unknown): number {
  let t = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  return t;
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const line = (label: string, items: number, seconds: number, unit = 'bars/s') =>
  console.log(`  ${label.padEnd(40)}${fmt(items / seconds).padStart(14)} ${unit}   (${(seconds * 1000).toFixed(1)} ms)`);

const a = walk(BARS, 1);
const b = walk(BARS, 2);
const ra = simpleReturns(a);
const rb = simpleReturns(b);
console.log(`features on ${fmt(BARS)} bars (best of ${REPEATS})`);
line(
  'simple returns',
  BARS,
  best(() => simpleReturns(a)),
);
line(
  'sma 20',
  BARS,
  best(() => sma(a, 20)),
);
line(
  'ewm std span 100 (pandas, bias=False)',
  BARS,
  best(() => ewmStd(ra, { span: 100 })),
);
line(
  'rolling volatility 20',
  BARS,
  best(() => rollingVolatility(ra, 20)),
);
line(
  'rolling volatility 252',
  BARS,
  best(() => rollingVolatility(ra, 252)),
);
line(
  'rolling correlation 60',
  BARS,
  best(() => rollingCorrelation(ra, rb, 60)),
);
line(
  'rsi 14 (Wilder)',
  BARS,
  best(() => rsi(a, 14)),
);
const events = everyNBars(BARS, 20);
line(
  'triple barrier (span 100, h 10, every 20)',
  BARS,
  best(() => tripleBarrierLabels(a, { span: 100, k: 2, horizon: 10, events })),
);

// A universe of 500 instruments × 2,520 daily bars: momentum 252-21 at every month end, and one pairs hedge refit
// per bar over 120 bars.
const N = 500;
const T = 2520;
const universe = Array.from({ length: N }, (_, i) => walk(T, 100 + i));
const monthEnds = everyNBars(T, 21, 252);
line(
  `xmom 252-21, ${N} × ${T}, ${monthEnds.length} month ends`,
  N * monthEnds.length,
  best(() => {
    for (const at of monthEnds)
      crossSectionalMomentum(
        universe.map((close, i) => ({ name: `I${i}`, close, at })),
        252,
        21,
      );
  }),
  'instrument-dates/s',
);
line(
  `pairs rolling hedge, window 120, ${T} bars`,
  T,
  best(() => rollingHedge(universe[0], universe[1], { window: 120 })),
);
