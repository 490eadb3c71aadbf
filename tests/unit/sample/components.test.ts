import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { barsPerYear, calendarInterval, isBarTime, utcDayOfWeek } from '../../../src/core/sample/calendar';
import { studentT, uniformOpenZero } from '../../../src/core/sample/distributions';
import { garch, nextVariance } from '../../../src/core/sample/garch';
import { bridgeMax, bridgeMin } from '../../../src/core/sample/intrabar';
import { initialRegime, nextRegime, regimeChain } from '../../../src/core/sample/regime';
import { Regime } from '../../../src/core/sample/types';
import { barVolume, nextVolumeNoise } from '../../../src/core/sample/volume';
import { excessKurtosis, mean, std } from './stats';

describe('studentT', () => {
  it('has unit variance and the theoretical excess kurtosis 6 / (ν − 4)', () => {
    const rng = new Rng(11);
    const x = Array.from({ length: 200_000 }, () => studentT(rng, 10));
    expect(Math.abs(mean(x))).toBeLessThan(0.01);
    expect(Math.abs(std(x) ** 2 - 1)).toBeLessThan(0.02);
    expect(excessKurtosis(x)).toBeGreaterThan(0.7);
    expect(excessKurtosis(x)).toBeLessThan(1.3);
  });

  it('consumes exactly ν + 1 normals per draw', () => {
    const a = new Rng(3);
    const b = new Rng(3);
    studentT(a, 7);
    for (let k = 0; k < 8; k++) b.nextNormal();
    expect(a.nextU32()).toBe(b.nextU32());
  });

  it('uniformOpenZero never returns 0 (safe for log) and stays within (0, 1]', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 10_000; i++) {
      const u = uniformOpenZero(rng);
      if (!(u > 0 && u <= 1)) expect.fail(`draw ${i}: ${u}`);
    }
  });
});

describe('Brownian-bridge extremes', () => {
  it('bracket open and close for any inputs', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
        (a, b, s, u) => {
          const hi = bridgeMax(a, b, s, u);
          const lo = bridgeMin(a, b, s, u);
          // Exact in real arithmetic; allow one rounding step in floating point (generate.ts clamps).
          const tol = 4 * Number.EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
          return hi >= Math.max(a, b) - tol && lo <= Math.min(a, b) + tol;
        },
      ),
    );
  });

  it('the maximum of a bridge from 0 to 0 with unit variance has P(M > m) = exp(−2m²)', () => {
    const rng = new Rng(21);
    const m = Array.from({ length: 50_000 }, () => bridgeMax(0, 0, 1, uniformOpenZero(rng))).sort((x, y) => x - y);
    const median = m[m.length >> 1];
    expect(median).toBeCloseTo(Math.sqrt(Math.LN2 / 2), 2);
    const q90 = m[Math.floor(0.9 * m.length)];
    expect(q90).toBeCloseTo(Math.sqrt(Math.log(10) / 2), 2);
  });

  it('with zero variance the extremes are exactly open and close', () => {
    expect(bridgeMax(1, 2, 0, 0.3)).toBe(2);
    expect(bridgeMin(1, 2, 0, 0.3)).toBe(1);
  });
});

describe('regime chain', () => {
  it('has the configured mean durations and stationary mix', () => {
    const bull = { annualDrift: 0, volMultiplier: 1, meanDurationBars: 40 };
    const bear = { annualDrift: 0, volMultiplier: 1, meanDurationBars: 10 };
    const chain = regimeChain(bull, bear);
    expect(chain.stationaryBull).toBeCloseTo(0.8, 12);
    const rng = new Rng(9);
    let r: Regime = initialRegime(chain, rng.nextFloat());
    const spells: [number[], number[]] = [[], []];
    let len = 1;
    for (let i = 0; i < 400_000; i++) {
      const next = nextRegime(chain, r, rng.nextFloat());
      if (next === r) len++;
      else {
        spells[r].push(len);
        len = 1;
      }
      r = next;
    }
    expect(mean(spells[Regime.Bull])).toBeGreaterThan(38);
    expect(mean(spells[Regime.Bull])).toBeLessThan(42);
    expect(mean(spells[Regime.Bear])).toBeGreaterThan(9.5);
    expect(mean(spells[Regime.Bear])).toBeLessThan(10.5);
  });

  it('a mean duration of 1 switches every bar', () => {
    const one = { annualDrift: 0, volMultiplier: 1, meanDurationBars: 1 };
    const chain = regimeChain(one, one);
    expect(nextRegime(chain, Regime.Bull, 0)).toBe(Regime.Bear);
    expect(nextRegime(chain, Regime.Bear, 0)).toBe(Regime.Bull);
  });
});

