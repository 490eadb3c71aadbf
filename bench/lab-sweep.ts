// A lab sweep on all cores: 100 combinations of xmom (lookback × top-k × bottom-k, monthly, with costs) on a
// generated universe of 500 instruments × 2,520 daily bars (bench/generated-universe.ts), on the Node runner
// (worker threads, one engine each, the timeline shared). The same plan runs on one worker and on every core in one
// process, one after the other: combinations/s, instrument-bars/s, the ratio of the two, and whether the rows are
// the same bits. The machine's load average is printed with the figures: on a shared machine, trust the ratio more.
//
//   npm run -s build:engine && npx tsx bench/lab-sweep.ts [workers]
import { createHash } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { compileNodeEngine } from '../src/adapters/node/engine-loader';
import { NodeLabSweepPool } from '../src/adapters/node/lab-sweep-pool';
import { ohlcvContentHash } from '../src/core/artifacts/content-hash';
import { planLabSweep } from '../src/core/sweeps';
import { generatedUniverse } from './generated-universe';

const K = 500;
const T = 2520;
const timeline = generatedUniverse(K, T);
const cores = Number(process.argv[2] ?? availableParallelism());

// The plan needs each input by content hash, as a real sweep names them.
const inputs = await Promise.all(
  timeline.instruments.map(async (name, k) => {
    const at = (c: Float64Array) => c.subarray(k * T, (k + 1) * T);
    const table = {
      timestamp: timeline.time,
      open: at(timeline.open),
      high: at(timeline.high),
      low: at(timeline.low),
      close: at(timeline.close),
      volume: at(timeline.volume),
    };
    return { contentHash: await ohlcvContentHash(table), name };
  }),
);
const outcome = planLabSweep({
  strategy: 'xmom',
  params: { lookback: [63, 126, 189, 252, 315], top_k: [10, 20, 30, 40, 50], bottom_k: [0, 10, 25, 50] },
  search: { mode: 'grid' },
  inputs,
  config: { cash: 10_000_000, commission: { relative: 0.0005 }, spread: 0.0002, allowShort: true, seed: 1 },
});
if (!outcome.plan) throw new Error(JSON.stringify(outcome.problems));
const plan = outcome.plan;
const module = await compileNodeEngine();
const universe = { key: 'bench', timeline };

async function sweep(workers: number): Promise<{ seconds: number; setup: number; hash: string; done: number }> {
  const pool = await NodeLabSweepPool.create({ workers, module });
  try {
    const run = pool.startLab(plan, universe, () => {});
    const end = await run.finished;
    if (end.status !== 'done') throw new Error(`sweep ${end.status}: ${end.error ?? ''}`);
    const s = run.results.stats;
    return {
      seconds: end.progress.elapsedMs / 1000,
      setup: end.progress.setupMs / 1000,
      hash: createHash('sha256')
        .update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength))
        .digest('hex')
        .slice(0, 16),
      done: end.progress.done,
    };
  } finally {
    pool.close();
  }
}

const one = await sweep(1);
const all = await sweep(cores);
const row = (label: string, value: string): void => console.log(`  ${label.padEnd(34)}${value}`);
const line = (r: typeof one): string =>
  `${(r.done / r.seconds).toFixed(2)} combinations/s, ${((r.done * K * T) / r.seconds / 1e6).toFixed(1)} M instrument-bars/s (${r.seconds.toFixed(2)} s + ${r.setup.toFixed(2)} s setup)`;
console.log(
  `Lab sweep: xmom, ${plan.runs} combinations (lookback × top_k × bottom_k) on ${K} instruments × ${T} daily bars (load average ${loadavg()[0].toFixed(1)})`,
);
row('one worker', line(one));
row(`${cores} workers (all cores)`, line(all));
row('all cores / one', `${(one.seconds / all.seconds).toFixed(2)}×`);
row('same rows, bit for bit', one.hash === all.hash ? 'yes' : `NO (${one.hash} vs ${all.hash})`);
