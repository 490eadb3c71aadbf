import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { NodeLabSweepPool } from '../../../src/adapters/node/lab-sweep-pool';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { loadOhlcvCsv } from '../../../src/core/csv/load-ohlcv-csv';
import { alignTables } from '../../../src/core/lab/align';
import { labExperimentSpec, planLabSweep, SWEEP_STATS_WIDTH, type LabSweepPlan } from '../../../src/core/sweeps';
import { createEngine } from '../../../src/engine/engine-module';
import { InProcessLabRunner } from '../../../src/engine/lab-runner';
import { statsRow } from '../../../src/engine/lab-sweep';
import { runLabUniverseBacktest } from '../../../src/handlers/run-lab-backtest';
import { sharedDataPath } from '../../helpers/shared-data';
import { UNIVERSE12 } from '../../helpers/universe12';

// The Node runner of lab sweeps (worker threads, the bench's): the same rows as the experiment of each combination
// run in this thread, and a cancel that keeps what finished.

const named = UNIVERSE12.map((name) => ({
  name,
  table: loadOhlcvCsv(readFileSync(sharedDataPath(`universe12/${name}.csv`), 'utf8'), { source: `${name}.csv` }).table,
}));

function hex(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

describe('NodeLabSweepPool', () => {
  let module: WebAssembly.Module;
  let pool: NodeLabSweepPool;
  let plan: LabSweepPlan;
  const universe = { key: 'u12', timeline: alignTables(named) };

  beforeAll(async () => {
    module = await compileNodeEngine();
    pool = await NodeLabSweepPool.create({ workers: 2, module, policy: { initial: 2, targetMs: 5, max: 8 } });
    const inputs = await Promise.all(named.map(async (n) => ({ contentHash: await ohlcvContentHash(n.table), name: n.name })));
    const outcome = planLabSweep({
      strategy: 'xmom',
      params: { lookback: { from: 60, to: 240, step: 20 }, top_k: [2, 4], bottom_k: [0, 2] },
      search: { mode: 'grid' },
      inputs,
      config: { commission: { relative: 0.0005 }, allowShort: true },
    });
    if (!outcome.plan) throw new Error(JSON.stringify(outcome.problems));
    plan = outcome.plan;
  });
  afterAll(() => pool.close());

  it('runs every combination on worker threads: rows equal the single experiments, bit for bit', async () => {
    expect(plan.runs).toBe(40);
    const seen: number[] = [];
    const run = pool.startLab(plan, universe, (p) => seen.push(p.done));
    const end = await run.finished;
    expect(end.status).toBe('done');
    expect(end.progress.runsPerSecond).toBeGreaterThan(0);
    expect(seen.some((d) => d > 0 && d < plan.runs)).toBe(true);
    const runner = new InProcessLabRunner(await createEngine(module), 'test');
    const expected = new Float64Array(plan.runs * SWEEP_STATS_WIDTH);
    for (let c = 0; c < plan.runs; c++) {
      const one = labExperimentSpec(plan, c);
      statsRow(
        (await runLabUniverseBacktest(runner, named, { strategy: one.strategy, params: one.params, config: one.config })).stats,
        expected,
        c * SWEEP_STATS_WIDTH,
      );
    }
    expect(hex(run.results.stats)).toBe(hex(expected));
  }, 120_000);

  it('cancels midway, keeps the finished rows, and runs the next sweep on fresh workers', async () => {
    let run: ReturnType<NodeLabSweepPool['startLab']> | null = null;
    run = pool.startLab(plan, universe, (p) => {
      if (p.done >= 4) run?.cancel();
    });
    const end = await run.finished;
    expect(end.status).toBe('cancelled');
    const kept = run.results.completed;
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(plan.runs);
    await new Promise((r) => setTimeout(r, 100));
    expect(run.results.completed).toBe(kept);
    const again = pool.startLab(plan, universe, () => {});
    expect((await again.finished).status).toBe('done');
    for (const c of run.results.completedIndices()) {
      const row = (r: typeof run) => hex(r!.results.stats.subarray(c * SWEEP_STATS_WIDTH, (c + 1) * SWEEP_STATS_WIDTH));
      expect(row(again)).toBe(row(run));
    }
  }, 120_000);
});
