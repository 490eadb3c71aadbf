/**
 * A version-2 (lab profile) experiment's results read back from its stored artifacts, as the detail view gets
 * them: xmom on four universe12 instruments (Node adapters, WASM engine). The read-back must agree with itself
 * where the run's accounting ties the tables together — attribution P&L adds up to the NAV's change, every
 * weight × NAV is a position's value, the statistics' final equity is the last NAV, the benchmark starts from the
 * cash — and with the record's row counts. A version-1 result is refused by name.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeEngineRunners } from '../../../src/adapters/node/engine-runners';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import type { ExperimentResults } from '../../../src/core/experiments/record';
import { executeExperiment } from '../../../src/handlers/execute-experiment';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../../src/handlers/experiments/parquet-bars-decoder';
import { readLabResults, type LabResultData } from '../../../src/handlers/experiments/read-lab-results';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { sharedDataPath } from '../../helpers/shared-data';

const NAMES = ['TEC1', 'FIN1', 'NRG1', 'TEC2'];
const CASH = 50_000;
const root = mkdtempSync(join(tmpdir(), 'quantlab-read-lab-'));
const codec = new NodeParquetCodec();
let store: DirArtifactStore;
let tracker: DirExperimentTracker;
let results: ExperimentResults;
let data: LabResultData;

afterAll(async () => {
  await tracker?.close();
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

beforeAll(async () => {
  let t = Date.UTC(2026, 11, 1);
  const clock = { now: () => (t += 1000) };
  store = await DirArtifactStore.open(root, { clock });
  tracker = await DirExperimentTracker.open(root);
  const hashes: string[] = [];
  for (const name of NAMES) {
    const outcome = await importArtifact(
      { store, decode: decodeBarsFile, parquet: codec, appVersion: '0.1.0-test' },
      { name: `${name}.csv`, bytes: new Uint8Array(readFileSync(sharedDataPath(`universe12/${name}.csv`))) },
    );
    if (outcome.status === 'quarantined') throw new Error(`${name}.csv was quarantined`);
    hashes.push(outcome.record.contentHash);
  }
  const runners = await nodeEngineRunners();
  const { record } = await createExperiment(
    { tracker, store, clock, appVersion: '0.1.0-test' },
    {
      specVersion: 2,
      profile: 'lab',
      strategy: 'xmom',
      params: { lookback: 126, skip: 21, top_k: 2, bottom_k: 1, rebalance: 1 },
      inputs: hashes.map((contentHash) => ({ contentHash })),
      config: { cash: CASH, allowShort: true, commission: { relative: 0.001 } },
    },
  );
  const outcome = await executeExperiment(
    {
      store,
      tracker,
      runner: runners.compat,
      lab: runners.lab,
      decodeBars: parquetBarsDecoder(codec),
      parquet: codec,
      clock,
      appVersion: '0.1.0-test',
      session: 'test',
    },
    record.id,
  );
  if (!outcome.record.results) throw new Error(`run ${outcome.record.status}: ${outcome.record.error?.message}`);
  results = outcome.record.results;
  data = await readLabResults(store, codec, results);
}, 120_000);

describe('readLabResults', () => {
  it('names the instruments as the spec does and gives one weight series per instrument over the timeline', () => {
    expect(data.instruments).toEqual(NAMES);
    const T = data.time.length;
    expect(T).toBe(results.artifacts.equity.rowCount);
    expect(data.weights).toHaveLength(NAMES.length);
    for (const w of data.weights) expect(w).toHaveLength(T);
    expect(data.benchmark).toHaveLength(T);
    for (let t = 1; t < T; t++) expect(data.time[t]).toBeGreaterThan(data.time[t - 1]);
  });

  it('reads every table with the row count the record holds', () => {
    expect(data.orders.rows).toBe(results.artifacts.orders!.rowCount);
    expect(data.fills.rows).toBe(results.artifacts.fills.rowCount);
    expect(data.trades.rows).toBe(results.artifacts.trades.rowCount);
    expect(data.attribution.rows).toBe(NAMES.length);
    expect(data.fills.rows).toBeGreaterThan(10);
    expect(new Set(data.fills.texts.instrument)).toEqual(new Set(NAMES));
  });

  it('ties the tables together as the run accounted: P&L adds up to the NAV change, the last NAV is the final equity', () => {
    const last = data.nav.length - 1;
    const pnl = data.attribution.numbers.pnl.reduce((s, v) => s + v, 0);
    expect(pnl).toBeCloseTo(data.nav[last] - CASH, 6);
    expect(data.stats.equity_final).toBe(data.nav[last]);
    expect(data.nav[0]).toBeLessThanOrEqual(CASH);
    expect(data.benchmark[0]).toBeCloseTo(CASH, 6);
    // Long the top two, short the bottom one: both signs appear among the weights, gross within the 0.95 target.
    let long = 0;
    let short = 0;
    for (let t = 0; t <= last; t++) {
      let gross = 0;
      for (const w of data.weights) {
        if (w[t] > 0) long++;
        if (w[t] < 0) short++;
        gross += Math.abs(w[t]);
      }
      expect(gross).toBeLessThan(1.2);
    }
    expect(long).toBeGreaterThan(0);
    expect(short).toBeGreaterThan(0);
    const costs = data.attribution.numbers.costs.reduce((s, v) => s + v, 0);
    const commission = data.fills.numbers.commission.reduce((s, v) => s + v, 0);
    expect(costs).toBeCloseTo(
      commission + data.fills.numbers.slippage.reduce((s, v) => s + v, 0) + data.fills.numbers.spread.reduce((s, v) => s + v, 0),
      6,
    );
  });

  it('refuses a version-1 result, naming the table it lacks', async () => {
    const { orders: _orders, positions: _positions, attribution: _attribution, benchmark: _benchmark, ...v1 } = results.artifacts;
    await expect(readLabResults(store, codec, { ...results, artifacts: v1 })).rejects.toThrow(/no \w+ table: not a lab-profile/u);
  });
});
