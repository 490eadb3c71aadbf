import { readFileSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { sha256 } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine, type EngineRemote } from '../../../src/adapters/browser/engine-client';
import { EngineService } from '../../../src/adapters/browser/engine-service';
import { workerEngineRunners, type WorkerRunners } from '../../../src/adapters/browser/worker-runners';
import { readNodeEngineBytes } from '../../../src/adapters/node/engine-loader';
import { nodeEngineRunners, type NodeRunners } from '../../../src/adapters/node/engine-runners';
import { loadOhlcvCsv } from '../../../src/core/csv/load-ohlcv-csv';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { alignTables, labStrategy, runLab } from '../../../src/core/lab';
import { labResultHash } from '../../../src/core/results/lab-result-hash';
import { createEngine } from '../../../src/engine/engine-module';
import { runBacktestSpec } from '../../../src/handlers/run-backtest';
import { runLabBacktest } from '../../../src/handlers/run-lab-backtest';
import { GOOG_SMA_10_20_STATS } from '../../helpers/goog-golden';
import { sharedDataPath } from '../../helpers/shared-data';

// The browser's runners are the engine worker's EngineService behind Comlink. Here the service runs in this
// process behind a real MessageChannel (structured clone and transfer included), so the port adapters are checked
// against the Node ones: the same build hash, the same bits, and the caller's own arrays left intact.

const table: OhlcvTable = loadOhlcvCsv(readFileSync(sharedDataPath('GOOG.csv'), 'utf8'), { source: 'GOOG.csv' }).table;
const GOOG_SPEC = { strategy: 'sma-cross', params: { fast: 10, slow: 20 }, options: { commission: 0.002, exclusiveOrders: true } };
const LAB_CONFIG = {
  commission: { fixed: 3, relative: 0.001 },
  spread: 0.001,
  slippage: { model: 'random' as const, bps: 4 },
  volumeShare: 0.05,
  seed: 7,
};

let node: NodeRunners;
let remote: EngineRemote;
let worker: WorkerRunners;
let ports: MessagePort[];

beforeAll(async () => {
  node = await nodeEngineRunners();
  const bytes = await readNodeEngineBytes();
  const loaded = (async () => ({ engine: await createEngine(await WebAssembly.compile(bytes)), buildHash: await sha256(bytes) }))();
  const { port1, port2 } = new MessageChannel();
  ports = [port1, port2];
  Comlink.expose(new EngineService(loaded), port1 as unknown as Comlink.Endpoint);
  remote = connectEngine(port2 as unknown as Worker);
  worker = await workerEngineRunners(remote);
});

afterAll(() => {
  remote?.[Comlink.releaseProxy]();
  for (const p of ports ?? []) p.close();
});

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('engine worker runners', () => {
  it('name the build the Node runners name', async () => {
    expect(worker.compat.engineBuildHash).toMatch(/^[0-9a-f]{64}$/);
    expect(worker.compat.engineBuildHash).toBe(node.compat.engineBuildHash);
    expect(worker.lab.engineBuildHash).toBe(node.lab.engineBuildHash);
  });

  it('run the backtesting.py profile as the CLI does: the golden GOOG case, the same hash, the WASM loop', async () => {
    const run = await runBacktestSpec(worker.compat, table, GOOG_SPEC);
    const inProcess = await runBacktestSpec(node.compat, table, GOOG_SPEC);
    expect(run.loop).toBe('wasm');
    for (const key of ['trades', 'equity_final', 'sharpe_ratio', 'max_drawdown_pct'] as const) {
      expect(run.stats[key] as number, key).toBeCloseTo(GOOG_SMA_10_20_STATS[key] as number, 6);
    }
    expect(run.stats).toEqual(inProcess.stats);
    expect(run.resultHash).toBe(inProcess.resultHash);
    expect(bits(run.result.equity)).toBe(bits(inProcess.result.equity));
    // Copies were transferred: the caller's columns are still whole.
    expect(table.close.length).toBe(inProcess.result.equity.length);
  });

  it('run strategies without a WASM loop and SQL-signal positions through the reference', async () => {
    const runner = worker.compat;
    const momentum = { strategy: 'momentum', params: { lookback: 20, threshold: 0.01 }, options: { commission: 0.001 } };
    const [w, n] = [await runBacktestSpec(runner, table, momentum), await runBacktestSpec(node.compat, table, momentum)];
    expect(w.loop).toBe('reference');
    expect(w.resultHash).toBe(n.resultHash);
    const signal = Float64Array.from(table.close, (_, i) => (i % 40 < 20 ? 1 : -0.5));
    const job = { strategy: 'sql-signal', params: {}, options: { commission: 0.001 }, signal };
    const [ws, ns] = [await runner.run(table, job), await node.compat.run(table, job)];
    expect(ws.result.trades.length).toBeGreaterThan(10);
    expect(bits(ws.result.equity)).toBe(bits(ns.result.equity));
    expect(ws.stats).toEqual(ns.stats);
    expect(signal.length).toBe(table.close.length);
  });

  it('run the lab profile as the CLI does, bit for bit with the TypeScript reference', async () => {
    const spec = { strategy: 'sma-cross', params: { fast: 10, slow: 20 }, config: LAB_CONFIG };
    const run = await runLabBacktest(worker.lab, table, 'GOOG.csv', spec);
    const inProcess = await runLabBacktest(node.lab, table, 'GOOG.csv', spec);
    const reference = runLab(alignTables([{ name: 'GOOG.csv', table }]), LAB_CONFIG, {
      strategy: labStrategy({ name: 'sma-cross', params: { fast: 10, slow: 20, weight: 0.95 } }),
    });
    expect(run.result.meta.implementation).toBe('wasm');
    expect(run.resultHash).toBe(await labResultHash(reference));
    expect(run.resultHash).toBe(inProcess.resultHash);
    expect(run.stats).toEqual(inProcess.stats);
    expect(run.trades.length).toBeGreaterThan(10);
    expect(run.stats.trades).toBe(run.trades.length);
  });
});
