/**
 * The Experiments view's state: the tracked experiments of this browser (IndexedDB), the "new experiment" form,
 * executions under way in this tab (stage, cancel), the selected experiment's results read back from its
 * artifacts, and a comparison of several. Execution is the shared handler (src/handlers/execute-experiment.ts)
 * over the browser ports that main.ts wires in; nothing here touches a platform API.
 *
 * Sessions: this tab is one session (a Web Lock held for its life). At start, and while some other session's
 * attempt looks queued or running, attempts whose session lock is gone are marked interrupted — a reload during a
 * run shows `interrupted`, never a run that will not finish.
 */
import type { ArtifactRecord } from '../core/artifacts/record';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { SpecValidationError } from '../core/experiments/errors';
import { compareExperiments } from '../core/experiments/filter';
import { LAB_RESULT_ROLES, RESULT_ROLES, type ExperimentRecord, type LabResultRole } from '../core/experiments/record';
import { isLabSpec } from '../core/experiments/spec';
import { checkSignalRows } from '../core/experiments/sql-signal';
import type { ExperimentStatus } from '../core/experiments/status';
import type { ArtifactProjections } from '../handlers/artifact-projections';
import type { ExecuteExperimentDeps, ExecuteStage } from '../handlers/execute-experiment';
import { createExperiment } from '../handlers/experiments/create-experiment';
import type { ExperimentResultData } from '../handlers/experiments/read-results';
import type { LabResultData } from '../handlers/experiments/read-lab-results';
import type { CanonicalParquetWriter } from '../ports/canonical-parquet-writer';
import type { ArtifactStore, Clock } from '../ports/artifact-store';
import type { CompatRunner } from '../ports/compat-runner';
import type { LabRunner } from '../ports/lab-runner';
import type { ExperimentTracker } from '../ports/experiment-tracker';
import type { ParquetCodec } from '../ports/parquet-codec';
import type { SignalEvaluator } from '../ports/signal-evaluator';
import { errorMessage } from './error-message';
import { ExperimentForm, type FormInput, type FormUniverseInput } from './experiments/form-state.svelte';
import { experimentTitle, stagesOf } from './experiments/experiment-text';
import type { ComparisonRun } from './results/run-summary';
import { exportBundle } from '../handlers/export-bundle';

/** This tab as a session of the tracker (src/adapters/browser/tab-session.ts). */
export interface ExperimentSession {
  readonly id: string;
  liveSessions(): Promise<(session: string) => boolean>;
}

/** What the experiments need from the platform; main.ts supplies browser adapters. */
export interface ExperimentsDeps {
  openTracker(): Promise<ExperimentTracker>;
  /** The engine worker as a CompatRunner (its build hash computed from the bytes it compiled). */
  startRunner(): Promise<CompatRunner>;
  /** The engine worker's lab-profile runner (version-2, universe experiments); without it they fail saying so. */
  startLabRunner?(): Promise<LabRunner>;
  startSession(): Promise<ExperimentSession>;
  /** SQL signals run in DuckDB over the inputs' projections. */
  signals(projections: ArtifactProjections): SignalEvaluator;
  parquet: CanonicalParquetWriter & Pick<ParquetCodec, 'toArrowIpc'>;
  clock: Clock;
  appVersion: string;
  /** Puts text on the clipboard. */
  copyText(text: string): Promise<void>;
  /** Offers bytes to the user as a file download. */
  saveFile(name: string, bytes: Uint8Array): void;
}

/** What the lab hands over once its store is open. */
export interface ExperimentsHost {
  store: ArtifactStore;
  projections: ArtifactProjections;
  /** The ohlcv artifacts, as the instrument list names them. */
  inputs(): readonly (FormInput & { record: ArtifactRecord })[];
  /** The instrument selected in the side panel (the form's default input). */
  selectedInput(): string | null;
  /** The universe picker's selection: the inputs of a version-2 (lab profile) experiment made in the form. */
  universe?(): readonly FormUniverseInput[];
  /** Puts these stored inputs (by contentHash, in order) into the universe picker; returns how many were found. */
  chooseUniverse?(contentHashes: readonly string[]): number;
  /** Results were stored: read the artifact lists again and tell other tabs. */
  artifactsChanged(): Promise<void>;
  /** Opens the Artifacts view on one artifact (its details and lineage). */
  showArtifact(id: string): void;
}

