/**
 * Phase 2 of a portfolio run: at each rebalance bar b, the strategy's latest raw targets (its row at or before b)
 * become optimized weights.
 *
 *   selection  the instruments with a non-zero raw target (in universe order)
 *   risk       the risk model on the `lookback` simple returns of their closes at bars b − lookback … b — data
 *              revealed by the close of b, never later — annualised × 252, expected returns = mean × 252 (the
 *              convention of `quantlab portfolio weights`, so both give the same bits on the same window)
 *   optimize   the optimizer with the constraints, on the selection
 *   scale      optimized weights × the raw gross Σ|raw|: the strategy decides how much to invest, the optimizer how
 *              to split it. The optimizers are long-only budget allocators, so a selection holding a short is
 *              refused (only `pass-through` keeps signed raw targets, copying them unchanged).
 *
 * Any PortfolioError becomes a PortfolioConstructionError naming the optimizer, the constraint and the date.
 */
import { returnsFromCloses, columnMeans } from '../risk/returns-matrix';
import { ANNUALISATION, estimateCovariance, type RiskModel } from '../risk/risk-model';
import { OPTIMIZERS } from './optimizers';
import type { OptimizerInput, PortfolioGroup } from './optimizer';
import { PortfolioError } from './portfolio-error';
import type { RawTargets } from './raw-targets';
import { scaled } from './square-matrix';

export interface ConstructionConstraints {
  longOnly: boolean;
  minWeight?: number;
  maxWeight?: number;
  gross?: number;
  net?: { min: number; max: number };
  /** Group caps by name: members are instrument names. */
  groups?: Readonly<Record<string, { members: readonly string[]; min?: number; max?: number }>>;
  maxTurnover?: number;
  cashBuffer?: number;
}

export interface ConstructionInput {
  instruments: readonly string[];
  time: Float64Array;
  /** K × T closes, instrument-major (LabTimeline.close). */
  close: Float64Array;
  raw: RawTargets;
  bars: readonly number[];
  optimizer: string;
  params: { riskFree?: number; riskAversion?: number; targetReturn?: number; budgets?: Readonly<Record<string, number>> };
  riskModel: RiskModel;
  lookback: number;
  constraints: ConstructionConstraints;
}

export interface RebalanceDiagnostics {
  bar: number;
  /** Instruments the optimizer saw, in universe order. */
  selection: string[];
  iterations: number;
  /** Annualised variance of the optimizer's (unscaled) weights; NaN when no optimizer ran. */
  variance: number;
  shrinkage: number | null;
  /** HRP: quasi-diagonal order (names) and SciPy-layout linkage rows [a, b, distance, size] (a, b index the selection). */
  leafOrder?: string[];
  linkage?: number[][];
}

export interface ConstructedTargets {
  bars: number[];
  /** Row-major bars.length × K: the raw targets in force at each rebalance bar, and the optimized weights. */
  raw: Float64Array;
  optimized: Float64Array;
  diagnostics: RebalanceDiagnostics[];
}

