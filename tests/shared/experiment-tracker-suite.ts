/**
 * The ExperimentTracker contract, as one suite every adapter runs: the directory tracker and the IndexedDB tracker
 * in vitest on Node (fake-indexeddb), the IndexedDB tracker in Chromium. Platform-neutral on purpose: no Node APIs,
 * only the port, the core and vitest, so it bundles for the browser unchanged.
 *
 * The harness opens a tracker on named backing storage: the same name reaches the same data, a new name is empty.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreClosedError } from '../../src/core/artifacts/errors';
import { artifactId } from '../../src/core/artifacts/ids';
import { ExperimentNotFoundError, ExperimentTransitionError } from '../../src/core/experiments/errors';
import { prepareSpec, type PreparedSpec } from '../../src/core/experiments/identity';
import { importedExperimentRecord, type ExperimentResults } from '../../src/core/experiments/record';
import type { BacktestingPySpec } from '../../src/core/experiments/spec';
import type { ExperimentTracker } from '../../src/ports/experiment-tracker';

export interface ExperimentTrackerHarness {
  open(storage: string): Promise<ExperimentTracker>;
}

const APP = '0.1.0-test';
const ENGINE = 'e'.repeat(64);
const T0 = Date.UTC(2026, 0, 1);
const at = (seconds: number) => T0 + seconds * 1000;
const iso = (seconds: number) => new Date(at(seconds)).toISOString();
const hex = (seed: number) => seed.toString(16).padStart(2, '0').repeat(32);

function specJson(fast: number, overrides: Record<string, unknown> = {}) {
  return {
    specVersion: 1,
    profile: 'backtesting.py',
    strategy: 'sma-cross',
    params: { fast, slow: 20 },
    inputs: [{ contentHash: hex(1), label: 'GOOG' }],
    costs: { commission: { relative: 0.002 } },
    broker: { exclusiveOrders: true },
    ...overrides,
  };
}

const spec = (fast: number, overrides?: Record<string, unknown>) => prepareSpec(specJson(fast, overrides));

function results(seed: number): ExperimentResults {
  const ref = (k: number) => ({ id: artifactId(hex(seed + k)), contentHash: hex(seed + k), rowCount: k * 10 });
  return {
    resultHash: hex(seed + 9),
    runId: `run_${hex(seed + 8).slice(0, 24)}`,
    engineBuildHash: ENGINE,
    inputs: [artifactId(hex(1))],
    artifacts: { equity: ref(2), trades: ref(3), fills: ref(4), metrics: ref(5) },
    summary: { trades: 93, return_pct: 462.6, sharpe_ratio: null },
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`rejected with a non-Error: ${String(e)}`, { cause: e });
  }
  throw new Error('expected a rejection, but the promise resolved');
}

export function experimentTrackerSuite(name: string, harness: ExperimentTrackerHarness): void {
  describe(`ExperimentTracker contract: ${name}`, () => {
    const run = Date.now().toString(36);
    let counter = 0;
    let opened: ExperimentTracker[] = [];

    afterEach(async () => {
      for (const t of opened) await t.close().catch(() => undefined);
      opened = [];
    });

    const storage = () => `exp-suite-${run}-${++counter}`;
    async function open(name = storage()): Promise<ExperimentTracker> {
      const t = await harness.open(name);
      opened.push(t);
      return t;
    }

    /** A tracker holding one experiment moved through `path` (statuses after draft), one second apart. */
    async function through(tracker: ExperimentTracker, prepared: PreparedSpec, path: readonly string[]) {
      await tracker.create(prepared, { at: at(0), appVersion: APP });
      let s = 0;
      for (const status of path) {
        s++;
        if (status === 'attach') {
          await tracker.attachResults(prepared.id, results(10));
          continue;
        }
        await tracker.transition(prepared.id, status as never, {
          at: at(s),
          session: 'session-a',
          engineBuildHash: ENGINE,
          appVersion: APP,
          ...(status === 'failed' ? { error: { name: 'RangeError', message: 'boom' } } : {}),
        });
      }
      return (await tracker.get(prepared.id))!;
    }

    it('creates a draft whose id is derived from the spec, and reads it back', async () => {
      const tracker = await open();
      const prepared = await spec(10);
      const { record, created } = await tracker.create(prepared, { at: at(0), appVersion: APP });
      expect(created).toBe(true);
      expect(record.id).toBe(prepared.id);
      expect(record.id).toBe(`exp_${prepared.specHash.slice(0, 24)}`);
      expect(record).toMatchObject({
        recordVersion: 1,
        specHash: prepared.specHash,
        status: 'draft',
        session: null,
        attempts: 0,
        error: null,
        results: null,
        provenance: { appVersion: APP, engineBuildHash: null, createdAt: iso(0), startedAt: null, finishedAt: null },
        history: [{ status: 'draft', at: iso(0) }],
      });
      expect(record.spec).toEqual(prepared.spec);
      expect(await tracker.get(record.id)).toEqual(record);
      expect(await tracker.get('exp_000000000000000000000000')).toBeUndefined();
      expect(await tracker.get('not an id')).toBeUndefined();
    });

    it('creating the same spec again returns the stored experiment unchanged', async () => {
      const tracker = await open();
      const first = await tracker.create(await spec(10), { at: at(0), appVersion: APP });
      // Same spec, spelled differently: keys in another order, defaults written out, other labels.
      const again = await prepareSpec({
        broker: { exclusiveOrders: true, cash: 10_000, margin: 1 },
        costs: { spread: 0, commission: { fixed: 0, relative: 0.002 } },
        inputs: [{ contentHash: hex(1), label: 'Alphabet' }],
        params: { slow: 20, fast: 10 },
        strategy: 'sma-cross',
        profile: 'backtesting.py',
        specVersion: 1,
        label: 'a name',
        seed: 0,
      });
      expect(again.id).toBe(first.record.id);
      const second = await tracker.create(again, { at: at(5), appVersion: '9.9.9' });
      expect(second.created).toBe(false);
      expect(second.record).toEqual(first.record);
      expect(await tracker.list()).toHaveLength(1);
    });

    it('creating the same spec concurrently stores it once', async () => {
      const name = storage();
      const a = await open(name);
      const b = await open(name);
      const prepared = await spec(11);
      const outcomes = await Promise.all([a.create(prepared, { at: at(0), appVersion: APP }), b.create(prepared, { at: at(1), appVersion: APP })]);
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      expect(await a.list()).toHaveLength(1);
    });

    it('refuses a prepared spec whose identity does not match its content', async () => {
      const tracker = await open();
      const prepared = await spec(10);
      const forged = { ...prepared, spec: { ...prepared.spec, seed: 7 } };
      expect(await rejection(tracker.create(forged, { at: at(0), appVersion: APP }))).toBeInstanceOf(TypeError);
      expect(await tracker.list()).toEqual([]);
    });

    it('runs the lifecycle draft → queued → running → done with provenance and history', async () => {
      const tracker = await open();
      const prepared = await spec(10);
      await tracker.create(prepared, { at: at(0), appVersion: APP });
      const queued = await tracker.transition(prepared.id, 'queued', { at: at(1), session: 'session-a' });
      expect(queued).toMatchObject({ status: 'queued', session: 'session-a', attempts: 0 });
      const running = await tracker.transition(prepared.id, 'running', {
        at: at(2),
        expected: ['queued'],
        engineBuildHash: ENGINE,
        appVersion: '0.2.0',
      });
      expect(running).toMatchObject({ status: 'running', session: 'session-a', attempts: 1 });
      expect(running.provenance).toEqual({ appVersion: '0.2.0', engineBuildHash: ENGINE, createdAt: iso(0), startedAt: iso(2), finishedAt: null });
      const attached = await tracker.attachResults(prepared.id, results(10));
      expect(attached.status).toBe('running');
      expect(attached.results).toEqual(results(10));
      const done = await tracker.transition(prepared.id, 'done', { at: at(3), expected: ['running'] });
      expect(done).toMatchObject({ status: 'done', session: null, results: results(10), error: null });
      expect(done.provenance.finishedAt).toBe(iso(3));
      expect(done.history).toEqual([
        { status: 'draft', at: iso(0) },
        { status: 'queued', at: iso(1) },
        { status: 'running', at: iso(2) },
        { status: 'done', at: iso(3) },
      ]);
      expect(await tracker.get(prepared.id)).toEqual(done);
    });

    it('refuses transitions the lifecycle does not allow, and changes nothing', async () => {
      const tracker = await open();
      const prepared = await spec(10);
      const { record } = await tracker.create(prepared, { at: at(0), appVersion: APP });
      for (const to of ['running', 'done', 'failed', 'interrupted', 'draft'] as const) {
        const err = await rejection(tracker.transition(prepared.id, to, { at: at(1), engineBuildHash: ENGINE, error: { name: 'E', message: 'x' } }));
        expect(err).toBeInstanceOf(ExperimentTransitionError);
        expect(err.message).toMatch(new RegExp(`cannot go from draft to ${to}`));
      }
      expect(await tracker.get(prepared.id)).toEqual(record);

      const done = await through(tracker, await spec(12), ['queued', 'running', 'attach', 'done']);
      const err = await rejection(tracker.transition(done.id, 'running', { at: at(9), engineBuildHash: ENGINE }));
      expect(err.message).toBe(`experiment ${done.id} cannot go from done to running: done may only become queued`);
      expect(await tracker.get(done.id)).toEqual(done);
    });

    it('a running attempt becomes done only with results, and results attach only while running', async () => {
      const tracker = await open();
      const prepared = await spec(10);
      await through(tracker, prepared, ['queued']);
      expect(await rejection(tracker.attachResults(prepared.id, results(10)))).toBeInstanceOf(ExperimentTransitionError);
      await tracker.transition(prepared.id, 'running', { at: at(5), engineBuildHash: ENGINE });
      const err = await rejection(tracker.transition(prepared.id, 'done', { at: at(6) }));
      expect(err.message).toMatch(/no results were attached/);
      expect((await tracker.get(prepared.id))!.status).toBe('running');
    });

    it('compare-and-set: of two sessions starting the same attempt, exactly one wins', async () => {
      const name = storage();
      const a = await open(name);
      const b = await open(name);
      const prepared = await spec(10);
      await through(a, prepared, ['queued']);
      const attempts = await Promise.allSettled([
        a.transition(prepared.id, 'running', { at: at(5), expected: ['queued'], session: 'session-a', engineBuildHash: ENGINE }),
        b.transition(prepared.id, 'running', { at: at(5), expected: ['queued'], session: 'session-b', engineBuildHash: ENGINE }),
      ]);
      expect(attempts.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      const lost = attempts.find((x) => x.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(ExperimentTransitionError);
      expect((lost.reason as Error).message).toMatch(/it is running, expected queued/);
      expect((await a.get(prepared.id))!.attempts).toBe(1);
    });

    it('a failure keeps its error; executing again starts a clean attempt', async () => {
      const tracker = await open();
      const prepared = await spec(10);
      const failed = await through(tracker, prepared, ['queued', 'running', 'failed']);
      expect(failed).toMatchObject({ status: 'failed', error: { name: 'RangeError', message: 'boom' }, results: null, session: null });
      expect(await rejection(tracker.transition(prepared.id, 'failed', { at: at(9) }))).toBeInstanceOf(ExperimentTransitionError);
      const again = await tracker.transition(prepared.id, 'queued', { at: at(10), session: 'session-b' });
      expect(again).toMatchObject({ status: 'queued', error: null, results: null, attempts: 1 });
      expect(again.provenance).toMatchObject({ startedAt: null, finishedAt: null, engineBuildHash: ENGINE });
      const second = await tracker.transition(prepared.id, 'running', { at: at(11), engineBuildHash: ENGINE });
      expect(second.attempts).toBe(2);
    });

    it('markInterrupted ends attempts whose session is gone and leaves the rest alone', async () => {
      const tracker = await open();
      const gone = await spec(21);
      const alive = await spec(22);
      const queuedGone = await spec(23);
      const draft = await spec(24);
      const done = await spec(25);
      await through(tracker, gone, ['queued', 'running']);
      await tracker.create(alive, { at: at(0), appVersion: APP });
      await tracker.transition(alive.id, 'queued', { at: at(1), session: 'session-live' });
      await tracker.transition(alive.id, 'running', { at: at(2), engineBuildHash: ENGINE });
      await through(tracker, queuedGone, ['queued']);
      await through(tracker, draft, []);
      const doneRecord = await through(tracker, done, ['queued', 'running', 'attach', 'done']);

      const changed = await tracker.markInterrupted({ at: at(30), sessionAlive: (s) => s === 'session-live' });
      expect(changed.map((r) => r.id).sort()).toEqual([gone.id, queuedGone.id].sort());
      const interrupted = (await tracker.get(gone.id))!;
      expect(interrupted).toMatchObject({ status: 'interrupted', session: null, results: null });
      expect(interrupted.provenance.finishedAt).toBe(iso(30));
      expect(interrupted.error?.name).toBe('Interrupted');
      expect(interrupted.error?.message).toMatch(/session session-a holding this running attempt ended/);
      expect((await tracker.get(queuedGone.id))!.status).toBe('interrupted');
      expect((await tracker.get(alive.id))!.status).toBe('running');
      expect((await tracker.get(draft.id))!.status).toBe('draft');
      expect(await tracker.get(done.id)).toEqual(doneRecord);

      // Without a liveness check every open attempt belongs to a previous session (a page that reloaded).
      expect((await tracker.markInterrupted({ at: at(40) })).map((r) => r.id)).toEqual([alive.id]);
      expect(await tracker.list({ status: 'running' })).toEqual([]);
      // An interrupted experiment can be executed again.
      expect((await tracker.transition(gone.id, 'queued', { at: at(41), session: 'session-c' })).status).toBe('queued');
    });

    it('lists oldest first and filters by status and strategy', async () => {
      const tracker = await open();
      const a = await spec(31);
      const b = await prepareSpec({ ...specJson(0), strategy: 'momentum', params: { lookback: 20 } });
      const c = await spec(33);
      await tracker.create(c, { at: at(3), appVersion: APP });
      await tracker.create(a, { at: at(1), appVersion: APP });
      await tracker.create(b, { at: at(2), appVersion: APP });
      await tracker.transition(c.id, 'queued', { at: at(4), session: 's' });
      expect((await tracker.list()).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
      expect((await tracker.list({ status: 'draft' })).map((r) => r.id)).toEqual([a.id, b.id]);
      expect((await tracker.list({ status: ['queued', 'done'] })).map((r) => r.id)).toEqual([c.id]);
      expect((await tracker.list({ strategy: 'momentum' })).map((r) => r.id)).toEqual([b.id]);
      expect((await tracker.list({ strategy: 'sma-cross', status: 'draft' })).map((r) => r.id)).toEqual([a.id]);
      expect((await tracker.list({ input: hex(1) })).length).toBe(3);
      expect(await tracker.list({ input: hex(2) })).toEqual([]);
    });

    it('registers an experiment imported from a bundle once: done, as it was run, with where it came from', async () => {
      const elsewhere = await open();
      const prepared = await spec(10);
      const ran = await through(elsewhere, prepared, ['queued', 'running', 'attach', 'done']);
      const imported = importedExperimentRecord(ran, { at: at(100), file: 'run.zip', bundleSha256: hex(42) });
      const tracker = await open();
      const first = await tracker.registerImported(imported);
      expect(first.created).toBe(true);
      expect(first.record).toEqual({
        ...ran,
        provenance: { ...ran.provenance, importedFrom: { file: 'run.zip', bundleSha256: hex(42), importedAt: iso(100) } },
      });
      expect(await tracker.get(prepared.id)).toEqual(first.record);
      expect(await tracker.list({ status: 'done' })).toEqual([first.record]);
      // Twice: one record, the first one.
      const again = await tracker.registerImported(importedExperimentRecord(ran, { at: at(200), file: 'again.zip', bundleSha256: hex(43) }));
      expect(again).toEqual({ record: first.record, created: false });
      expect(await tracker.list()).toEqual([first.record]);
      // It re-runs like any experiment: a new attempt is local, its import provenance goes.
      const queued = await tracker.transition(prepared.id, 'queued', { at: at(300), session: 'session-b', expected: ['done'] });
      expect(queued.provenance.importedFrom).toBeUndefined();
    });

    it('an import keeps a done experiment and supersedes one without results', async () => {
      const elsewhere = await open();
      const prepared = await spec(10);
      const ran = await through(elsewhere, prepared, ['queued', 'running', 'attach', 'done']);
      const imported = importedExperimentRecord(ran, { at: at(100), file: 'run.zip', bundleSha256: hex(42) });
      const done = await open();
      const local = await through(done, prepared, ['queued', 'running', 'attach', 'done']);
      expect(await done.registerImported(imported)).toEqual({ record: local, created: false });
      expect(await done.get(prepared.id)).toEqual(local);
      const failed = await open();
      await through(failed, prepared, ['queued', 'running', 'failed']);
      expect((await failed.registerImported(imported)).created).toBe(true);
      expect(await failed.get(prepared.id)).toEqual(imported);
    });

    it('refuses an imported record that is not done, says nothing of its origin, or whose spec is not its id', async () => {
      const elsewhere = await open();
      const prepared = await spec(10);
      const ran = await through(elsewhere, prepared, ['queued', 'running', 'attach', 'done']);
      const tracker = await open();
      expect(await rejection(tracker.registerImported(ran))).toBeInstanceOf(TypeError);
      const imported = importedExperimentRecord(ran, { at: at(100), file: 'run.zip', bundleSha256: hex(42) });
      expect(await rejection(tracker.registerImported({ ...imported, spec: { ...(imported.spec as BacktestingPySpec), seed: 7 } }))).toBeInstanceOf(
        TypeError,
      );
      expect(await rejection(tracker.registerImported({ ...imported, status: 'failed' }))).toBeInstanceOf(TypeError);
      expect(await tracker.list()).toEqual([]);
    });

    it('keeps experiments across reopening the storage', async () => {
      const name = storage();
      const first = await open(name);
      const prepared = await spec(10);
      const done = await through(first, prepared, ['queued', 'running', 'attach', 'done']);
      await first.close();
      const second = await open(name);
      expect(await second.get(prepared.id)).toEqual(done);
      expect(await second.list()).toEqual([done]);
    });

    it('says which experiment is missing', async () => {
      const tracker = await open();
      const err = await rejection(tracker.transition('exp_0123456789abcdef01234567', 'queued', { at: at(0), session: 's' }));
      expect(err).toBeInstanceOf(ExperimentNotFoundError);
      expect(err.message).toBe('experiment exp_0123456789abcdef01234567 is not in the tracker');
      expect(await rejection(tracker.attachResults('exp_0123456789abcdef01234567', results(1)))).toBeInstanceOf(ExperimentNotFoundError);
    });

    it('refuses every call once closed', async () => {
      const tracker = await open();
      await tracker.close();
      const prepared = await spec(10);
      expect(await rejection(tracker.create(prepared, { at: at(0), appVersion: APP }))).toBeInstanceOf(StoreClosedError);
      expect(await rejection(tracker.get(prepared.id))).toBeInstanceOf(StoreClosedError);
      expect(await rejection(tracker.list())).toBeInstanceOf(StoreClosedError);
      expect(await rejection(tracker.transition(prepared.id, 'queued', { at: at(0), session: 's' }))).toBeInstanceOf(StoreClosedError);
      expect(await rejection(tracker.markInterrupted({ at: at(0) }))).toBeInstanceOf(StoreClosedError);
    });
  });
}
