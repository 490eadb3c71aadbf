export { SWEEP_LIMITS, isRangeStep, type ParamRange, type RangeStep, type SweepProblem, type SweepSearch, type SweepSpec } from './spec';
export { parseValueList, rangeValues } from './ranges';
export { combinationRules, type CombinationRule } from './rules';
export { combinationParams, planSweep, type PlanOutcome, type SweepPlan } from './plan';
export { ChunkQueue, chunkSize, DEFAULT_CHUNK_POLICY, type ChunkPolicy, type ChunkRange } from './chunks';
export { SweepResults, SWEEP_STATS_WIDTH, type BestRun, type CombinationFailure } from './results';
export { metricGoal, type MetricGoal } from './metric-goals';
export {
  deflateSelection,
  deflatedSharpeOfBest,
  sweepTrials,
  type DeflatedSharpe,
  type SelectionInput,
  type SweepTrialSummary,
} from './multiple-testing';
export { sweepCsv } from './csv';
export { planChunk, type ChunkOutcome, type SweepChunk } from './job';
export { planGrid, type GridPlan } from './plan';
export type { LabSweepPlan, LabSweepSpec } from './lab-spec';
export { labExperimentSpec, planLabSweep, type LabPlanOutcome } from './lab-plan';
export { compatExperimentSpec } from './compat-experiment-spec';
export { LAB_SWEEP_EXTRA_KEYS, planLabChunk, type LabSweepChunk } from './lab-job';
export { packTimeline, unpackTimeline } from './lab-timeline-pack';