export type ExperimentsPane = 'create' | 'detail' | 'compare';

export interface ActiveRun {
  stage: ExecuteStage;
  stages: ExecuteStage[];
  /** Epoch ms (display only). */
  startedAt: number;
  cancelling: boolean;
}

export interface ResultView {
  id: string;
  resultHash: string;
  data: ExperimentResultData | null;
  /** A version-2 (lab profile) run's eight tables read back (null for version 1, and while reading). */
  lab: LabResultData | null;
  bars: OhlcvTable | null;
  input: ArtifactRecord | null;
  /** The result artifacts' records as the store holds them (their `inputs` are the lineage). */
  artifacts: Partial<Record<LabResultRole, ArtifactRecord>>;
  loading: boolean;
  error: string | null;
}

export interface ComparisonState {
  ids: string[];
  runs: ComparisonRun[];
  loading: boolean;
  error: string | null;
}

export interface SignalTest {
  loading: boolean;
  message: string | null;
  ok: boolean;
  rows?: number;
  long?: number;
  short?: number;
  flat?: number;
}

export interface ExperimentFilterForm {
  status: ExperimentStatus | '';
  strategy: string;
  text: string;
}

const SWEEP_MS = 4000;

export class ExperimentsState {
  ready = $state(false);
  bootError = $state<string | null>(null);
  records = $state.raw<ExperimentRecord[]>([]);
  filter = $state<ExperimentFilterForm>({ status: '', strategy: '', text: '' });
  pane = $state<ExperimentsPane>('create');
  selectedId = $state<string | null>(null);
  /** Executions under way in this tab, by experiment id. */
  active = $state<Record<string, ActiveRun>>({});
  /** Why the last create, execute or copy failed (validation problems show on the form instead). */
  actionError = $state<string | null>(null);
  notice = $state<string | null>(null);
  result = $state.raw<ResultView | null>(null);
  compareIds = $state<string[]>([]);
  comparison = $state.raw<ComparisonState | null>(null);
  signalTest = $state.raw<SignalTest | null>(null);
  /** The last experiment that finished in this tab, and its resultHash. */
  lastFinished = $state.raw<{ id: string; status: ExperimentStatus; resultHash: string | null } | null>(null);

  readonly form: ExperimentForm;

  filtered = $derived.by(() => {
    const { status, strategy, text } = this.filter;
    const needle = text.trim().toLowerCase();
    return this.records
      .filter((r) => (status === '' || r.status === status) && (strategy === '' || r.spec.strategy === strategy))
      .filter((r) => needle === '' || `${r.id} ${experimentTitle(r)} ${r.results?.resultHash ?? ''}`.toLowerCase().includes(needle))
      .reverse();
  });
  selected = $derived(this.records.find((r) => r.id === this.selectedId) ?? null);
  counts = $derived.by(() => {
    const out: Partial<Record<ExperimentStatus, number>> = {};
    for (const r of this.records) out[r.status] = (out[r.status] ?? 0) + 1;
    return out;
  });

