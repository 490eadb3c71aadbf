import type { OhlcvTable } from '../core/domain/ohlcv-table';
import type { CompatStats } from '../core/stats';
import { findStrategy, labStrategyIds, strategyIds, type ParamSpec, type StrategyProfile } from '../core/strategies/registry';
import {
  combinationParams,
  compatExperimentSpec,
  deflatedSharpeOfBest,
  labExperimentSpec,
  planLabSweep,
  type GridPlan,
  type LabPlanOutcome,
  type LabSweepPlan,
  parseValueList,
  planSweep,
  sweepCsv,
  sweepTrials,
  type BestRun,
  type ParamRange,
  type PlanOutcome,
  type SweepProblem,
  type SweepResults,
  type SweepPlan,
  type SweepSpec,
} from '../core/sweeps';
import type { BacktestingPySpec } from '../core/experiments/spec';
import type { LabSpec } from '../core/experiments/lab-spec';
import { errorMessage } from './error-message';
import { LabConfigState } from './experiments/lab-config-state.svelte';
import type { SweepRow } from './results/run-summary';
import type { LabSweepRunner, SweepUniverse } from '../ports/lab-sweep-runner';
import type { SweepExecution, SweepProgress, SweepRunner } from '../ports/sweep-runner';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface SweepDeps {
  runner: SweepRunner;
  /** Lab-profile sweeps over a universe (the same pool in the browser). */
  labRunner?: LabSweepRunner;
}

/** What a sweep runs on: one instrument (backtesting.py profile) or a universe (lab profile). */
export type SweepSource = 'instrument' | 'universe';

/** An input of a universe sweep, as the universe picker selects it. */
export interface SweepUniverseInput {
  contentHash: string;
  name: string;
}

/** An instrument to sweep on: the artifact id names its bars. */
export interface SweepInstrument {
  id: string;
  name: string;
  /** Of the bars: the input of the experiment a combination opens as. */
  contentHash: string;
  bars: OhlcvTable;
}

/** A combination of the last sweep as the result views take it, with its index. */
export interface SweepResultRow extends SweepRow {
  combination: number;
}

export type ParamMode = 'range' | 'list' | 'fixed' | 'off';

/** One parameter of the form. */
export interface ParamField {
  spec: ParamSpec;
  mode: ParamMode;
  from: number;
  to: number;
  step: number;
  list: string;
  value: number;
}

export interface BrokerCosts {
  cash: number;
  commission: number;
  commissionFixed: number;
  spread: number;
  margin: number;
  exclusiveOrders: boolean;
  tradeOnClose: boolean;
  hedging: boolean;
  finalizeTrades: boolean;
}

/** The multiple-testing footprint of the last sweep. */
export interface MultipleTestingView {
  trials: number;
  bestSharpe: number | null;
  bestCombination: number | null;
  deflatedSharpe: number | null;
  expectedMaxSharpe: number | null;
  periodsPerYear: number | null;
}

/** The last sweep: its plan, where it ran, and its results as they fill in. */
export interface SweepRunView {
  plan: GridPlan;
  /** The instrument, or the universe (its key and "24 instruments"). */
  instrument: { id: string; name: string };
  results: SweepResults;
  /** A universe sweep's plan (null for one instrument). */
  lab: LabSweepPlan | null;
  /** A sweep on one instrument: its plan and the bars' contentHash (null for a universe). */
  compat: { plan: SweepPlan; contentHash: string } | null;
}

/** Statistics the "best per metric" panel lists. */
export const BEST_METRICS: readonly (keyof CompatStats)[] = [
  'sharpe_ratio',
  'sortino_ratio',
  'calmar_ratio',
  'return_pct',
  'cagr_pct',
  'max_drawdown_pct',
  'volatility_ann_pct',
  'profit_factor',
  'sqn',
  'win_rate_pct',
  'expectancy_pct',
  'commissions',
];

/** Starting ranges per parameter: something worth sweeping, not a recommendation. */
const SUGGESTED: Readonly<Record<string, Partial<ParamField>>> = {
  'sma-cross.fast': { mode: 'range', from: 5, to: 50, step: 5 },
  'sma-cross.slow': { mode: 'range', from: 10, to: 200, step: 10 },
  'momentum.lookback': { mode: 'range', from: 5, to: 120, step: 5 },
  'momentum.threshold': { mode: 'list', list: '0, 0.01, 0.02' },
  'mean-reversion.window': { mode: 'range', from: 10, to: 60, step: 10 },
  'mean-reversion.entry_z': { mode: 'list', list: '1.5, 2, 2.5' },
  'mean-reversion.exit_z': { mode: 'list', list: '0, 0.5, 1' },
  'lab:xmom.lookback': { mode: 'list', list: '63, 126, 252' },
  'lab:xmom.top_k': { mode: 'list', list: '2, 3, 4' },
  'lab:pairs.window': { mode: 'list', list: '20, 40, 60' },
  'lab:pairs.entry_z': { mode: 'list', list: '1.5, 2, 2.5' },
};

