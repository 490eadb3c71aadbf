/**
 * The sample universe: 24 fictional daily stocks in four sectors, for cross-sectional research (momentum ranks,
 * pairs) on first start. Hand-set, not fitted: technology trends up for the whole decade, energy drifts down,
 * a market crash starts on 2020-02-24, and fin-a / fin-b are a cointegrated pair. Changing anything here changes
 * the members' bits, which tests/unit/sample/universe.test.ts pins on purpose.
 */
import { simulateUniverse } from './universe';
import type { UniverseMember, UniverseMemberParams, UniverseParams, UniverseSimulation } from './universe-types';

/** The universe's seed. */
export const SAMPLE_UNIVERSE_SEED = 505;

const SECTORS = [
  { id: 'tech', name: 'Technology', annualDrift: 0.12, annualVol: 0.12 },
  { id: 'energy', name: 'Energy', annualDrift: -0.06, annualVol: 0.14 },
  { id: 'health', name: 'Healthcare', annualDrift: 0.02, annualVol: 0.1 },
  { id: 'fin', name: 'Financials', annualDrift: 0, annualVol: 0.12 },
] as const;

type Row = [sector: number, beta: number, sectorLoading: number, idioVol: number, alpha: number, startPrice: number, volumeBase: number];

// Per sector six members, a to f: loadings and noise spread around 1 and 20 %/yr so ranks are not all alike.
const ROWS: Row[] = [
  [0, 1.2, 1.0, 0.22, 0.02, 48, 3_500_000],
  [0, 1.3, 1.1, 0.26, 0.04, 115, 2_200_000],
  [0, 1.1, 0.9, 0.18, 0.0, 72, 1_800_000],
  [0, 1.0, 1.2, 0.24, -0.02, 31, 900_000],
  [0, 1.25, 0.8, 0.2, 0.01, 205, 1_200_000],
  [0, 1.15, 1.0, 0.28, 0.03, 19, 2_600_000],
  [1, 0.9, 1.0, 0.2, 0.0, 64, 2_000_000],
  [1, 1.0, 1.1, 0.22, -0.02, 38, 1_500_000],
  [1, 0.8, 0.9, 0.18, 0.01, 92, 1_100_000],
  [1, 0.95, 1.2, 0.25, -0.01, 27, 800_000],
  [1, 1.05, 1.0, 0.21, 0.02, 56, 1_300_000],
  [1, 0.85, 0.8, 0.19, 0.0, 44, 700_000],
  [2, 0.7, 1.0, 0.17, 0.01, 88, 1_600_000],
  [2, 0.75, 1.1, 0.2, 0.0, 134, 900_000],
  [2, 0.65, 0.9, 0.16, 0.02, 57, 1_200_000],
  [2, 0.8, 1.2, 0.22, -0.01, 23, 600_000],
  [2, 0.7, 0.8, 0.18, 0.0, 71, 1_000_000],
  [2, 0.85, 1.0, 0.24, 0.01, 39, 750_000],
  [3, 1.1, 1.0, 0.2, 0.0, 52, 3_000_000],
  [3, 1.1, 1.0, 0.2, 0.0, 52, 2_400_000], // fin-b: tied to fin-a below
  [3, 1.0, 1.1, 0.19, 0.01, 36, 1_700_000],
  [3, 1.2, 0.9, 0.23, -0.01, 81, 1_400_000],
  [3, 0.95, 1.2, 0.21, 0.0, 29, 1_100_000],
  [3, 1.05, 0.8, 0.18, 0.02, 66, 950_000],
];

const LETTERS = 'abcdef';

function member(row: Row, i: number): UniverseMemberParams {
  const [sector, beta, sectorLoading, idioVol, alpha, startPrice, volumeBase] = row;
  const id = `${SECTORS[sector].id}-${LETTERS[i % 6]}`;
  return {
    id,
    sector,
    beta,
    sectorLoading,
    idioVol,
    alpha,
    startPrice,
    volumeBase,
    ...(id === 'fin-b' ? { pairedWith: { id: 'fin-a', logRatio: Math.log(0.8), halfLife: 15, spreadVol: 0.24 } } : {}),
  };
}

const PARAMS: UniverseParams = {
  start: Date.UTC(2015, 0, 2),
  bars: 2610,
  priceDecimals: 2,
  tailDof: 5,
  market: { annualDrift: 0.05, annualVol: 0.15, alpha: 0.08, beta: 0.9 },
  crash: { from: Date.UTC(2020, 1, 24), bars: 18, logDrop: -0.4, volMultiplier: 2.5, aftermathBars: 40 },
  gaps: { overnight: 0.4, weekend: 0.55 },
  volume: { shockLoading: 0.35, volLoading: 0.6, noise: 0.3, persistence: 0.7 },
  sectors: SECTORS,
  members: ROWS.map(member),
};

/** The universe's parameters (a deep copy). */
export function sampleUniverseParams(): UniverseParams {
  return structuredClone(PARAMS);
}

/** The members in catalogue order (sector by sector), as the lab lists them. */
export function sampleUniverseMembers(): UniverseMember[] {
  return PARAMS.members.map((m) => {
    const sector = SECTORS[m.sector];
    return { id: m.id, name: `${sector.name} ${m.id.slice(-1).toUpperCase()}`, sector: sector.id, interval: '1d' };
  });
}

/** Every member's bars (one pass over one seeded stream); the same bits on every call. */
export function simulateSampleUniverse(): UniverseSimulation {
  return simulateUniverse(PARAMS, SAMPLE_UNIVERSE_SEED);
}
