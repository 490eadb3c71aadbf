/**
 * pairs on universe12. Its hedge fit and z-score at a bar are the worked pairs case of
 * ../shared/guide/portfolio-visible.json (`pairs_FIN2_FIN4_none_120_2023-09-29`, statsmodels 0.13.5
 * OLS(y, add_constant(x)), 120 bars to bar 1499) at the case's tolerances (alpha/beta 1e-8 relative, z 1e-7), and
 * on log prices the statsmodels values of tests/unit/features/cross-section.test.ts (TEC3 on TEC1, 60 bars to 1000).
 */
import { describe, expect, it } from 'vitest';
import { LabPairs, pairsStep, runLab, type LabBarContext, type PairsState } from '../../../src/core/lab';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { universe12Timeline } from '../../helpers/universe12-timeline';

interface PairsCase {
  alpha: number;
  beta: number;
  z_last: number;
}

const tl = universe12Timeline();
const T = tl.time.length;

/** LabPairs recording its signal at every bar. */
class Recorded extends LabPairs {
  readonly z: number[] = [];
  readonly fits: { alpha: number; beta: number }[] = [];
  override onBar(ctx: LabBarContext): void {
    super.onBar(ctx);
    this.z.push(this.signal.z);
    this.fits.push({ alpha: this.signal.alpha, beta: this.signal.beta });
  }
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('pairs: rolling OLS hedge and spread z-score', () => {
  it('matches the statsmodels worked case FIN2 on FIN4, 120 bars to 2023-09-29', () => {
    const want = portfolioCase<PairsCase>('pairs_FIN2_FIN4_none_120_2023-09-29').values;
    const s = new Recorded({ y: 5, x: 7, window: 120 });
    runLab(tl, { allowShort: true }, { strategy: s });
    expect(rel(s.fits[1499].alpha, want.alpha)).toBeLessThanOrEqual(1e-8);
    expect(rel(s.fits[1499].beta, want.beta)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(s.z[1499] - want.z_last)).toBeLessThanOrEqual(1e-7);
    // No signal before the window is full.
    expect(Number.isNaN(s.z[118])).toBe(true);
    expect(Number.isNaN(s.z[119])).toBe(false);
  });

  it('matches statsmodels on log prices, TEC3 on TEC1, 60 bars to bar 1000', () => {
    const s = new Recorded({ y: 2, x: 0, window: 60, log: 1 });
    runLab(tl, { allowShort: true }, { strategy: s });
    expect(rel(s.fits[1000].alpha, -1.2618276142870268)).toBeLessThanOrEqual(1e-8);
    expect(rel(s.fits[1000].beta, 1.1171631446192913)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(s.z[1000] - 0.06754792736613108)).toBeLessThanOrEqual(1e-7);
  });

  it('trades dollar-neutral legs on the z-score rules and leaves the rest of the universe alone', () => {
    const s = new Recorded({ y: 5, x: 7, window: 60, entryZ: 1.5, exitZ: 0.25, weight: 0.4 });
    const r = runLab(tl, { cash: 1_000_000, allowShort: true }, { strategy: s });
    const o = r.orders;
    expect(new Set(o.instrument)).toEqual(new Set([5, 7]));
    expect(o.count).toBeGreaterThan(8);
    for (let i = 0; i < o.count; i++) {
      const t = o.submittedBar[i];
      const z = s.z[t];
      const ySide = o.instrument[i] === 5 ? o.side[i] : -o.side[i];
      const opening = r.positions[o.instrument[i] * T + t] === 0;
      // Entries: short the spread (sell y, buy x) above +entry, long below −entry; the legs are ±0.4 of NAV.
      if (opening) {
        expect(Math.abs(z), `bar ${t}`).toBeGreaterThan(1.5);
        expect(ySide, `bar ${t}`).toBe(z > 0 ? -1 : 1);
        const k = o.instrument[i];
        const value = o.quantity[i] * tl.close[k * T + t];
        expect(value).toBeLessThanOrEqual(0.4 * r.nav[t]);
        expect(value).toBeGreaterThan(0.4 * r.nav[t] - tl.close[k * T + t]);
      }
    }
    // Every decision bar carries one order per leg.
    const perBar = new Map<number, number>();
    for (let i = 0; i < o.count; i++) perBar.set(o.submittedBar[i], (perBar.get(o.submittedBar[i]) ?? 0) + 1);
    for (const [t, n] of perBar) expect(n, `bar ${t}`).toBe(2);
  });

  it('steps through entry, exit, flip and stop, and re-arms only back inside ±entry', () => {
    const s: PairsState = { side: 0, armed: true };
    const path: number[] = [];
    for (const z of [1, 2.5, 1, 0.4, -2.2, 2.4, -3, -5, -3, -1, -2.5]) {
      pairsStep(s, z, 2, 0.5, 4);
      path.push(s.side);
    }
    // 2.5 short; 1 hold; 0.4 exit; −2.2 long; 2.4 flip short; −3 flip long; −5 stop (disarmed); −3 still beyond
    // entry: no entry; −1 back inside: re-armed; −2.5 long.
    expect(path).toEqual([0, -1, -1, 0, 1, -1, 1, 0, 0, 0, 1]);
    const stopped: PairsState = { side: 1, armed: true };
    pairsStep(stopped, -4.5, 2, 0.5, 4);
    expect(stopped).toEqual({ side: 0, armed: false });
    pairsStep(stopped, -3, 2, 0.5, 4);
    expect(stopped.side).toBe(0);
    pairsStep(stopped, -1, 2, 0.5, 4);
    pairsStep(stopped, -3, 2, 0.5, 4);
    expect(stopped).toEqual({ side: 1, armed: true });
  });

  it('validates its parameters', () => {
    expect(() => new LabPairs({ y: 1, x: 1 })).toThrow(/two different instruments/);
    expect(() => new LabPairs({ window: 2 })).toThrow(/window/);
    expect(() => new LabPairs({ log: 2 })).toThrow(/log must be 0/);
    expect(() => new LabPairs({ entryZ: 1, exitZ: 1 })).toThrow(/exitZ/);
    expect(() => new LabPairs({ entryZ: 2, stopZ: 1.5 })).toThrow(/stopZ/);
  });
});
