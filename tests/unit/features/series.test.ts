/**
 * Series features on universe12 against pandas 1.5.3 (Debian python3-pandas), values computed once by
 * tests/reference/features_reference.py at the bars below. Agreement is to 1e-12 relative (z-scores: 1e-12 absolute, as
 * they come from differences of prices near 100-500); RSI is checked against pandas' ewm(alpha=1/14,
 * adjust=False) seeded with the first 14-change means, a different route to Wilder's definition.
 */
import { describe, expect, it } from 'vitest';
import {
  ema,
  ewmStd,
  rollingMoments,
  ewmVolatility,
  logReturns,
  rollingBeta,
  rollingCorrelation,
  rollingVolatility,
  rollingZScore,
  rsi,
  simpleReturns,
  sma,
} from '../../../src/core/features';
import { universeCloses } from '../../helpers/universe12';

const BARS = [30, 100, 250, 500, 777, 1000, 1250, 1499];
const PANDAS = {
  log_returns_TEC1: [
    0.042212968059803124, -0.01581967185255806, 0.01755481771775358, 0.002123747916925822, -0.0020357721150352504, -0.003276156463959623,
    -0.009026754514275481, -0.03303419292613974,
  ],
  ewm_mean_span20_TEC1: [
    129.058024923343, 166.01774522679437, 243.11250976494875, 352.8222259810763, 413.3448624772067, 386.39971890129243, 351.33675442052777,
    526.2549660762822,
  ],
  ewm_mean_span20_noadjust_TEC1: [
    128.65102249153858, 166.01587070599584, 243.11250976343365, 352.82222598107626, 413.34486247720673, 386.39971890129254, 351.33675442052777,
    526.254966076282,
  ],
  ewm_std_span100_returns_FIN3: [
    0.025549102030744272, 0.02247992194521054, 0.02361187259001389, 0.023844836015593864, 0.024469991387070084, 0.020095819924560082,
    0.022920859357571738, 0.02141255132774775,
  ],
  ewm_std_span30_noadjust_returns_TEC2: [
    0.014848228096334896, 0.012060909196322947, 0.011841644211830595, 0.0165963545772694, 0.01624580505216565, 0.015515121276164522,
    0.01152960225297441, 0.012268164164988738,
  ],
  rolling_std20_returns_TEC1: [
    0.015846634922059424, 0.01927450754474633, 0.016245624484514318, 0.022956135555293584, 0.018333634896295768, 0.023152880501279782,
    0.018705661993489293, 0.017253206848432668,
  ],
  rolling_zscore20_TEC1: [
    2.0080377435154504, 0.08845874147362624, -0.021378281990548035, 1.4354732243414776, 0.021935758886663676, -0.0077097419693291855,
    -0.30964244477321273, -2.341582737698847,
  ],
  rolling_corr60_TEC1_TEC2: [
    NaN,
    0.47265614448396764,
    0.5188180073570211,
    0.4902009447592511,
    0.442519450360601,
    0.4956560583177718,
    0.41779087070117243,
    0.45930228215690266,
  ],
  rolling_beta60_TEC2_on_TEC1: [
    NaN,
    0.2941619743338955,
    0.3993799165152417,
    0.43524948299963545,
    0.3300237567177427,
    0.34476396818002525,
    0.2786855002011581,
    0.34475466606952193,
  ],
  rsi14_TEC1: [
    69.77518432925831, 56.95785034036772, 52.48740580382591, 73.84950202782207, 48.05662636164372, 46.06816381971005, 47.19655257400332,
    26.06046336377503,
  ],
};

/** Within rtol of the reference, or within atol for values near 0 (a z-score of 0.02 from prices near 243). */
function expectAtBars(series: Float64Array, expected: number[], rtol = 1e-12, atol = 0): void {
  BARS.forEach((bar, i) => {
    const want = expected[i];
    if (Number.isNaN(want)) expect(series[bar], `bar ${bar}`).toBeNaN();
    else expect(Math.abs(series[bar] - want), `bar ${bar}: ${series[bar]} vs ${want}`).toBeLessThanOrEqual(Math.max(rtol * Math.abs(want), atol));
  });
}

const tec1 = universeCloses('TEC1');
const tec2 = universeCloses('TEC2');
const fin3 = universeCloses('FIN3');

describe('returns', () => {
  it('are aligned with the bars, NaN at bar 0', () => {
    const r = simpleReturns(tec1);
    expect(r[0]).toBeNaN();
    expect(r[1]).toBe(tec1[1] / tec1[0] - 1);
    expectAtBars(logReturns(tec1), PANDAS.log_returns_TEC1);
  });
});

