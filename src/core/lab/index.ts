export * from './codes';
export * from './errors';
export { type LabTimeline, validateTimeline, cell, timelineLength } from './timeline';
export { alignTables, type NamedOhlcv } from './align';
export { resolveLabConfig, describeLabConfig, type LabConfig, type LabConfigInput } from './config';
export type { ExitRules, OrderRequest, TimeInForceInput } from './order-request';
export type { Strategy, LabInitContext, LabBarContext, RevealedData, BarField } from './strategy';
export type { RebalanceInput, ScheduledEntry } from './schedule';
export { rebalanceDeltas, wholeLots, lotsFromUnits, utcDayEnd } from './sizing';
export { stopComesFirst } from './bracket-rule';
export { TargetPositions } from './target-positions';
export { runLab, prepareLabRun, driveLab, type LabSources, type LabStageProbe, type PreparedLabRun } from './run';
export type { LabCore } from './lab-core';
export type { OrderFields } from './order-book';
export {
  LAB_RULES_VERSION,
  collectResult,
  type LabImplementation,
  type LabRunState,
  type LabResult,
  type LabFills,
  type LabTrades,
  type LabOrders,
  type LabOpenTrades,
  type LabRunMeta,
  type LabLimitOrders,
  type LabLimitEvents,
} from './result';
export { LabEngine } from './engine';
export * from './strategies';
export { resolveLabLimits, type LabLimits, type LabLimitsInput } from './limits';
