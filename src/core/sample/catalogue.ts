/**
 * The lab's built-in sample instruments: fictional, generated on demand from fixed parameters and seeds, so
 * the lab is usable at first open without any user file and without shipping real market data.
 *
 * Parameters are hand-set to look plausible for their asset class (volatility level, gap sizes, tail weight,
 * regime lengths); they are not fitted to any real instrument. Changing anything here changes the samples'
 * bits, which the golden tests in tests/unit/sample/ pin down on purpose.
 */
import { generateOhlcv, simulate } from './generate';
import { calendarInterval } from './calendar';
import type { GeneratorParams, InstrumentDescriptor, OhlcvTable, SampleSimulation } from './types';

interface CatalogueEntry {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly params: GeneratorParams;
}

const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'synth-trend-equity',
    name: 'Synthetic large-cap equity (trending)',
    description:
      'Fictional large-cap stock, daily bars on weekdays from 2015-01-02 for 10 years (2,610 bars). Long bull ' +
      'regimes (+20 %/yr) interrupted by shorter, more volatile bear phases (−35 %/yr); GARCH volatility ' +
      'clustering around 20 %/yr, Student-t (ν = 5) shocks, overnight and larger weekend opening gaps.',
    seed: 101,
    params: {
      calendar: 'weekdays-daily',
      start: Date.UTC(2015, 0, 2),
      bars: 2610,
      startPrice: 85,
      priceDecimals: 2,
      regimes: {
        bull: { annualDrift: 0.2, volMultiplier: 0.9, meanDurationBars: 300 },
        bear: { annualDrift: -0.35, volMultiplier: 1.5, meanDurationBars: 80 },
      },
      garch: { annualVol: 0.2, alpha: 0.08, beta: 0.9 },
      tailDof: 5,
      gaps: { overnight: 0.5, weekend: 0.65 },
      volume: { base: 4_000_000, shockLoading: 0.35, volLoading: 0.6, noise: 0.3, persistence: 0.7 },
    },
  },
  {
    id: 'synth-range-equity',
    name: 'Synthetic mid-cap equity (range-bound)',
    description:
      'Fictional mid-cap stock, daily bars on weekdays from 2015-01-02 for 10 years (2,610 bars). Choppy and ' +
      'mean-reverting: the price is pulled back towards a slowly drifting fair value (half-life 8 bars), so ' +
      'breakouts tend to fail. GARCH volatility around 24 %/yr, Student-t (ν = 6) shocks, opening gaps.',
    seed: 202,
    params: {
      calendar: 'weekdays-daily',
      start: Date.UTC(2015, 0, 2),
      bars: 2610,
      startPrice: 42,
      priceDecimals: 2,
      regimes: {
        bull: { annualDrift: 0.04, volMultiplier: 1, meanDurationBars: 250 },
        bear: { annualDrift: -0.04, volMultiplier: 1.2, meanDurationBars: 250 },
      },
      garch: { annualVol: 0.24, alpha: 0.07, beta: 0.9 },
      tailDof: 6,
      gaps: { overnight: 0.45, weekend: 0.6 },
      meanReversionHalfLife: 8,
      volume: { base: 900_000, shockLoading: 0.4, volLoading: 0.5, noise: 0.35, persistence: 0.6 },
    },
  },
  {
    id: 'synth-fx-hourly',
    name: 'Synthetic FX pair (hourly)',
    description:
      'Fictional currency pair, hourly bars around the clock from Sunday 22:00 UTC to Friday 22:00 UTC, 52 ' +
      'weeks from 2023-01-01 (6,240 bars), 5 decimal places. Low volatility (about 7 %/yr) with clustering, ' +
      'Student-t (ν = 6) shocks, slow drift regimes, and a gap at each Sunday-evening open; tick-style volume.',
    seed: 303,
    params: {
      calendar: 'fx-hourly',
      start: Date.UTC(2023, 0, 1, 22),
      bars: 6240,
      startPrice: 1.085,
      priceDecimals: 5,
      regimes: {
        bull: { annualDrift: 0.05, volMultiplier: 0.95, meanDurationBars: 1200 },
        bear: { annualDrift: -0.06, volMultiplier: 1.1, meanDurationBars: 900 },
      },
      garch: { annualVol: 0.07, alpha: 0.06, beta: 0.92 },
      tailDof: 6,
      gaps: { overnight: 0, weekend: 3 },
      volume: { base: 1500, shockLoading: 0.4, volLoading: 0.8, noise: 0.35, persistence: 0.8 },
    },
  },
  {
    id: 'synth-crypto-daily',
    name: 'Synthetic crypto asset (daily, 24/7)',
    description:
      'Fictional crypto-style coin, daily bars every day of the week from 2018-01-01 for 7 years (2,557 bars). ' +
      'Very volatile (about 65 %/yr) with strong clustering, fat Student-t (ν = 5) tails, and violent ' +
      'boom (+70 %/yr) and bust (−70 %/yr) regimes. A continuous market: each bar opens at the previous close.',
    seed: 404,
    params: {
      calendar: 'all-days-daily',
      start: Date.UTC(2018, 0, 1),
      bars: 2557,
      startPrice: 850,
      priceDecimals: 2,
      regimes: {
        bull: { annualDrift: 0.7, volMultiplier: 0.9, meanDurationBars: 150 },
        bear: { annualDrift: -0.7, volMultiplier: 1.3, meanDurationBars: 100 },
      },
      garch: { annualVol: 0.65, alpha: 0.1, beta: 0.87 },
      tailDof: 5,
      gaps: { overnight: 0, weekend: 0 },
      volume: { base: 25_000, shockLoading: 0.45, volLoading: 0.8, noise: 0.4, persistence: 0.75 },
    },
  },
];

function entry(id: string): CatalogueEntry {
  const found = CATALOGUE.find((e) => e.id === id);
  if (found === undefined) {
    throw new RangeError(`unknown sample instrument "${id}"; expected one of ${CATALOGUE.map((e) => e.id).join(', ')}`);
  }
  return found;
}

function describe(e: CatalogueEntry): InstrumentDescriptor {
  return {
    id: e.id,
    name: e.name,
    interval: calendarInterval(e.params.calendar),
    description: e.description,
    seed: e.seed,
    bars: e.params.bars,
    start: e.params.start,
  };
}

/** The built-in sample instruments, in display order (fresh objects on every call). */
export function sampleInstruments(): InstrumentDescriptor[] {
  return CATALOGUE.map(describe);
}

/** The generator parameters behind a sample instrument (a deep copy; throws RangeError for an unknown id). */
export function sampleParams(id: string): GeneratorParams {
  return structuredClone(entry(id).params);
}

/** A sample instrument's bars; the same id always yields the same bits. Throws RangeError for an unknown id. */
export function generateSample(id: string): OhlcvTable {
  const e = entry(id);
  return generateOhlcv(e.params, e.seed);
}

/** A sample instrument's bars plus its hidden regime and volatility paths. */
export function simulateSample(id: string): SampleSimulation {
  const e = entry(id);
  return simulate(e.params, e.seed);
}
