/**
 * The "new experiment" form: text fields as typed, turned into spec JSON and checked by the spec's own schema
 * (checkSpec), so the form and the CLI refuse the same things with the same words. Each problem's JSON path
 * (`spec.params.fast`, `spec.costs.commission.relative`) names the field it is shown under.
 *
 * Two profiles: one instrument on the backtesting.py profile (version 1), or a universe on the lab engine
 * (version 2; lab-form-state.svelte.ts, inputs from the universe picker).
 */
import { checkSpec, type SpecProblem } from '../../core/experiments/spec-problems';
import { isLabSpec, isSqlSignalSpec, type ExperimentSpec } from '../../core/experiments/spec';
import { SQL_SIGNAL_EXAMPLE, SQL_SIGNAL_STRATEGY } from '../../core/experiments/sql-signal';
import { findStrategy, strategyIds } from '../../core/strategies/registry';
import { defined, LabFormFields, numeric, type FormUniverseInput } from './lab-form-state.svelte';

export type { FormUniverseInput };
export type FormProfile = 'backtesting.py' | 'lab';

/** What the form needs to know of an input it offers. */
export interface FormInput {
  id: string;
  name: string;
  contentHash: string;
}

/** Starting values of the built-in strategies' parameters (the registry has defaults for some, not all). */
const STARTING_PARAMS: Record<string, Record<string, string>> = {
  'sma-cross': { fast: '10', slow: '20' },
  momentum: { lookback: '20' },
  'mean-reversion': { window: '20' },
};

function startingParams(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    strategyIds().map((id) => [
      id,
      Object.fromEntries(
        findStrategy(id).params.map((p) => [p.name, STARTING_PARAMS[id]?.[p.name] ?? (p.default === undefined ? '' : String(p.default))]),
      ),
    ]),
  );
}

/** The form field a problem belongs to: its JSON path without the `spec.` prefix (inputs collapse to one field). */
export function fieldOf(problem: SpecProblem): string {
  const path = problem.path.replace(/^spec\.?/u, '');
  return path.startsWith('inputs') ? 'inputs' : path;
}

export class ExperimentForm {
  profile = $state<FormProfile>('backtesting.py');
  /** The universe (lab) profile's fields. */
  readonly lab = new LabFormFields();
  inputId = $state('');
  label = $state('');
  strategy = $state('sma-cross');
  params = $state<Record<string, Record<string, string>>>(startingParams());
  sql = $state(SQL_SIGNAL_EXAMPLE);
  cash = $state('10000');
  margin = $state('1');
  commissionFixed = $state('0');
  commissionRelative = $state('0');
  spread = $state('0');
  tradeOnClose = $state(false);
  hedging = $state(false);
  exclusiveOrders = $state(false);
  finalizeTrades = $state(false);
  seed = $state('0');
  /** Set by a submit: from then on every problem shows, not only those of fields already edited. */
  submitted = $state(false);
  touched = $state<Record<string, boolean>>({});
  /** Problems only the store could tell (creating refused the spec), kept while the spec is the one refused. */
  private refused = $state.raw<{ spec: string; problems: Record<string, string> } | null>(null);

  readonly strategies = [...strategyIds(), SQL_SIGNAL_STRATEGY];

  constructor(
    private readonly inputs: () => readonly FormInput[],
    private readonly universe: () => readonly FormUniverseInput[] = () => [],
  ) {}

  input = $derived.by(() => this.inputs().find((i) => i.id === this.inputId) ?? null);
  isLab = $derived(this.profile === 'lab');
  /** The universe picker's selection (the lab profile's inputs). */
  members = $derived.by(() => this.universe());
  isSql = $derived(this.strategy === SQL_SIGNAL_STRATEGY);

