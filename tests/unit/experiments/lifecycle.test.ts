/** The status lifecycle as pure functions: every pair of statuses is either allowed (and documented) or refused. */
import { describe, expect, it } from 'vitest';
import { ExperimentTransitionError } from '../../../src/core/experiments/errors';
import { prepareSpec } from '../../../src/core/experiments/identity';
import {
  applyTransition,
  ExperimentRecordSchema,
  newExperimentRecord,
  withResults,
  type ExperimentRecord,
  type ExperimentResults,
} from '../../../src/core/experiments/record';
import { ALLOWED_TRANSITIONS, EXPERIMENT_STATUSES, type ExperimentStatus } from '../../../src/core/experiments/status';

const ENGINE = 'e'.repeat(64);
const RESULTS: ExperimentResults = {
  resultHash: '1'.repeat(64),
  runId: `run_${'2'.repeat(24)}`,
  engineBuildHash: ENGINE,
  inputs: [`art_${'3'.repeat(24)}`],
  artifacts: {
    equity: { id: `art_${'4'.repeat(24)}`, contentHash: '4'.repeat(64), rowCount: 3 },
    trades: { id: `art_${'5'.repeat(24)}`, contentHash: '5'.repeat(64), rowCount: 0 },
    fills: { id: `art_${'6'.repeat(24)}`, contentHash: '6'.repeat(64), rowCount: 0 },
    metrics: { id: `art_${'7'.repeat(24)}`, contentHash: '7'.repeat(64), rowCount: 9 },
  },
  summary: { trades: 0 },
};

const opts = { at: Date.UTC(2026, 0, 2), session: 's1', engineBuildHash: ENGINE, error: { name: 'Error', message: 'x' } };

async function recordIn(status: ExperimentStatus): Promise<ExperimentRecord> {
  const prepared = await prepareSpec({
    specVersion: 1,
    profile: 'backtesting.py',
    strategy: 'momentum',
    params: { lookback: 5 },
    inputs: [{ contentHash: '3'.repeat(64) }],
  });
  let r = newExperimentRecord(prepared, { at: Date.UTC(2026, 0, 1), appVersion: 'test' });
  const path: Record<ExperimentStatus, ExperimentStatus[]> = {
    draft: [],
    queued: ['queued'],
    running: ['queued', 'running'],
    done: ['queued', 'running', 'done'],
    failed: ['queued', 'running', 'failed'],
    cancelled: ['cancelled'],
    interrupted: ['queued', 'running', 'interrupted'],
  };
  for (const s of path[status]) {
    if (s === 'done') r = withResults(r, RESULTS);
    r = applyTransition(r, s, opts);
  }
  return r;
}

describe('experiment lifecycle', () => {
  it('allows exactly the documented transitions', async () => {
    for (const from of EXPERIMENT_STATUSES) {
      for (const to of EXPERIMENT_STATUSES) {
        let r = await recordIn(from);
        if (to === 'done' && from === 'running') r = withResults(r, RESULTS);
        const allowed = ALLOWED_TRANSITIONS[from].includes(to);
        if (allowed) {
          const next = applyTransition(r, to, opts);
          expect(next.status, `${from} → ${to}`).toBe(to);
          expect(ExperimentRecordSchema.safeParse(next).success, `${from} → ${to} is a valid record`).toBe(true);
        } else {
          expect(() => applyTransition(r, to, opts), `${from} → ${to}`).toThrow(ExperimentTransitionError);
        }
      }
    }
  });

  it('never goes back to draft, and nothing is done without results or failed without a reason', async () => {
    expect(ALLOWED_TRANSITIONS.draft).toEqual(['queued', 'cancelled']);
    for (const from of EXPERIMENT_STATUSES) expect(ALLOWED_TRANSITIONS[from]).not.toContain('draft');
    const running = await recordIn('running');
    expect(() => applyTransition(running, 'done', opts)).toThrow(/no results were attached/);
    expect(() => applyTransition(running, 'failed', { at: opts.at })).toThrow(/a failure needs its error/);
    const draft = await recordIn('draft');
    const queued = await recordIn('queued');
    expect(() => applyTransition(draft, 'queued', { at: opts.at })).toThrow(/needs the session/);
    expect(() => applyTransition(queued, 'running', { at: opts.at })).toThrow(/needs the engine build hash/);
  });

  it('compare-and-set: a stale expectation is refused and names the status found', async () => {
    const running = await recordIn('running');
    expect(() => applyTransition(running, 'done', { ...opts, expected: ['queued'] })).toThrow(
      `experiment ${running.id} cannot go from running to done: it is running, expected queued (changed by another session?)`,
    );
  });

  it('results attach to a running attempt only, and a new attempt starts clean', async () => {
    for (const status of ['draft', 'queued', 'done', 'failed'] as const) {
      const r = await recordIn(status);
      expect(() => withResults(r, RESULTS), status).toThrow(ExperimentTransitionError);
    }
    const done = await recordIn('done');
    expect(done.results).toEqual(RESULTS);
    const again = applyTransition(done, 'queued', { ...opts, session: 's2' });
    expect(again).toMatchObject({ status: 'queued', results: null, error: null, session: 's2', attempts: 1 });
    expect(again.history.map((h) => h.status)).toEqual(['draft', 'queued', 'running', 'done', 'queued']);
  });

  it('the record schema rejects records that break the invariants', async () => {
    const done = await recordIn('done');
    const broken: Array<[string, unknown]> = [
      ['id not derived from specHash', { ...done, id: `exp_${'0'.repeat(24)}` }],
      ['done without results', { ...done, results: null }],
      ['history out of step', { ...done, history: done.history.slice(0, -1) }],
      ['session while done', { ...done, session: 's9' }],
      ['unknown key', { ...done, extra: 1 }],
      ['unfinished done', { ...done, provenance: { ...done.provenance, finishedAt: null } }],
    ];
    for (const [what, value] of broken) expect(ExperimentRecordSchema.safeParse(value).success, what).toBe(false);
  });
});