function defaultFields(strategy: string, profile: StrategyProfile = 'backtesting.py'): ParamField[] {
  const entry = findStrategy(strategy);
  const prefix = profile === 'lab' ? 'lab:' : '';
  return (profile === 'lab' ? entry.lab.params : entry.params).map((spec) => {
    const base = spec.default ?? spec.min ?? (spec.kind === 'fraction' ? 0.05 : 1);
    return {
      spec,
      mode: spec.required || spec.default !== undefined ? 'fixed' : 'off',
      from: base,
      to: base,
      step: spec.kind === 'integer' ? 1 : 0.01,
      list: String(base),
      value: base,
      ...SUGGESTED[`${prefix}${strategy}.${spec.name}`],
    };
  });
}

/** The parameter fields as a sweep's values per parameter, and the problems of fields that are not even numbers. */
function rangesOf(fields: readonly ParamField[]): { params: Record<string, ParamRange>; problems: SweepProblem[] } {
  const params: Record<string, ParamRange> = {};
  const problems: SweepProblem[] = [];
  for (const f of fields) {
    if (f.mode === 'off') continue;
    if (f.mode === 'range') params[f.spec.name] = { from: f.from, to: f.to, step: f.step };
    else if (f.mode === 'fixed') params[f.spec.name] = [f.value];
    else {
      const parsed = parseValueList(f.list);
      if ('problem' in parsed) problems.push({ field: `params.${f.spec.name}`, message: `${f.spec.name}: ${parsed.problem}` });
      else params[f.spec.name] = parsed.values;
    }
  }
  return { params, problems };
}

/** The form as a spec, and the problems of fields that are not even numbers. */
function specOf(
  strategy: string,
  fields: readonly ParamField[],
  mode: 'grid' | 'random',
  count: number,
  seed: number,
  costs: BrokerCosts,
): { spec: SweepSpec; problems: SweepProblem[] } {
  const { params, problems } = rangesOf(fields);
  const spec: SweepSpec = {
    strategy,
    params,
    search: mode === 'grid' ? { mode } : { mode, count, seed },
    options: {
      cash: costs.cash,
      commission: { fixed: costs.commissionFixed, relative: costs.commission },
      spread: costs.spread,
      margin: costs.margin,
      exclusiveOrders: costs.exclusiveOrders,
      tradeOnClose: costs.tradeOnClose,
      hedging: costs.hedging,
      finalizeTrades: costs.finalizeTrades,
    },
  };
  return { spec, problems };
}

/** The best Sharpe ratio so far, while a sweep runs. */
export interface LiveBest {
  combination: number;
  value: number;
  params: Readonly<Record<string, number>>;
}

/**
 * The Sweeps view: the sweep being set up (strategy, parameter values, search, broker), its expansion (the
 * number of runs before anything runs), the running sweep's progress, and the last sweep's results — rows by
 * combination index, best per metric and the multiple-testing footprint. A cancelled sweep keeps its rows.
 */
export class SweepState {
  readonly strategies = strategyIds();
  readonly labStrategies = labStrategyIds();
  source = $state<SweepSource>('instrument');
  labStrategy = $state('xmom');
  labFields = $state<ParamField[]>(defaultFields('xmom', 'lab'));
  /** The lab engine's whole configuration every run of a universe sweep shares (the experiment form's fields). */
  readonly labConfig = new LabConfigState({ cash: 100_000, commissionRelative: 0.001, spread: 0.0005 });
  strategy = $state('sma-cross');
  fields = $state<ParamField[]>(defaultFields('sma-cross'));
  mode = $state<'grid' | 'random'>('grid');
  count = $state(50);
  seed = $state(1);
  costs = $state<BrokerCosts>({
    cash: 10_000,
    commission: 0.002,
    commissionFixed: 0,
    spread: 0,
    margin: 1,
    exclusiveOrders: true,
    tradeOnClose: false,
    hedging: false,
    finalizeTrades: false,
  });