  /** The spec JSON the fields describe (before defaults): what "Create" submits. */
  raw = $derived.by((): Record<string, unknown> => {
    if (this.isLab) return this.lab.raw(this.members, this.label);
    const input = this.input;
    const params = this.isSql
      ? { sql: this.sql }
      : defined(Object.fromEntries(Object.entries(this.params[this.strategy] ?? {}).map(([k, v]) => [k, numeric(v)])));
    return defined({
      specVersion: 1,
      profile: 'backtesting.py',
      label: this.label.trim() === '' ? undefined : this.label,
      strategy: this.strategy,
      params,
      inputs: input ? [{ contentHash: input.contentHash, label: input.name }] : [],
      broker: defined({
        cash: numeric(this.cash),
        margin: numeric(this.margin),
        tradeOnClose: this.tradeOnClose,
        hedging: this.hedging,
        exclusiveOrders: this.exclusiveOrders,
        finalizeTrades: this.finalizeTrades,
      }),
      costs: {
        commission: defined({ fixed: numeric(this.commissionFixed), relative: numeric(this.commissionRelative) }),
        spread: numeric(this.spread),
      },
      seed: numeric(this.seed),
    });
  });

  check = $derived(checkSpec(this.raw));

  /** Every problem by field. */
  problems = $derived.by(() => {
    const out: Record<string, string> = {};
    if (!this.check.ok) for (const p of this.check.problems) out[fieldOf(p)] ??= p.message;
    if (this.isLab) {
      if (this.members.length === 0) out.inputs = 'required: choose the universe’s instruments below (or the sample universe)';
    } else if (!this.input)
      out.inputs = this.inputs().length === 0 ? 'import bars first (or wait for the samples)' : 'required: pick the bars to run on';
    const refused = this.refused;
    if (refused && refused.spec === JSON.stringify(this.raw)) for (const [field, message] of Object.entries(refused.problems)) out[field] ??= message;
    return out;
  });

  valid = $derived(this.check.ok && (this.isLab ? this.members.length > 0 : this.input !== null));

  /** Creating refused this spec: its problems show on their fields until the spec changes. */
  refuse(problems: readonly SpecProblem[]): void {
    const byField: Record<string, string> = {};
    for (const p of problems) byField[fieldOf(p)] ??= p.message;
    this.refused = { spec: JSON.stringify(this.raw), problems: byField };
  }

  /** The problem to show under a field: once it was edited, or after a submit. */
  errorOf(field: string): string | undefined {
    return this.submitted || this.touched[field] ? this.problems[field] : undefined;
  }

  touch(field: string): void {
    this.touched[field] = true;
  }

  /** Fills the form from an existing experiment's spec (to change one thing and run it as a new experiment). */
  load(spec: ExperimentSpec, inputId: string | null): void {
    this.label = spec.label ?? '';
    this.submitted = false;
    this.touched = {};
    if (isLabSpec(spec)) {
      // Its universe goes back into the picker (ExperimentsState.duplicate).
      this.profile = 'lab';
      this.lab.load(spec);
      return;
    }
    this.profile = 'backtesting.py';
    this.inputId = inputId ?? '';
    this.strategy = spec.strategy;
    if (isSqlSignalSpec(spec)) this.sql = spec.params.sql;
    else
      this.params[spec.strategy] = Object.fromEntries(
        findStrategy(spec.strategy).params.map((p) => [p.name, spec.params[p.name] === undefined ? '' : String(spec.params[p.name])]),
      );
    this.cash = String(spec.broker.cash);
    this.margin = String(spec.broker.margin);
    this.tradeOnClose = spec.broker.tradeOnClose;
    this.hedging = spec.broker.hedging;
    this.exclusiveOrders = spec.broker.exclusiveOrders;
    this.finalizeTrades = spec.broker.finalizeTrades;
    this.commissionFixed = String(spec.costs.commission.fixed);
    this.commissionRelative = String(spec.costs.commission.relative);
    this.spread = String(spec.costs.spread);
    this.seed = String(spec.seed);
    this.submitted = false;
    this.touched = {};
  }
}