export class PortfolioConstructionError extends Error {
  override name = 'PortfolioConstructionError';
  constructor(
    readonly optimizer: string,
    readonly date: string,
    readonly constraint: string | undefined,
    message: string,
  ) {
    super(`portfolio construction at ${date}: ${message}${constraint ? ` (constraint ${constraint})` : ''}`);
  }
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function groupsOn(c: ConstructionConstraints, selection: readonly string[]): PortfolioGroup[] | undefined {
  if (c.groups === undefined) return undefined;
  const at = new Map(selection.map((n, i) => [n, i]));
  const out: PortfolioGroup[] = [];
  for (const [name, g] of Object.entries(c.groups)) {
    const members = g.members.flatMap((m) => (at.has(m) ? [at.get(m) as number] : []));
    if (members.length > 0) out.push({ name, members, min: g.min, max: g.max });
  }
  return out;
}

export function constructTargets(input: ConstructionInput): ConstructedTargets {
  const { instruments, time, close, raw, bars, optimizer: name, constraints: c } = input;
  const K = instruments.length;
  const T = time.length;
  const J = bars.length;
  const rawOut = new Float64Array(J * K);
  const out = new Float64Array(J * K);
  const diagnostics: RebalanceDiagnostics[] = [];
  const optimizer = OPTIMIZERS[name];
  let r = -1;
  for (let j = 0; j < J; j++) {
    const b = bars[j];
    while (r + 1 < raw.bars.length && raw.bars[r + 1] <= b) r++;
    if (r < 0) throw new RangeError(`rebalance bar ${b} comes before the strategy's first target`);
    const row = raw.weights.subarray(r * K, r * K + K);
    rawOut.set(row, j * K);
    const date = isoDate(time[b]);
    const index: number[] = [];
    let gross = 0;
    for (let k = 0; k < K; k++) {
      if (row[k] === 0) continue;
      index.push(k);
      gross += Math.abs(row[k]);
    }
    const selection = index.map((k) => instruments[k]);
    const diag: RebalanceDiagnostics = { bar: b, selection, iterations: 0, variance: NaN, shrinkage: null };
    diagnostics.push(diag);
    if (index.length === 0) continue;
    if (name === 'pass-through') {
      out.set(row, j * K);
      continue;
    }
    try {
      const shorts = index.filter((k) => row[k] < 0).map((k) => instruments[k]);
      if (shorts.length > 0)
        throw new PortfolioError(
          name,
          'bad-input',
          `the raw targets hold shorts (${shorts.join(', ')}); ${name} allocates a long-only budget`,
          'long-only selection',
        );
      if (b < input.lookback)
        throw new PortfolioError(
          name,
          'bad-input',
          `a ${input.lookback}-return lookback needs ${input.lookback + 1} bars up to here, the timeline has ${b + 1}`,
          'lookback',
        );
      const from = b - input.lookback;
      const closes = index.map((k) => {
        const series = close.subarray(k * T + from, k * T + b + 1);
        const gap = series.findIndex((x) => Number.isNaN(x));
        if (gap >= 0)
          throw new PortfolioError(
            name,
            'bad-input',
            `${instruments[k]} has no bar at ${isoDate(time[from + gap])}, inside the lookback window`,
            'lookback',
          );
        return series;
      });
      const returns = returnsFromCloses(closes, 0, input.lookback + 1);
      const estimate = estimateCovariance(returns, input.riskModel);
      const cov = scaled(estimate.daily, ANNUALISATION);
      const n = index.length;
      const p = input.params;
      const opt: OptimizerInput = {
        cov,
        expectedReturns: columnMeans(returns).map((m) => m * ANNUALISATION),
        longOnly: c.longOnly,
        maxWeight: c.maxWeight,
        riskFree: p.riskFree,
        riskAversion: p.riskAversion,
        targetReturn: p.targetReturn,
        budgets: p.budgets === undefined ? undefined : Float64Array.from(selection, (s) => p.budgets?.[s] ?? 1),
        gross: c.gross,
        net: c.net,
        groups: groupsOn(c, selection),
        cashBuffer: c.cashBuffer,
      };
      if (c.minWeight !== undefined)
        opt.bounds = { lower: new Float64Array(n).fill(c.minWeight), upper: new Float64Array(n).fill(c.maxWeight ?? Infinity) };
      if (c.maxTurnover !== undefined && j > 0) {
        // The previous rebalance's weights on this selection, on the optimizer's scale (they are multiplied by gross).
        const prev = out.subarray((j - 1) * K, j * K);
        opt.turnover = { previous: Float64Array.from(index, (k) => prev[k] / gross), max: c.maxTurnover };
      }
      const result = optimizer.optimize(opt);
      index.forEach((k, i) => (out[j * K + k] = result.weights[i] * gross));
      diag.iterations = result.diagnostics.iterations;
      diag.variance = result.diagnostics.variance;
      diag.shrinkage = estimate.shrinkage;
      if (result.diagnostics.leafOrder) diag.leafOrder = result.diagnostics.leafOrder.map((i) => selection[i]);
      if (result.diagnostics.linkage) diag.linkage = result.diagnostics.linkage.map((l) => [...l]);
    } catch (e) {
      if (e instanceof PortfolioError)
        throw new PortfolioConstructionError(name, date, e.constraint ?? (e.rule === 'not-converged' ? undefined : e.rule), e.message);
      throw e;
    }
  }
  return { bars: [...bars], raw: rawOut, optimized: out, diagnostics };
}