describe('GARCH(1,1)', () => {
  it('is at a fixed point at the long-run variance when z² = 1, rises after shocks and decays back', () => {
    const g = garch(1e-4, 0.1, 0.85);
    expect(nextVariance(g, 1e-4, 1) / 1e-4).toBeCloseTo(1, 12);
    const shocked = nextVariance(g, 1e-4, 5);
    expect(shocked).toBeGreaterThan(3e-4);
    let v = shocked;
    for (let i = 0; i < 20; i++) v = nextVariance(g, v, 1);
    expect(v).toBeGreaterThan(1.5e-4); // half-life ln 2 / −ln 0.95 ≈ 13.5 bars: still elevated
    for (let i = 0; i < 400; i++) v = nextVariance(g, v, 1);
    expect(v / 1e-4).toBeCloseTo(1, 6);
  });

  it('averages to the long-run variance under unit-variance shocks', () => {
    const g = garch(2e-4, 0.08, 0.9);
    const rng = new Rng(13);
    let v = g.longRunVariance;
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      sum += v;
      v = nextVariance(g, v, rng.nextNormal());
    }
    expect(sum / n / 2e-4).toBeGreaterThan(0.9);
    expect(sum / n / 2e-4).toBeLessThan(1.1);
  });
});

describe('volume model', () => {
  const p = { base: 1000, shockLoading: 0.5, volLoading: 1, noise: 0.3, persistence: 0.5 };

  it('is the base volume for an average bar with no noise', () => {
    expect(barVolume(p, Math.sqrt(2 / Math.PI), 1, 0)).toBe(1000);
    expect(barVolume(p, 3, 1, 0)).toBeGreaterThan(2000);
    expect(barVolume(p, Math.sqrt(2 / Math.PI), 2, 0)).toBe(2000);
  });

  it('AR(1) noise starts stationary and keeps its standard deviation', () => {
    const rng = new Rng(17);
    let eta: number | undefined;
    const xs: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      eta = nextVolumeNoise(p, eta, rng.nextNormal());
      xs.push(eta);
    }
    expect(std(xs)).toBeCloseTo(0.3, 2);
  });
});

describe('calendar arithmetic', () => {
  it('agrees with Date on weekdays, including before 1970', () => {
    for (let t = Date.UTC(1969, 0, 1); t < Date.UTC(1971, 0, 1); t += 86_400_000 * 3 + 3_600_000) {
      if (utcDayOfWeek(t) !== new Date(t).getUTCDay()) expect.fail(`weekday of ${new Date(t).toISOString()}`);
    }
  });

  it('knows the FX week boundaries', () => {
    expect(isBarTime('fx-hourly', Date.UTC(2024, 5, 9, 21))).toBe(false); // Sunday 21:00
    expect(isBarTime('fx-hourly', Date.UTC(2024, 5, 9, 22))).toBe(true); // Sunday 22:00
    expect(isBarTime('fx-hourly', Date.UTC(2024, 5, 14, 21))).toBe(true); // Friday 21:00
    expect(isBarTime('fx-hourly', Date.UTC(2024, 5, 14, 22))).toBe(false); // Friday 22:00
    expect(isBarTime('fx-hourly', Date.UTC(2024, 5, 15, 12))).toBe(false); // Saturday
  });

  it('maps calendars to intervals and annualisation factors', () => {
    expect(calendarInterval('fx-hourly')).toBe('1h');
    expect(calendarInterval('weekdays-daily')).toBe('1d');
    expect(calendarInterval('all-days-daily')).toBe('1d');
    expect(barsPerYear('all-days-daily')).toBe(365.25);
    expect(barsPerYear('weekdays-daily')).toBeCloseTo(260.89, 2);
    expect(barsPerYear('fx-hourly')).toBeCloseTo(6261.4, 1);
  });
});
