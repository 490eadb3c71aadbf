/**
 * Seeded synthetic OHLCV sample data (pure core: no DOM, no I/O, no clock). The model is described in
 * generate.ts and docs/sample-data.md.
 *
 *   sampleInstruments()        catalogue of built-in fictional instruments
 *   generateSample(id)         bars of one of them (same id → same bits)
 *   generateOhlcv(params, seed) bars for any parameter set
 *   simulateSampleUniverse()   the 24-member sample universe (market + sector factors, a crash, trends, a pair)
 */
export { generateSample, sampleInstruments, sampleParams, simulateSample } from './catalogue';
export { generateOhlcv, simulate } from './generate';
export { barsPerYear, buildCalendar, calendarInterval, SessionBreak } from './calendar';
export { validateParams } from './params';
export { SAMPLE_UNIVERSE_SEED, sampleUniverseMembers, sampleUniverseParams, simulateSampleUniverse } from './universe-catalogue';
export { simulateUniverse } from './universe';
export type { UniverseMember, UniverseMemberParams, UniverseParams, UniverseSectorParams, UniverseSimulation, CrashParams } from './universe-types';
export { Regime } from './types';
export type {
  CalendarKind,
  GapParams,
  GarchParams,
  GeneratorParams,
  InstrumentDescriptor,
  OhlcvTable,
  RegimeParams,
  SampleInterval,
  SampleSimulation,
  VolumeParams,
} from './types';
export type { CalendarSeries } from './calendar';