  private readonly form = $derived(specOf(this.strategy, this.fields, this.mode, this.count, this.seed, this.costs));
  /** The form checked and expanded (recomputed as it changes: the count is known before running). */
  readonly outcome: PlanOutcome = $derived.by(() => {
    const { spec, problems } = this.form;
    if (problems.length > 0) return { plan: null, problems };
    return planSweep(spec);
  });

  status = $state<SweepStatus>('idle');
  progress = $state.raw<SweepProgress | null>(null);
  error = $state<string | null>(null);
  run = $state.raw<SweepRunView | null>(null);
  rows = $state.raw<SweepResultRow[]>([]);
  best = $state.raw<BestRun[]>([]);
  testing = $state.raw<MultipleTestingView | null>(null);
  testingError = $state<string | null>(null);
  selected = $state<number | null>(null);
  liveBest = $state.raw<LiveBest | null>(null);
  heatX = $state('fast');
  heatY = $state('slow');
  heatMetric = $state<keyof CompatStats>('sharpe_ratio');

  private execution: SweepExecution | null = null;
  private rowCache: SweepResultRow[] = [];
  private token = 0;

  constructor(private readonly deps: SweepDeps) {}

  get workers(): number {
    return this.deps.runner.size;
  }

  get labWorkers(): number {
    return this.deps.labRunner?.size ?? 0;
  }

  setStrategy(id: string): void {
    this.strategy = id;
    this.fields = defaultFields(id);
  }

  setLabStrategy(id: string): void {
    this.labStrategy = id;
    this.labFields = defaultFields(id, 'lab');
  }

  /**
   * The universe form checked and expanded over `inputs` (the picker's selection): the number of runs before
   * anything runs, or every problem with its field.
   */
  planLab(inputs: readonly SweepUniverseInput[]): LabPlanOutcome {
    const { params, problems } = rangesOf(this.labFields);
    if (problems.length > 0) return { plan: null, problems };
    if (inputs.length === 0) return { plan: null, problems: [{ field: 'inputs', message: 'pick the instruments of the universe' }] };
    return planLabSweep({
      strategy: this.labStrategy,
      params,
      search: this.mode === 'grid' ? { mode: 'grid' } : { mode: 'random', count: this.count, seed: this.seed },
      inputs: inputs.map((i) => ({ contentHash: i.contentHash, name: i.name })),
      config: this.labConfig.json(),
    });
  }

  /**
   * Runs a universe sweep: `universe` gives the aligned timeline (loaded and aligned once, then sent once to each
   * worker). A cancelled sweep keeps the rows it finished.
   */
  async startLab(plan: LabSweepPlan, universe: () => Promise<SweepUniverse>): Promise<void> {
    const runner = this.deps.labRunner;
    if (!runner || this.status === 'running') return;
    const token = this.begin(plan);
    let execution: SweepExecution | null = null;
    let loaded: SweepUniverse;
    try {
      loaded = await universe();
      if (token !== this.token) return;
      execution = runner.startLab(plan, loaded, (p) => this.onProgress(token, plan, execution, p));
    } catch (e) {
      if (token !== this.token) return;
      this.status = 'failed';
      this.error = errorMessage(e);
      return;
    }
    this.execution = execution;
    this.run = {
      plan,
      instrument: { id: loaded.key, name: `${plan.inputs.length} instruments` },
      results: execution.results,
      lab: plan,
      compat: null,
    };
    const end = await this.finish(token, execution);
    if (!end) return;
    await this.measure(token, execution.results, loaded.timeline.time, (c) => runner.labNav(plan, c, loaded));
  }

  /** Runs the sweep of the form on `instrument`. */
  async start(instrument: SweepInstrument): Promise<void> {
    const plan = this.outcome.plan;
    if (!plan || this.status === 'running') return;
    const token = this.begin(plan);
    const bars = { key: instrument.id, table: instrument.bars };
    let execution: SweepExecution | null = null;
    try {
      execution = this.deps.runner.start(plan, bars, (p) => this.onProgress(token, plan, execution, p));
    } catch (e) {
      this.status = 'failed';
      this.error = errorMessage(e);
      return;
    }
    this.execution = execution;
    this.run = {
      plan,
      instrument: { id: instrument.id, name: instrument.name },
      results: execution.results,
      lab: null,
      compat: { plan, contentHash: instrument.contentHash },
    };
    const end = await this.finish(token, execution);
    if (!end) return;
    await this.measure(token, execution.results, bars.table.timestamp, (c) => this.deps.runner.equity(plan, c, bars));
  }

