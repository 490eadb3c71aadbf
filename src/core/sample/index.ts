/**
 * Seeded synthetic OHLCV sample data (pure core: no DOM, no I/O, no clock). The model is described in
 * generate.ts and docs/sample-data.md.
 *
 *   sampleInstruments()        catalogue of built-in fictional instruments
 *   generateSample(id)         bars of one of them (same id → same bits)
 *   generateOhlcv(params, seed) bars for any parameter set
 */
export { generateSample, sampleInstruments, sampleParams, simulateSample } from './catalogue';
export { generateOhlcv, simulate } from './generate';
export { barsPerYear, buildCalendar, calendarInterval, SessionBreak } from './calendar';
export { validateParams } from './params';
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
