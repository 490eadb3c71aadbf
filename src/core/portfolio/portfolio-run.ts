/**
 * A portfolio run of a version-2 spec, as pure steps around the engine run (docs/portfolio.md "Portfolio runs"):
 *
 *   plan     phase 1, the strategy's raw targets (raw-targets.ts); phase 2, the rebalance bars
 *            (rebalance-schedule.ts) and the optimized weights (construct-targets.ts); phase 3's input: the
 *            built-in `scheduled-targets` over that schedule and the spec's config with `risk.limits` as its limits
 *   measure  after the run: rolling VaR/ES of its NAV and the stress table at the last rebalance
 */
import type { LabSpec } from '../experiments/lab-spec';
import { RiskSpecSchema, type RiskSpec } from '../experiments/portfolio-spec';
import type { LabConfigInput } from '../lab/config';
import { labStrategy, type LabBuiltinSpec } from '../lab/strategies/builtin';
import type { LabTimeline } from '../lab/timeline';
import { rollingVar, type RollingVarRow } from '../risk/rolling-var';
import type { RiskModel } from '../risk/risk-model';
import { stressTable, type StressRow } from '../risk/stress-scenarios';
import { constructTargets, type ConstructedTargets } from './construct-targets';
import { recordRawTargets } from './raw-targets';
import { rebalanceBars } from './rebalance-schedule';

export interface PortfolioPlan {
  /** What the engine runs. */
  strategy: LabBuiltinSpec;
  config: LabConfigInput;
  /** The schedule (absent without a `portfolio` block: the strategy trades directly). */
  constructed?: ConstructedTargets;
}

/** The engine config of the spec, with `risk.limits` as the engine's limits when given. */
function configOf(spec: LabSpec): LabConfigInput {
  const config = spec.config as LabConfigInput;
  return spec.risk?.limits === undefined ? config : { ...config, limits: spec.risk.limits };
}

function lotSizes(config: LabConfigInput, K: number): Float64Array {
  const lots = config.lotSize ?? 1;
  return typeof lots === 'number' ? new Float64Array(K).fill(lots) : Float64Array.from(lots);
}

/** `strategy` is the spec's strategy as the registry builds it (entry.lab.spec(params)). */
export function planPortfolioRun(spec: LabSpec, timeline: LabTimeline, strategy: LabBuiltinSpec): PortfolioPlan {
  const config = configOf(spec);
  const p = spec.portfolio;
  if (p === undefined) return { strategy, config };
  const K = timeline.instruments.length;
  const raw = recordRawTargets(timeline, labStrategy(strategy), spec.config.cash, lotSizes(config, K));
  const bars = rebalanceBars(p.rebalance, timeline.time, raw.bars);
  const riskModel: RiskModel = p.riskModel.name === 'ewma' ? { kind: 'ewma', lambda: p.riskModel.lambda } : { kind: p.riskModel.name };
  const constructed = constructTargets({
    instruments: timeline.instruments,
    time: timeline.time,
    close: timeline.close,
    raw,
    bars,
    optimizer: p.optimizer.name,
    params: p.optimizer.params,
    riskModel,
    lookback: p.riskModel.lookback,
    constraints: p.constraints,
  });
  const drift = p.rebalance.rule === 'drift' ? p.rebalance.threshold : 0;
  return {
    strategy: { name: 'scheduled-targets', params: { bars: constructed.bars, weights: constructed.optimized, drift, minTrade: p.minTrade } },
    config,
    constructed,
  };
}

export interface PortfolioMeasures {
  risk: RollingVarRow[];
  /** Absent without a portfolio (nothing to stress). */
  stress?: StressRow[];
}

/** Rolling VaR/ES of the run's NAV and, for a portfolio, the stress table at the last rebalance (value: the final NAV). */
export function measurePortfolioRun(
  spec: LabSpec,
  timeline: LabTimeline,
  nav: Float64Array,
  constructed: ConstructedTargets | undefined,
): PortfolioMeasures {
  const risk: RiskSpec = spec.risk ?? RiskSpecSchema.parse({});
  const rows = rollingVar({ nav, window: risk.var.window, levels: risk.var.levels, horizons: risk.var.horizons, method: risk.var.method });
  if (constructed === undefined) return { risk: rows };
  const K = timeline.instruments.length;
  const J = constructed.bars.length;
  const last = (m: Float64Array) => (J === 0 ? new Float64Array(K) : m.slice((J - 1) * K, J * K));
  const stress = stressTable({
    instruments: timeline.instruments,
    time: timeline.time,
    close: timeline.close,
    optimized: last(constructed.optimized),
    raw: last(constructed.raw),
    value: nav.length > 0 ? nav[nav.length - 1] : spec.config.cash,
    scenarios: risk.scenarios,
  });
  return { risk: rows, stress };
}