  /** A new sweep: everything of the last one is cleared. */
  private begin(plan: GridPlan): number {
    const token = ++this.token;
    this.status = 'running';
    this.error = null;
    this.testing = null;
    this.testingError = null;
    this.best = [];
    this.selected = null;
    this.rowCache = [];
    this.rows = [];
    this.liveBest = null;
    this.progress = null;
    [this.heatX, this.heatY] = [plan.varied[0] ?? plan.paramNames[0], plan.varied[1] ?? plan.varied[0] ?? plan.paramNames[0]];
    this.heatMetric = 'sharpe_ratio';
    return token;
  }

  private onProgress(token: number, plan: GridPlan, execution: SweepExecution | null, p: SweepProgress): void {
    if (token !== this.token) return;
    this.progress = p;
    // The table, heatmap and best runs are built once the sweep ends (rendering thousands of rows per chunk
    // would hold the page, and with it the hand-out of chunks); meanwhile only the best Sharpe so far.
    const best = execution?.results.best('sharpe_ratio');
    if (best && best.combination !== this.liveBest?.combination) {
      this.liveBest = {
        combination: best.combination,
        value: best.value,
        params: combinationParams(plan.paramNames, plan.values, best.combination),
      };
    }
  }

  /** The end of a sweep: rows, best runs, status; false when another sweep has started meanwhile. */
  private async finish(token: number, execution: SweepExecution): Promise<boolean> {
    const end = await execution.finished;
    if (token !== this.token) return false;
    this.execution = null;
    this.progress = end.progress;
    this.publishRows();
    this.best = execution.results.bestPerMetric(BEST_METRICS);
    this.error = end.error;
    this.status = end.status;
    return true;
  }

  cancel(): void {
    this.execution?.cancel();
  }

  /** The completed rows of the last sweep as CSV (full precision). */
  csv(): string {
    const run = this.run;
    return run ? sweepCsv(run.plan.paramNames, run.plan.values, run.results) : '';
  }

  /**
   * The experiment spec that runs combination `c` of the last sweep alone — version 2 for a universe, version 1 for
   * one instrument — whose statistics are the row's; null when the combination did not complete.
   */
  experimentSpecOf(c: number): BacktestingPySpec | LabSpec | null {
    const run = this.run;
    if (!run || !run.results.isCompleted(c)) return null;
    if (run.lab) return labExperimentSpec(run.lab, c);
    return run.compat ? compatExperimentSpec(run.compat.plan, c, { contentHash: run.compat.contentHash, label: run.instrument.name }) : null;
  }

  /** Row of combination `c` of the last sweep, when it completed. */
  rowOf(c: number | null): SweepResultRow | null {
    if (c === null) return null;
    return this.rowCache[c] ?? null;
  }

  private publishRows(): void {
    const run = this.run;
    if (!run) return;
    const { plan, results } = run;
    const out: SweepResultRow[] = [];
    for (let c = 0; c < results.count; c++) {
      if (!results.isCompleted(c)) continue;
      let row = this.rowCache[c];
      if (!row) {
        row = { combination: c, params: combinationParams(plan.paramNames, plan.values, c), stats: results.statsOf(c) };
        if (results.extraKeys.length > 0) row.extra = results.extraOf(c);
        this.rowCache[c] = row;
      }
      out.push(row);
    }
    this.rows = out;
  }

  /** Trials, best Sharpe and the deflated Sharpe ratio of the best run (its equity curve run once more). */
  private async measure(token: number, results: SweepResults, time: Float64Array, equityOf: (c: number) => Promise<Float64Array>): Promise<void> {
    const trials = sweepTrials(results);
    if (trials.trials === 0 || trials.bestCombination === null) return;
    try {
      const equity = await equityOf(trials.bestCombination);
      if (token !== this.token) return;
      const dsr = deflatedSharpeOfBest({ equity, time }, trials);
      this.testing = { trials: trials.trials, bestSharpe: trials.bestSharpe, bestCombination: trials.bestCombination, ...dsr };
    } catch (e) {
      if (token !== this.token) return;
      this.testing = {
        trials: trials.trials,
        bestSharpe: trials.bestSharpe,
        bestCombination: trials.bestCombination,
        deflatedSharpe: null,
        expectedMaxSharpe: null,
        periodsPerYear: null,
      };
      this.testingError = errorMessage(e);
    }
  }
}
