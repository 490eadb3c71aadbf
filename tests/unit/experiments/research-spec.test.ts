/**
 * The Research tab's Run as a tracked experiment: the spec its panel builds (core/experiments/research-spec.ts) is
 * created and executed by the same handlers as the Experiments view and the CLI, here over the Node adapters on
 * ../shared/data/GOOG.csv. With the panel at 10/20, commission 0.002 and no slippage it is the pinned GOOG
 * experiment itself (same id, same result hash); slippage enters the spec as the spread and costs on every entry.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeCompatRunner } from '../../../src/adapters/node/engine-runners';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { identifySpec } from '../../../src/core/experiments/identity';
import { researchRunSpec, type ResearchRunParams } from '../../../src/core/experiments/research-spec';
import { parseSpec } from '../../../src/core/experiments/spec-problems';
import { executeExperiment } from '../../../src/handlers/execute-experiment';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../../src/handlers/experiments/parquet-bars-decoder';
import { readExperimentResults } from '../../../src/handlers/experiments/read-results';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { GOOG_HASH, GOOG_SMA_RESULT_HASH, GOOG_SMA_SPEC } from '../../helpers/goog-experiment';
import { sharedDataPath } from '../../helpers/shared-data';

const GOOG = { contentHash: GOOG_HASH, name: 'GOOG' };
const PINNED_PANEL: ResearchRunParams = { fast: 10, slow: 20, cash: 10_000, commission: 0.002, slippageBps: 0, seed: 0 };

describe('researchRunSpec: the panel as a version-1 spec', () => {
  it('is a valid backtesting.py sma-cross spec on the instrument, with exclusive orders and slippage as the spread', () => {
    const spec = parseSpec(researchRunSpec(GOOG, { ...PINNED_PANEL, slippageBps: 2, seed: 7, cash: 50_000 }));
    expect(spec).toMatchObject({
      specVersion: 1,
      profile: 'backtesting.py',
      strategy: 'sma-cross',
      params: { fast: 10, slow: 20 },
      inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
      broker: { cash: 50_000, exclusiveOrders: true, hedging: false, tradeOnClose: false, finalizeTrades: false, margin: 1 },
      costs: { commission: { fixed: 0, relative: 0.002 }, spread: 0.0002 },
      seed: 7,
    });
  });

  it('10/20 at 0.002 without slippage is the pinned GOOG experiment (same id and spec hash)', async () => {
    const fromPanel = await identifySpec(parseSpec(researchRunSpec(GOOG, PINNED_PANEL)));
    const pinned = await identifySpec(parseSpec(GOOG_SMA_SPEC));
    expect(fromPanel.id).toBe(pinned.id);
    expect(fromPanel.specHash).toBe(pinned.specHash);
  });

  it('refuses what the panel cannot run, in the spec’s words', () => {
    expect(() => parseSpec(researchRunSpec(GOOG, { ...PINNED_PANEL, fast: 0 }))).toThrow(/params\.fast/);
    expect(() => parseSpec(researchRunSpec(GOOG, { ...PINNED_PANEL, slippageBps: -1 }))).toThrow(/costs\.spread/);
  });
});

describe('the Research Run executed through the experiment handlers (Node adapters, GOOG)', { timeout: 120_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'quantlab-research-'));
  const codec = new NodeParquetCodec();
  let t = 1_700_000_000_000;
  const clock = { now: () => (t += 1000) };
  let store: DirArtifactStore;
  let tracker: DirExperimentTracker;

  async function run(p: ResearchRunParams) {
    const { record } = await createExperiment({ tracker, store, clock, appVersion: '0.1.0-test' }, researchRunSpec(GOOG, p));
    const deps = {
      store,
      tracker,
      runner: await nodeCompatRunner(),
      decodeBars: parquetBarsDecoder(codec),
      parquet: codec,
      clock,
      appVersion: '0.1.0-test',
      session: 'test/research',
    };
    return (await executeExperiment(deps, record.id)).record;
  }

  beforeAll(async () => {
    store = await DirArtifactStore.open(root, { clock });
    tracker = await DirExperimentTracker.open(root);
    const bytes = new Uint8Array(readFileSync(sharedDataPath('GOOG.csv')));
    await importArtifact({ store, decode: decodeBarsFile, parquet: codec, appVersion: '0.1.0-test' }, { name: 'GOOG.csv', bytes });
  });

  afterAll(async () => {
    await tracker.close();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the pinned result hash, and its results read back as equity, trades and statistics', async () => {
    const done = await run(PINNED_PANEL);
    expect(done.status).toBe('done');
    expect(done.results!.resultHash).toBe(GOOG_SMA_RESULT_HASH);
    const data = await readExperimentResults(store, codec, done.results!);
    expect(data.equity.length).toBe(2148);
    expect(data.trades.length).toBe(data.stats.trades);
    expect(data.equity[data.equity.length - 1]).toBe(data.stats.equity_final);
  });

  it('slippage is a cost: every entry fills at a worse price, and the final equity is lower', async () => {
    const base = await readExperimentResults(store, codec, (await run(PINNED_PANEL)).results!);
    const slipped = await run({ ...PINNED_PANEL, slippageBps: 5 });
    expect(slipped.status).toBe('done');
    expect(slipped.results!.resultHash).not.toBe(GOOG_SMA_RESULT_HASH);
    const data = await readExperimentResults(store, codec, slipped.results!);
    expect(data.stats.equity_final).toBeLessThan(base.stats.equity_final!);
    const firstBase = base.trades[0];
    const first = data.trades[0];
    expect(first.entryBar).toBe(firstBase.entryBar);
    // The same signal bar's open, moved against the trade by 5 bps.
    expect(first.entryPrice / firstBase.entryPrice).toBeCloseTo(1 + Math.sign(first.size) * 0.0005, 12);
  });
});
