/**
 * The sample universe's generator: many daily instruments from one seeded stream, so that cross-sectional
 * strategies (momentum ranks, pairs) have something real-looking to work on. Pure: no DOM, I/O, clock or
 * Math.random; same params and seed → same bits.
 *
 * MODEL (log prices; per-bar values from annual ones with 365.25·5/7 weekday bars a year)
 *
 *   Market    m[t] = μ_m + crash[t] + v[t]·σ_m[t]·z_m[t]: GARCH(1,1) volatility σ_m (garch.ts) times v[t], which is
 *             crash.volMultiplier during the crash and its aftermath and 1 otherwise; crash[t] = logDrop / bars on
 *             the crash's bars and 0 elsewhere.
 *   Sector    s_k[t] = μ_k + σ_k·z_k[t]; a sector with μ_k far from 0 trends for the whole series.
 *   Member    r_i[t] = α_i + β_i·m[t] + γ_i·s_k(i)[t] + σ_i·ε_i[t]: close-to-close log return, so members of one
 *             sector share m and s_k (correlated more) and members of different sectors share only m.
 *   Pair      a member paired with an earlier one has x_i = x_p + logRatio + u, u[t] = (1 − κ)·u[t−1] + σ_u·ε_i[t],
 *             κ = 1 − 2^(−1/halfLife), u[−1] = 0: the two are cointegrated, the spread reverts with that half-life.
 *   Bar       open = previous close + S_i·gap·n_i (gap by the break before the bar, as in the single samples), close
 *             from the return, high/low from the Brownian-bridge extremes between them with the member's bar
 *             volatility S_i = √(β²·(vσ_m)² + γ²·σ_k² + σ_i²); volume as volume.ts with z = (r − E r)/S.
 *   Shocks    z_m, z_k, ε_i: unit-variance Student-t (ν = tailDof); n_i: normal.
 *
 * Random stream per bar, in this order: z_m; z_k for each sector; then per member ε_i, n_i, two uniforms
 * (high, low) and one normal (volume). The count never depends on the values drawn.
 */
import { Rng } from '../rng';
import { barsPerYear, buildCalendar } from './calendar';
import { studentT, uniformOpenZero } from './distributions';
import { garch, nextVariance } from './garch';
import { priceRounder } from './generate';
import { bridgeMax, bridgeMin } from './intrabar';
import { barVolume, nextVolumeNoise } from './volume';
import type { UniverseParams, UniverseSimulation } from './universe-types';
import { validateUniverse } from './universe-params';

const PER_YEAR = barsPerYear('weekdays-daily');
const perBar = (annualVol: number) => annualVol / Math.sqrt(PER_YEAR);

