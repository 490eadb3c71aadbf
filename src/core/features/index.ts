// Features and labels computed in bulk from bars: pure functions over Float64Arrays, one family per file.
export { simpleReturns, logReturns } from './returns';
export { sma, ema } from './moving-average';
export { ewmMean, ewmVar, ewmStd, ewmAlpha, type EwmDecay, type EwmOptions } from './ewm';
export { rollingMoments, type RollingMoments } from './rolling-moments';
export { rollingVolatility, ewmVolatility } from './volatility';
export { rollingZScore } from './zscore';
export { rollingCorrelation, rollingBeta } from './correlation';
export { rsi } from './rsi';
export { momentumAt, crossSectionalMomentum, type MomentumInput, type MomentumEntry } from './momentum';
export { olsFit, pairsAt, rollingHedge, type OlsFit, type PairsWindow, type PairsOptions, type RollingHedge } from './pairs';
export { everyNBars } from './sampling';
export { cusumEvents, type CusumThreshold } from './cusum';
export {
  tripleBarrierLabels,
  type TripleBarrierOptions,
  type TripleBarrierResult,
  type BarrierEvent,
  type SkippedEvent,
  type Touch,
} from './triple-barrier';
export { metaLabels, sidesFromSignal, type MetaLabelEvent, type MetaLabelResult } from './meta-labels';
