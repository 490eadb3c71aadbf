/**
 * Symmetric CUSUM filter event sampling (core/features/cusum.ts).
 * Reference: AFML §2.5.2.1, snippet 2.4 (getTEvents), written in pandas 1.5.3 / numpy 1.24 (Debian) from the book's
 * definition by tests/golden/cusum/generate.py, run on universe12 TEC1 and FIN3 and on GOOG; its output is
 * tests/golden/cusum/events.json. Tolerance: none — every event bar (0-based row) must match exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cusumEvents, ewmStd, simpleReturns } from '../../../src/core/features';
import { readSharedCloses } from '../../helpers/shared-data';

interface GoldenCase {
  file: string;
  threshold?: number;
  multiple?: number;
  span?: number;
  bars: number;
  events: number[];
}

const golden = JSON.parse(readFileSync(new URL('../../golden/cusum/events.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };

/** Closes whose log returns are exactly the given moves (to rounding), from 100. */
function fromLogReturns(moves: number[]): Float64Array {
  const close = new Float64Array(moves.length + 1);
  close[0] = 100;
  moves.forEach((r, i) => (close[i + 1] = close[i] * Math.exp(r)));
  return close;
}

describe('cusumEvents', () => {
  // By hand, h = 0.035 on log returns +.02 +.02 -.01 +.03 -.05 -.02 +.01 (bars 1..7):
  // bar 2: S+ = .04 > h → event, S+ = 0; bar 3: S- = -.01; bar 4: S+ = .03, S- = 0; bar 5: S- = -.05 < -h → event;
  // bars 6, 7: S- = -.02 then -.01, S+ = 0 then .01 → no event.
  const moves = [0.02, 0.02, -0.01, 0.03, -0.05, -0.02, 0.01];

  it('samples a hand-worked series with a fixed threshold', () => {
    expect(cusumEvents(fromLogReturns(moves), { h: 0.035 })).toEqual([2, 5]);
  });

  it('takes a threshold that is a multiple of a target per bar, passing over bars without one', () => {
    // target NaN at bars 0-1 (bar 1's move is not summed), then 0.0125 → h = 0.025:
    // bar 2: S+ = .02; bar 3: S+ = .01, S- = -.01; bar 4: S+ = .04 → event, S- = 0; bar 5: S- = -.05 → event.
    const target = Float64Array.from({ length: 8 }, (_, t) => (t < 2 ? NaN : 0.0125));
    expect(cusumEvents(fromLogReturns(moves), { multiple: 2, target })).toEqual([4, 5]);
  });

  it('needs a move strictly beyond h, and gives no event on a flat series', () => {
    expect(cusumEvents(fromLogReturns([0.01, 0.01, 0.01]), { h: 0.5 })).toEqual([]);
    expect(cusumEvents(new Float64Array([5, 5, 5, 5]), { h: 1e-12 })).toEqual([]);
  });

  it('refuses a threshold that is not > 0, a target of another length, and a bad close', () => {
    expect(() => cusumEvents(fromLogReturns(moves), { h: 0 })).toThrow(/threshold must be a number > 0, got 0/);
    expect(() => cusumEvents(fromLogReturns(moves), { multiple: -1, target: new Float64Array(8) })).toThrow(/multiple must be a number > 0/);
    expect(() => cusumEvents(fromLogReturns(moves), { multiple: 1, target: new Float64Array(3) })).toThrow(/3 values for 8 bars/);
    expect(() => cusumEvents(new Float64Array([1, 0, 1]), { h: 0.1 })).toThrow(/return at bar 1 is not finite/);
  });

  describe('matches the pandas transcription of AFML getTEvents bar for bar', () => {
    it.each(
      golden.cases.map((c) => [`${c.file} ${c.threshold !== undefined ? `h=${c.threshold}` : `h=${c.multiple}×target(span ${c.span})`}`, c] as const),
    )('%s', (_, c) => {
      const close = readSharedCloses(c.file).close;
      expect(close.length).toBe(c.bars);
      const threshold =
        c.threshold !== undefined ? { h: c.threshold } : { multiple: c.multiple!, target: ewmStd(simpleReturns(close), { span: c.span! }) };
      const events = cusumEvents(close, threshold);
      expect(events.length).toBeGreaterThan(100);
      expect(events).toEqual(c.events);
    });
  });
});