export function simulateUniverse(p: UniverseParams, seed: number): UniverseSimulation {
  validateUniverse(p);
  const rng = new Rng(seed);
  const n = p.bars;
  const { timestamp, sessionBreak } = buildCalendar('weekdays-daily', p.start, n);
  let crashStart = timestamp.findIndex((t) => t >= p.crash.from);
  if (crashStart < 0) crashStart = n;
  const toPrice = priceRounder(p.priceDecimals);
  const gapScale = [0, p.gaps.overnight, p.gaps.weekend];

  const sigmaM = perBar(p.market.annualVol);
  const g = garch(sigmaM * sigmaM, p.market.alpha, p.market.beta);
  const sectorMu = p.sectors.map((s) => s.annualDrift / PER_YEAR);
  const sectorSigma = p.sectors.map((s) => perBar(s.annualVol));
  const index = new Map(p.members.map((m, i) => [m.id, i]));
  const members = p.members.map((m) => {
    const pair = m.pairedWith;
    const partner = pair ? index.get(pair.id) : undefined;
    const idio = perBar(m.idioVol);
    const sector = sectorSigma[m.sector];
    return {
      m,
      partner,
      logRatio: pair?.logRatio ?? 0,
      keep: pair ? Math.pow(2, -1 / pair.halfLife) : 0,
      spreadSigma: pair ? perBar(pair.spreadVol) : 0,
      alpha: m.alpha / PER_YEAR,
      idio,
      // Long-run bar volatility, for the volume's "busy market" term.
      longRun: Math.sqrt(m.beta * m.beta * sigmaM * sigmaM + m.sectorLoading * m.sectorLoading * sector * sector + idio * idio),
      columns: {
        timestamp,
        open: new Float64Array(n),
        high: new Float64Array(n),
        low: new Float64Array(n),
        close: new Float64Array(n),
        volume: new Float64Array(n),
      },
      x: 0,
      spread: 0,
      eta: undefined as number | undefined,
      s: 0,
      /** This bar's expected log return (the drifts), so volume reacts to the surprise only. */
      expected: 0,
    };
  });
  for (const mb of members) mb.x = mb.partner === undefined ? Math.log(mb.m.startPrice) : members[mb.partner].x + mb.logRatio;

  const market = new Float64Array(n);
  const sectorReturn = new Float64Array(p.sectors.length);
  const volume = { ...p.volume, base: 0 };
  let variance = g.longRunVariance;
  let level = 0;

  for (let t = 0; t < n; t++) {
    const inCrash = t >= crashStart && t < crashStart + p.crash.bars;
    const stressed = t >= crashStart && t < crashStart + p.crash.bars + p.crash.aftermathBars;
    const vm = (stressed ? p.crash.volMultiplier : 1) * Math.sqrt(variance);
    const zm = studentT(rng, p.tailDof);
    const rm = p.market.annualDrift / PER_YEAR + (inCrash ? p.crash.logDrop / p.crash.bars : 0) + vm * zm;
    for (let k = 0; k < sectorReturn.length; k++) sectorReturn[k] = sectorMu[k] + sectorSigma[k] * studentT(rng, p.tailDof);
    const gamma = gapScale[sessionBreak[t]];

    for (const mb of members) {
      const { m } = mb;
      const eps = studentT(rng, p.tailDof);
      const nGap = rng.nextNormal();
      const uHigh = uniformOpenZero(rng);
      const uLow = uniformOpenZero(rng);
      const nVolume = rng.nextNormal();

      const sk = sectorSigma[m.sector];
      let s = Math.sqrt(m.beta * m.beta * vm * vm + m.sectorLoading * m.sectorLoading * sk * sk + mb.idio * mb.idio);
      const prev = mb.x;
      if (mb.partner === undefined) {
        mb.expected = mb.alpha + m.beta * (p.market.annualDrift / PER_YEAR) + m.sectorLoading * sectorMu[m.sector];
        mb.x = prev + mb.alpha + m.beta * rm + m.sectorLoading * sectorReturn[m.sector] + mb.idio * eps;
      } else {
        // Partners come earlier in the list, so theirs is this bar's close already.
        const partner = members[mb.partner];
        mb.spread = mb.keep * mb.spread + mb.spreadSigma * eps;
        mb.x = partner.x + mb.logRatio + mb.spread;
        s = Math.sqrt(partner.s * partner.s + mb.spreadSigma * mb.spreadSigma);
        mb.expected = partner.expected;
      }
      mb.s = s;
      const o = prev + s * gamma * nGap;
      const c = mb.x;
      const z = s > 0 ? (c - prev - mb.expected) / s : 0;
      mb.eta = nextVolumeNoise(volume, mb.eta, nVolume);
      const po = toPrice(o);
      const pc = toPrice(c);
      const col = mb.columns;
      col.open[t] = po;
      col.close[t] = pc;
      col.high[t] = Math.max(toPrice(bridgeMax(o, c, s, uHigh)), po, pc);
      col.low[t] = Math.min(toPrice(bridgeMin(o, c, s, uLow)), po, pc);
      volume.base = m.volumeBase;
      col.volume[t] = barVolume(volume, z, s / mb.longRun, mb.eta);
    }

    level += rm;
    market[t] = level;
    variance = nextVariance(g, variance, zm);
  }

  return { members: members.map((mb) => ({ id: mb.m.id, bars: mb.columns })), market, crashStart };
}