describe('moving averages', () => {
  it('ema matches pandas ewm(span=20).mean(), adjusted and recursive', () => {
    expectAtBars(ema(tec1, 20), PANDAS.ewm_mean_span20_TEC1);
    expectAtBars(ema(tec1, 20, { adjust: false }), PANDAS.ewm_mean_span20_noadjust_TEC1);
    // The two differ while the adjusted weights still see the start of the series.
    expect(Math.abs(ema(tec1, 20)[30] - ema(tec1, 20, { adjust: false })[30])).toBeGreaterThan(0.1);
  });

  it('sma is the rolling mean, NaN before a full window', () => {
    const s = sma(tec1, 5);
    expect(s[3]).toBeNaN();
    expect(s[4]).toBeCloseTo((tec1[0] + tec1[1] + tec1[2] + tec1[3] + tec1[4]) / 5, 12);
    expect(() => sma(tec1, 0)).toThrow(/window must be an integer >= 1, got 0/);
  });
});

describe('volatility', () => {
  it('ewm std of returns matches pandas (adjust=True and False, bias=False)', () => {
    expectAtBars(ewmVolatility(simpleReturns(fin3), 100), PANDAS.ewm_std_span100_returns_FIN3);
    expectAtBars(ewmStd(simpleReturns(tec2), { span: 30 }, { adjust: false }), PANDAS.ewm_std_span30_noadjust_returns_TEC2);
    // One return has no unbiased variance: NaN at bar 1, defined from bar 2.
    const v = ewmVolatility(simpleReturns(fin3), 100);
    expect(v[1]).toBeNaN();
    expect(v[2]).toBeGreaterThan(0);
  });

  it('rolling std (ddof 1) and z-score match pandas rolling(20)', () => {
    expectAtBars(rollingVolatility(simpleReturns(tec1), 20), PANDAS.rolling_std20_returns_TEC1);
    expectAtBars(rollingZScore(tec1, 20), PANDAS.rolling_zscore20_TEC1, 1e-12, 1e-12);
    // The first return is NaN, so the first full window of returns ends at bar 20.
    const v = rollingVolatility(simpleReturns(tec1), 20);
    expect(v[19]).toBeNaN();
    expect(v[20]).toBeGreaterThan(0);
  });
});

describe('rolling moments', () => {
  /** Mean and std of one window summed afresh, two passes: the slow, plainly exact reference. */
  function twoPass(x: Float64Array, t: number, window: number): [number, number] {
    let s = 0;
    for (let i = t + 1 - window; i <= t; i++) s += x[i];
    const m = s / window;
    let ss = 0;
    for (let i = t + 1 - window; i <= t; i++) ss += (x[i] - m) * (x[i] - m);
    return [m, Math.sqrt(ss / (window - 1))];
  }

  it.each([
    ['TEC1 closes', tec1, 20],
    ['TEC1 closes', tec1, 252],
    ['FIN3 returns', simpleReturns(fin3), 5],
    ['FIN3 returns', simpleReturns(fin3), 252],
  ] as const)('the O(n) update agrees with two passes at every bar: %s, window %i', (_name, x, window) => {
    const { mean, std } = rollingMoments(x, window);
    let worst = 0;
    for (let t = 0; t < x.length; t++) {
      if (t < window - 1 || (t < window && Number.isNaN(x[0]))) {
        expect(mean[t], `bar ${t}`).toBeNaN();
        continue;
      }
      const [m, sd] = twoPass(x, t, window);
      worst = Math.max(worst, Math.abs(std[t] / sd - 1), Math.abs(mean[t] - m) / sd);
    }
    // Relative to the window's std: what a z-score made from them would be off by.
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('correlation and beta', () => {
  it('match pandas rolling(60).corr and cov/var', () => {
    const r1 = simpleReturns(tec1);
    const r2 = simpleReturns(tec2);
    expectAtBars(rollingCorrelation(r1, r2, 60), PANDAS.rolling_corr60_TEC1_TEC2);
    expectAtBars(rollingBeta(r2, r1, 60), PANDAS.rolling_beta60_TEC2_on_TEC1);
    expect(rollingCorrelation(r1, r2, 60)[59]).toBeNaN();
    expect(rollingCorrelation(r1, r2, 60)[60]).not.toBeNaN();
  });

  it('refuses series of different lengths', () => {
    expect(() => rollingCorrelation(tec1, tec2.subarray(1), 10)).toThrow(/lengths differ \(1500 vs 1499\)/);
  });
});

describe('rsi (Wilder)', () => {
  it('matches the pandas route to the same definition', () => {
    const r = rsi(tec1, 14);
    expect(r[13]).toBeNaN();
    expect(r[14]).toBeGreaterThan(0);
    expectAtBars(r, PANDAS.rsi14_TEC1, 1e-11);
  });

  it('is 100 without losses and 50 when flat', () => {
    expect(rsi(Float64Array.from([1, 2, 3, 4]), 2)[3]).toBe(100);
    expect(rsi(Float64Array.from([5, 5, 5, 5]), 2)[3]).toBe(50);
  });
});
