/**
 * Synthetic OHLCV generator: a seeded, pure function from (parameters, seed) to bars. No DOM, no I/O, no clock
 * and no Math.random: the only source of randomness is the shared xoshiro128** Rng, so the same call returns
 * the same bits every time, in the browser and in Node.
 *
 * MODEL (all in log price x = ln P; per-bar quantities come from annual ones via barsPerYear(calendar))
 *
 *   Regime    r[t] ∈ {bull, bear}: two-state Markov chain, mean durations D_bull, D_bear bars (regime.ts).
 *             Each regime has a drift μ_r and a volatility multiplier m_r.
 *   Variance  h[t]: GARCH(1,1) on the standardised shock, h[t+1] = ω + α h[t] z[t]² + β h[t], long-run level
 *             σ²_LR = annualVol² / barsPerYear (garch.ts). Bar volatility s[t] = m_r · √h[t].
 *   Shocks    ε_gap, ε_in: independent unit-variance Student-t with ν degrees of freedom (fat tails).
 *   Open      o[t] = x[t−1] + s[t] · γ[t] · ε_gap, where γ[t] is 0 with no break before the bar, gaps.overnight
 *             after an overnight break and gaps.weekend after a weekend (calendar.ts). So a new session opens
 *             away from the previous close; a continuous market opens exactly at it.
 *   Close     c[t] = o[t] + μ_r − κ (x[t−1] − f[t−1]) + s[t] · ε_in, with fair value f[t] = f[t−1] + μ_r and
 *             κ = 1 − 2^(−1/halfLife) (κ = 0 without mean reversion: a random walk with regime drift).
 *   High/Low  extremes of a Brownian bridge from o to c with variance s² (intrabar.ts), so
 *             high ≥ max(open, close) and low ≤ min(open, close).
 *   GARCH z   z[t] = (γ ε_gap + ε_in) / √(1 + γ²): the whole bar's shock, rescaled to unit variance so the
 *             long-run variance stays σ²_LR whatever the gaps.
 *   Volume    log-normal in |z|, s/σ_LR and a persistent AR(1) noise, rounded to an integer (volume.ts).
 *   Prices    P = e^x, rounded to priceDecimals when given (never below one tick), so always > 0.
 *
 * Random stream: per bar, in this order, one uniform (regime), two Student-t draws (gap, in-session; ν + 1
 * normals each), two uniforms (high, low) and one normal (volume). How many numbers a bar takes never depends
 * on the values drawn (only on tailDof), so changing, say, a drift leaves every bar with the same random inputs.
 *
 * Bits are identical run to run on one JavaScript engine. Math.log/exp/cos are not required to be correctly
 * rounded by ECMAScript, so another engine could differ in the last bits (and, rarely, in a rounded tick).
 */
import { Rng } from '../rng';
import { barsPerYear, buildCalendar } from './calendar';
import { studentT, uniformOpenZero } from './distributions';
import { garch, nextVariance } from './garch';
import { bridgeMax, bridgeMin } from './intrabar';
import { validateParams } from './params';
import { initialRegime, nextRegime, regimeChain } from './regime';
import { Regime, type GeneratorParams, type OhlcvTable, type SampleSimulation } from './types';
import { barVolume, nextVolumeNoise } from './volume';

/** Generates bars and the hidden regime/volatility path. Throws RangeError on invalid parameters or seed. */
export function simulate(params: GeneratorParams, seed: number): SampleSimulation {
  validateParams(params);
  const rng = new Rng(seed);
  const n = params.bars;
  const { timestamp, sessionBreak } = buildCalendar(params.calendar, params.start, n);

  const perYear = barsPerYear(params.calendar);
  const longRunSigma = params.garch.annualVol / Math.sqrt(perYear);
  const g = garch(longRunSigma * longRunSigma, params.garch.alpha, params.garch.beta);
  const chain = regimeChain(params.regimes.bull, params.regimes.bear);
  const drift = [params.regimes.bull.annualDrift / perYear, params.regimes.bear.annualDrift / perYear];
  const volMultiplier = [params.regimes.bull.volMultiplier, params.regimes.bear.volMultiplier];
  const gapScale = [0, params.gaps.overnight, params.gaps.weekend]; // indexed by SessionBreak
  const halfLife = params.meanReversionHalfLife;
  const kappa = halfLife === undefined || halfLife === Infinity ? 0 : 1 - Math.pow(2, -1 / halfLife);
  const nu = params.tailDof;
  const toPrice = priceRounder(params.priceDecimals);

  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const regimePath = new Uint8Array(n);
  const sigmaPath = new Float64Array(n);

  let x = Math.log(params.startPrice); // log close of the previous bar (log open of the first)
  let fair = x;
  let variance = g.longRunVariance;
  let regime: Regime = Regime.Bull;
  let eta: number | undefined;

  for (let t = 0; t < n; t++) {
    const u = rng.nextFloat();
    regime = t === 0 ? initialRegime(chain, u) : nextRegime(chain, regime, u);
    const epsGap = studentT(rng, nu);
    const epsIn = studentT(rng, nu);
    const uHigh = uniformOpenZero(rng);
    const uLow = uniformOpenZero(rng);
    const nVolume = rng.nextNormal();

    const mu = drift[regime];
    const s = volMultiplier[regime] * Math.sqrt(variance);
    const gamma = gapScale[sessionBreak[t]];

    const o = x + s * gamma * epsGap;
    const c = o + mu - kappa * (x - fair) + s * epsIn;
    fair += mu;

    const z = (gamma * epsGap + epsIn) / Math.sqrt(1 + gamma * gamma);
    eta = nextVolumeNoise(params.volume, eta, nVolume);

    const po = toPrice(o);
    const pc = toPrice(c);
    open[t] = po;
    close[t] = pc;
    high[t] = Math.max(toPrice(bridgeMax(o, c, s, uHigh)), po, pc);
    low[t] = Math.min(toPrice(bridgeMin(o, c, s, uLow)), po, pc);
    volume[t] = barVolume(params.volume, z, s / longRunSigma, eta);
    regimePath[t] = regime;
    sigmaPath[t] = s;

    variance = nextVariance(g, variance, z);
    x = c;
  }

  return { bars: { timestamp, open, high, low, close, volume }, regime: regimePath, sigma: sigmaPath };
}

/** Generates OHLCV columns; same (params, seed) → same bits. */
export function generateOhlcv(params: GeneratorParams, seed: number): OhlcvTable {
  return simulate(params, seed).bars;
}

/** Log price → price: e^x, rounded to the tick 10^-decimals (at least one tick) when decimals is given. */
export function priceRounder(decimals: number | undefined): (logPrice: number) => number {
  if (decimals === undefined) return (v) => Math.max(Math.exp(v), Number.MIN_VALUE);
  const scale = Math.pow(10, decimals);
  // Math.round(p · 10^d) / 10^d yields the double nearest the decimal price (no 0.30000000000000004 artefacts),
  // and is monotone in p, so rounding preserves high ≥ max(open, close) ≥ min(open, close) ≥ low.
  return (v) => Math.max(1, Math.round(Math.exp(v) * scale)) / scale;
}