  private tracker: ExperimentTracker | null = null;
  private trackerOpening: Promise<ExperimentTracker> | null = null;
  private runner: Promise<CompatRunner> | null = null;
  private labRunner: Promise<LabRunner> | null = null;
  private session: ExperimentSession | null = null;
  private host: ExperimentsHost | null = null;
  private signals: SignalEvaluator | null = null;
  private readonly controllers = new Map<string, AbortController>();
  private resultToken = 0;
  private compareToken = 0;
  private sweepTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: ExperimentsDeps) {
    this.form = new ExperimentForm(
      () => this.host?.inputs() ?? [],
      () => this.host?.universe?.() ?? [],
    );
  }

  /** The artifact store runs read from and publish to (null until the lab has opened it). */
  get artifactStore(): ArtifactStore | null {
    return this.host?.store ?? null;
  }

  /** SQL signals over the lab's projections (run links re-run SQL-signal specs with them); null until started. */
  get sqlSignals(): SignalEvaluator | null {
    return this.signals;
  }

  /**
   * The tracker's one connection, opened by the first caller (start, or an artifact delete that comes first and
   * consults it); a failed opening is retried by the next caller.
   */
  openTracker(): Promise<ExperimentTracker> {
    if (!this.trackerOpening) {
      const opening = this.deps.openTracker();
      opening.catch(() => {
        if (this.trackerOpening === opening) this.trackerOpening = null;
      });
      this.trackerOpening = opening;
    }
    return this.trackerOpening;
  }

  /** Opens the tracker and this tab's session, interrupts attempts of sessions that are gone, lists experiments. */
  async start(host: ExperimentsHost): Promise<void> {
    this.host = host;
    try {
      this.signals = this.deps.signals(host.projections);
      // The engine may still be loading: executions wait for it, the list does not.
      this.runner = this.deps.startRunner();
      this.runner.catch(() => undefined);
      this.labRunner = this.deps.startLabRunner?.() ?? null;
      this.labRunner?.catch(() => undefined);
      const [tracker, session] = await Promise.all([this.openTracker(), this.deps.startSession()]);
      this.tracker = tracker;
      this.session = session;
      const interrupted = await this.sweepInterrupted();
      if (interrupted.length > 0) {
        this.notice = `${interrupted.length === 1 ? 'One experiment was' : `${interrupted.length} experiments were`} running when the lab was last closed or reloaded: marked interrupted (run again to finish).`;
      }
      await this.refresh();
      this.defaultInput();
      this.ready = true;
    } catch (e) {
      this.bootError = errorMessage(e);
    }
  }

  private defaultInput(): void {
    if (this.form.inputId && this.host?.inputs().some((i) => i.id === this.form.inputId)) return;
    this.form.inputId = this.host?.selectedInput() ?? this.host?.inputs()[0]?.id ?? '';
  }

  /** Interrupts queued/running attempts whose session (tab) is gone; returns them. */
  private async sweepInterrupted(): Promise<ExperimentRecord[]> {
    if (!this.tracker || !this.session) return [];
    const alive = await this.session.liveSessions();
    return this.tracker.markInterrupted({ at: this.deps.clock.now(), sessionAlive: alive });
  }

  /** Reads the experiments again (after a change here or in another tab). */
  async refresh(): Promise<void> {
    if (!this.tracker) return;
    try {
      this.records = (await this.tracker.list()).sort(compareExperiments);
    } catch (e) {
      this.actionError = `could not read the experiments: ${errorMessage(e)}`;
      return;
    }
    this.defaultInput();
    this.watchOthers();
  }

  /** While another session's attempt looks open, look again every few seconds whether that session is alive. */
  private watchOthers(): void {
    const foreign = this.records.some((r) => (r.status === 'queued' || r.status === 'running') && !this.active[r.id]);
    if (foreign && this.sweepTimer === null) {
      this.sweepTimer = setInterval(() => void this.sweepAndRefresh(), SWEEP_MS);
    } else if (!foreign && this.sweepTimer !== null) {
      clearInterval(this.sweepTimer);
      this.sweepTimer = null;
    }
  }

  private async sweepAndRefresh(): Promise<void> {
    try {
      const changed = await this.sweepInterrupted();
      if (changed.length > 0 || this.records.some((r) => r.status === 'queued' || r.status === 'running')) await this.refresh();
    } catch {
      // The next sweep tries again.
    }
  }

  newExperiment(): void {
    this.pane = 'create';
    this.actionError = null;
    this.defaultInput();
  }

  /** Opens the form filled with an experiment's spec, to change something and run it as a new experiment. */
  duplicate(record: ExperimentRecord): void {
    const input = this.host?.inputs().find((i) => i.contentHash === record.spec.inputs[0]?.contentHash);
    this.form.load(record.spec, input?.id ?? null);
    if (isLabSpec(record.spec) && this.host?.chooseUniverse) {
      const found = this.host.chooseUniverse(record.spec.inputs.map((i) => i.contentHash));
      const missing = record.spec.inputs.length - found;
      if (missing > 0)
        this.notice = `${missing} of the universe's ${record.spec.inputs.length} inputs are not stored here: import them, or choose others.`;
    }
    this.signalTest = null;
    this.pane = 'create';
  }

  select(id: string): void {
    this.selectedId = id;
    this.pane = 'detail';
    this.actionError = null;
    const record = this.records.find((r) => r.id === id);
    if (record) void this.loadResults(record);
  }

  /** Validates the form; stores the spec as a draft (or finds the same experiment) and, with `run`, executes it. */
  async submit(run: boolean): Promise<void> {
    const form = this.form;
    form.submitted = true;
    this.actionError = null;
    if (!form.valid || !this.tracker || !this.host) return;
    try {
      const outcome = await createExperiment(
        { tracker: this.tracker, store: this.host.store, clock: this.deps.clock, appVersion: this.deps.appVersion },
        $state.snapshot(form.raw),
      );
      // The next experiment starts from these values, but not with this one's name.
      form.label = '';
      form.submitted = false;
      form.touched = {};
      await this.refresh();
      this.select(outcome.record.id);
      if (!outcome.created) {
        this.notice = `This spec is ${outcome.record.id} (${outcome.record.status}): the same spec on the same inputs is the same experiment.`;
        if (outcome.record.status === 'done' || outcome.record.status === 'running' || outcome.record.status === 'queued') return;
      } else this.notice = null;
      if (run) await this.execute(outcome.record.id);
    } catch (e) {
      if (e instanceof SpecValidationError) {
        // What only the store can tell (a universe's intervals, names, kinds) shows on the fields, as the schema's problems do.
        form.refuse(e.problems);
        this.actionError = `the spec is not valid: ${e.message}`;
      } else this.actionError = errorMessage(e);
    }
  }

  /** Executes an experiment in this tab: stages reported as they start; cancel() aborts it. */
  async execute(id: string): Promise<void> {
    if (this.active[id] || !this.tracker || !this.host || !this.session || !this.runner || !this.signals) return;
    const record = this.records.find((r) => r.id === id);
    const stages = record ? stagesOf(record.spec) : [];
    const controller = new AbortController();
    this.controllers.set(id, controller);
    this.active = { ...this.active, [id]: { stage: 'freezing', stages, startedAt: this.deps.clock.now(), cancelling: false } };
    this.actionError = null;
    if (this.selectedId === id) this.result = null;
    const host = this.host;
    try {
      // Running and reading results (Arrow, Parquet decoding) is code of its own chunk, loaded with the first use.
      const [{ executeExperiment }, { parquetBarsDecoder }] = await Promise.all([
        import('../handlers/execute-experiment'),
        import('../handlers/experiments/parquet-bars-decoder'),
      ]);
      const deps: ExecuteExperimentDeps = {
        store: host.store,
        tracker: this.tracker,
        runner: await this.runner,
        decodeBars: parquetBarsDecoder(this.deps.parquet),
        parquet: this.deps.parquet,
        clock: this.deps.clock,
        appVersion: this.deps.appVersion,
        session: this.session.id,
        signals: this.signals,
        // Only a version-2 spec waits for the lab runner (a version-1 run never needs it).
        ...(record && isLabSpec(record.spec) && this.labRunner ? { lab: await this.labRunner } : {}),
      };
      const outcome = await executeExperiment(deps, id, {
        signal: controller.signal,
        onStage: (stage) => {
          const now = this.active[id];
          if (now) this.active = { ...this.active, [id]: { ...now, stage } };
          if (stage === 'loading') void this.refresh();
        },
      });
      const done = outcome.record;
      this.lastFinished = { id, status: done.status, resultHash: done.results?.resultHash ?? null };
      if (outcome.storedArtifacts > 0) await host.artifactsChanged();
    } catch (e) {
      this.actionError = errorMessage(e);
    } finally {
      this.controllers.delete(id);
      const { [id]: _finished, ...rest } = this.active;
      this.active = rest;
      await this.refresh();
      const now = this.records.find((r) => r.id === id);
      if (now && this.selectedId === id) void this.loadResults(now);
    }
  }

  /**
   * Creates (or finds) the experiment of a spec and executes it in this tab, leaving this view as it is: the Research
   * tab's Run. Returns the record as the attempt left it; throws what stopped it before an attempt was recorded.
   */
  async createAndExecute(raw: unknown): Promise<ExperimentRecord> {
    if (!this.tracker || !this.host) throw new Error('the experiments are not open yet');
    const { record } = await createExperiment(
      { tracker: this.tracker, store: this.host.store, clock: this.deps.clock, appVersion: this.deps.appVersion },
      raw,
    );
    await this.refresh();
    await this.execute(record.id);
    const after = await this.tracker.get(record.id);
    if (!after) throw new Error(`experiment ${record.id} is no longer stored`);
    if (after.status !== 'done' && after.status !== 'failed' && after.status !== 'cancelled' && this.actionError) throw new Error(this.actionError);
    return after;
  }

  /**
   * Opens the experiment of a spec made elsewhere (a sweep's combination): created, or found when the same spec is
   * already tracked, shown in its detail, and executed unless it is done or already under way.
   */
  async openSpec(raw: unknown): Promise<ExperimentRecord> {
    if (!this.tracker || !this.host) throw new Error('the experiments are not open yet');
    const { record } = await createExperiment(
      { tracker: this.tracker, store: this.host.store, clock: this.deps.clock, appVersion: this.deps.appVersion },
      raw,
    );
    await this.refresh();
    this.select(record.id);
    this.notice = null;
    if (record.status !== 'done' && record.status !== 'running' && record.status !== 'queued') await this.execute(record.id);
    return (await this.tracker.get(record.id)) ?? record;
  }

  cancel(id: string): void {
    const run = this.active[id];
    if (!run) return;
    this.active = { ...this.active, [id]: { ...run, cancelling: true } };
    this.controllers.get(id)?.abort(new Error('cancelled from the Experiments view'));
  }

  /** Reads a done experiment's result artifacts (and its input's bars, for the price chart). */
  private async loadResults(record: ExperimentRecord): Promise<void> {
    const token = ++this.resultToken;
    const results = record.results;
    if (record.status !== 'done' || !results || !this.host) {
      this.result = null;
      return;
    }
    if (this.result?.id === record.id && this.result.resultHash === results.resultHash && (this.result.data || this.result.loading)) return;
    const host = this.host;
    this.result = {
      id: record.id,
      resultHash: results.resultHash,
      data: null,
      lab: null,
      bars: null,
      input: null,
      artifacts: {},
      loading: true,
      error: null,
    };
    const update = (patch: Partial<ResultView>) => {
      if (token === this.resultToken && this.result) this.result = { ...this.result, ...patch };
    };
    try {
      const lab = isLabSpec(record.spec);
      const artifacts: Partial<Record<LabResultRole, ArtifactRecord>> = {};
      for (const role of lab ? LAB_RESULT_ROLES : RESULT_ROLES) {
        const ref = results.artifacts[role];
        const r = ref ? await host.store.get(ref.id) : undefined;
        if (r) artifacts[role] = r;
      }
      update({ artifacts });
      if (lab) {
        // A universe run: its own tables, no single input's bars to chart.
        const { readLabResults } = await import('../handlers/experiments/read-lab-results');
        update({ lab: await readLabResults(host.store, this.deps.parquet, results), loading: false });
        return;
      }
      const { readExperimentResults } = await import('../handlers/experiments/read-results');
      const data = await readExperimentResults(host.store, this.deps.parquet, results);
      update({ data });
      const input = (await host.store.get(results.inputs[0])) ?? null;
      update({ input, bars: input ? await host.projections.bars(input) : null, loading: false });
    } catch (e) {
      update({ loading: false, error: errorMessage(e) });
    }
  }

  toggleCompare(id: string): void {
    this.compareIds = this.compareIds.includes(id) ? this.compareIds.filter((x) => x !== id) : [...this.compareIds, id];
  }

  /** Compares the ticked done experiments (two or more): metrics side by side and equity overlaid. */
  async compare(): Promise<void> {
    const records = this.compareIds
      .map((id) => this.records.find((r) => r.id === id))
      .filter((r): r is ExperimentRecord => r?.status === 'done' && r.results !== null);
    if (records.length < 2 || !this.host) return;
    const token = ++this.compareToken;
    this.pane = 'compare';
    this.comparison = { ids: records.map((r) => r.id), runs: [], loading: true, error: null };
    try {
      const [{ readExperimentResults }, { readLabResults }] = await Promise.all([
        import('../handlers/experiments/read-results'),
        import('../handlers/experiments/read-lab-results'),
      ]);
      const runs: ComparisonRun[] = [];
      // Version 1 and 2 compare on what both have: the statistics table and the equity (NAV) curve.
      for (const r of records) {
        if (isLabSpec(r.spec)) {
          const data = await readLabResults(this.host.store, this.deps.parquet, r.results!);
          runs.push({ label: experimentTitle(r), stats: data.stats, time: data.time, equity: data.nav });
        } else {
          const data = await readExperimentResults(this.host.store, this.deps.parquet, r.results!);
          runs.push({ label: experimentTitle(r), stats: data.stats, time: data.time, equity: data.equity });
        }
      }
      if (token === this.compareToken) this.comparison = { ids: records.map((r) => r.id), runs, loading: false, error: null };
    } catch (e) {
      if (token === this.compareToken) this.comparison = { ids: records.map((r) => r.id), runs: [], loading: false, error: errorMessage(e) };
    }
  }

  /** Runs the form's SQL on its input now and checks the answer, without creating an experiment. */
  async testSignal(): Promise<void> {
    const input = this.host?.inputs().find((i) => i.id === this.form.inputId);
    if (!input || !this.signals || !this.host) return;
    const problem = this.form.problems['params.sql'];
    if (problem) {
      this.signalTest = { loading: false, ok: false, message: problem };
      return;
    }
    this.signalTest = { loading: true, ok: false, message: null };
    try {
      const bars = await this.host.projections.bars(input.record);
      const positions = checkSignalRows(bars.timestamp, await this.signals.evaluate({ artifact: input.record }, this.form.sql));
      let long = 0;
      let short = 0;
      for (const p of positions) {
        if (p > 0) long++;
        else if (p < 0) short++;
      }
      this.signalTest = { loading: false, ok: true, message: null, rows: positions.length, long, short, flat: positions.length - long - short };
    } catch (e) {
      this.signalTest = { loading: false, ok: false, message: errorMessage(e) };
    }
  }

  /** The bundle export under way: which experiment, bytes read/written so far of the total. */
  exporting = $state<{ id: string; phase: string; done: number; total: number } | null>(null);

  /** Exports a finished experiment as a verified result bundle (zip) and offers it as a download. */
  async exportBundle(record: ExperimentRecord, withInputs: boolean): Promise<void> {
    if (!this.host || !this.tracker || this.exporting) return;
    this.actionError = null;
    this.exporting = { id: record.id, phase: 'reading', done: 0, total: 1 };
    try {
      const bundle = await exportBundle({ store: this.host.store, tracker: this.tracker, appVersion: this.deps.appVersion }, record.id, {
        withInputs,
        onProgress: (p) => {
          this.exporting = { id: record.id, phase: p.phase, done: p.done, total: Math.max(1, p.total) };
        },
      });
      this.deps.saveFile(bundle.fileName, bundle.bytes);
      this.notice = `Bundle ${bundle.fileName} saved (${bundle.bytes.length.toLocaleString('en-US')} bytes${withInputs ? ', inputs included' : ''}).`;
    } catch (e) {
      this.actionError = `could not export the bundle: ${errorMessage(e)}`;
    } finally {
      this.exporting = null;
    }
  }

  async copySpec(record: ExperimentRecord): Promise<void> {
    const text = `${JSON.stringify(record.spec, null, 2)}\n`;
    try {
      await this.deps.copyText(text);
      this.notice = `Spec of ${record.id} copied as JSON (run it with: quantlab experiments run spec.json).`;
    } catch (e) {
      this.actionError = `could not copy to the clipboard: ${errorMessage(e)} — the spec is shown under "Spec".`;
    }
  }

  showArtifact(id: string): void {
    this.host?.showArtifact(id);
  }
}
