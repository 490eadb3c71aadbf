/**
 * The browser's pieces of the experiments that run in Node too: the tab session over a Web Locks stand-in (held for
 * the tab's life; other sessions alive exactly while their lock is held), the report read back from metrics rows,
 * and where the form shows a spec problem.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbExperimentTracker } from '../../../src/adapters/browser/idb-experiment-tracker';
import { startTabSession } from '../../../src/adapters/browser/tab-session';
import { prepareSpec } from '../../../src/core/experiments/identity';
import { reportFromMetrics } from '../../../src/core/experiments/result-readback';
import { metricsRows } from '../../../src/core/experiments/result-tables';
import { extendedReport } from '../../../src/core/report/report';
import type { CompatStats } from '../../../src/core/stats/types';
import { COMPAT_STATS_KEYS } from '../../../src/core/stats/types';
import { fieldOf } from '../../../src/ui/experiments/form-state.svelte';
import { MS_PER_DAY } from '../../../src/core/domain/time';

/** The part of the Web Locks API a tab session uses: locks held until their callback's promise settles. */
class FakeLocks {
  readonly held = new Set<string>();
  async request(name: string, _options: LockOptions, callback: () => Promise<unknown>): Promise<unknown> {
    this.held.add(name);
    return callback().finally(() => this.held.delete(name));
  }
  async query(): Promise<LockManagerSnapshot> {
    return { held: [...this.held].map((name) => ({ name, mode: 'exclusive' as const, clientId: 'x' })), pending: [] };
  }
}

describe('tab session', () => {
  it('holds a lock named by its id; a session is alive while its lock is held', async () => {
    const locks = new FakeLocks();
    const session = await startTabSession(locks as unknown as LockManager);
    expect(session.id).toMatch(/^tab\/[0-9a-f-]{36}$/);
    expect([...locks.held]).toEqual([`quantlab/experiment-session/${session.id}`]);
    const other = await startTabSession(locks as unknown as LockManager);
    let alive = await session.liveSessions();
    expect(alive(session.id)).toBe(true);
    expect(alive(other.id)).toBe(true);
    expect(alive('tab/gone')).toBe(false);
    // The other tab went away (reload, close): its lock is released.
    locks.held.delete(`quantlab/experiment-session/${other.id}`);
    alive = await session.liveSessions();
    expect(alive(other.id)).toBe(false);
  });

  it('without Web Locks, only its own session counts as alive', async () => {
    const session = await startTabSession(undefined);
    const alive = await session.liveSessions();
    expect(alive(session.id)).toBe(true);
    expect(alive('tab/other')).toBe(false);
  });

  it('with the IndexedDB tracker: a reloaded tab’s running attempt becomes interrupted, a live tab’s is left alone', async () => {
    const locks = new FakeLocks();
    const tracker = await IdbExperimentTracker.open({ name: 'exp-sessions' });
    const prepare = (sql: string) =>
      prepareSpec({
        specVersion: 1,
        profile: 'backtesting.py',
        strategy: 'sql-signal',
        params: { sql },
        inputs: [{ contentHash: 'f2e4b64306bd2b8ab341951c2c6363a5ba9fb4cf09781c3f927064d713126c76' }],
      });
    const reloaded = await startTabSession(locks as unknown as LockManager);
    const live = await startTabSession(locks as unknown as LockManager);
    const start = async (sql: string, session: string) => {
      const { record } = await tracker.create(await prepare(sql), { at: 0, appVersion: 't' });
      await tracker.transition(record.id, 'queued', { at: 1, session });
      return tracker.transition(record.id, 'running', { at: 2, session, engineBuildHash: 'a'.repeat(64) });
    };
    const a = await start('SELECT timestamp, 0 AS position FROM bars', reloaded.id);
    const b = await start('SELECT timestamp, 1 AS position FROM bars', live.id);
    locks.held.delete(`quantlab/experiment-session/${reloaded.id}`);
    const after = await startTabSession(locks as unknown as LockManager);
    const changed = await tracker.markInterrupted({ at: 3, sessionAlive: await after.liveSessions() });
    expect(changed.map((r) => r.id)).toEqual([a.id]);
    expect((await tracker.get(a.id))!.status).toBe('interrupted');
    expect((await tracker.get(b.id))!.status).toBe('running');
    await tracker.close();
  });
});

describe('reading results back', () => {
  it('the report from the metrics rows is the report that was written', () => {
    const n = 400;
    const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * MS_PER_DAY);
    const equity = Float64Array.from({ length: n }, (_, i) => 10_000 * (1 + 0.001 * i + 0.02 * Math.sin(i / 7)));
    const report = extendedReport({ equity, time, tradeReturns: Float64Array.from([0.01, -0.02, 0.03]) });
    const stats = Object.fromEntries(COMPAT_STATS_KEYS.map((k) => [k, k === 'start' || k === 'end' ? '2020-01-01' : 1])) as unknown as CompatStats;
    const rows = metricsRows({
      experimentId: 'exp_0',
      specHash: '0'.repeat(64),
      profile: 'backtesting.py',
      strategy: 'sma-cross',
      inputs: [],
      tables: { equity: { contentHash: '', rowCount: n }, trades: { contentHash: '', rowCount: 0 }, fills: { contentHash: '', rowCount: 0 } },
      stats,
      report,
      result: { equity, trades: [], openTrades: [], firstTradingBar: 0, startBar: 1, cash: 1, outOfMoney: false },
    });
    expect(reportFromMetrics(rows)).toEqual(report);
    expect(() => reportFromMetrics(rows.filter((r) => r.key !== 'skew'))).toThrow(/lack report values skew/);
  });
});

describe('the form', () => {
  it('shows each spec problem under the field its JSON path names', () => {
    expect(fieldOf({ path: 'spec.params.fast', message: '' })).toBe('params.fast');
    expect(fieldOf({ path: 'spec.costs.commission.relative', message: '' })).toBe('costs.commission.relative');
    expect(fieldOf({ path: 'spec.inputs[0].contentHash', message: '' })).toBe('inputs');
    expect(fieldOf({ path: 'spec.inputs', message: '' })).toBe('inputs');
    expect(fieldOf({ path: 'spec.params.sql', message: '' })).toBe('params.sql');
    expect(fieldOf({ path: 'spec', message: '' })).toBe('');
  });
});
