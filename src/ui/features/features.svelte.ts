/**
 * State of the "Features & labels" panel beside the price chart: the forms (triple-barrier labels with optional
 * meta-labels, a feature set), computing and publishing them for the selected instrument, the stored features and
 * labels made from its bars, and the one shown on the chart (read back from its stored table, so what is drawn is
 * what SQL sees).
 */
import type { ArtifactRecord } from '../../core/artifacts/record';
import { derivedViewName } from '../../core/experiments/derived-views';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import type { ArtifactProjections } from '../../handlers/artifact-projections';
import { FEATURE_FAMILIES, FAMILY_INFO, type FeatureChoice, type FeatureFamily } from '../../handlers/features/features-table';
import { FeatureParamError } from '../../handlers/features/param-error';
import { publishFeatures, publishLabels } from '../../handlers/features/publish-derived';
import { TRIPLE_BARRIER_DEFAULTS, type TripleBarrierParams } from '../../handlers/features/triple-barrier-table';
import type { ArtifactStore } from '../../ports/artifact-store';
import type { CanonicalParquetWriter } from '../../ports/canonical-parquet-writer';
import { errorMessage } from '../error-message';
import { featureSeries, labelRows, type FeatureSeries, type LabelRow } from './derived-rows';

export interface FeaturesDeps {
  store(): ArtifactStore | null;
  projections(): ArtifactProjections | null;
  parquet: CanonicalParquetWriter;
  appVersion: string;
  /** Every stored record (the catalog's). */
  records(): readonly ArtifactRecord[];
  /** The selected instrument's bars record and bars, once loaded. */
  selected(): { record: ArtifactRecord; bars: OhlcvTable | null } | null;
  /** After a new artifact was stored: tell other tabs, read the catalog again. */
  stored(): Promise<void>;
}

/** Fields of the labels form (numbers as typed; NaN when empty). */
export interface LabelsForm {
  span: number;
  kUpper: number;
  kLower: number;
  horizon: number;
  every: number;
  first: number;
  minRet: number;
  meta: boolean;
  metaFast: number;
  metaSlow: number;
}

export interface FamilyField {
  family: FeatureFamily;
  on: boolean;
  window: number;
}

const DEFAULT_WINDOWS: Record<FeatureFamily, number> = {
  returns: 0,
  'log-returns': 0,
  sma: 20,
  ema: 20,
  volatility: 20,
  'ewm-volatility': 100,
  zscore: 20,
  rsi: 14,
};

interface FieldError {
  field: string;
  message: string;
}

interface Said {
  barsId: string | null;
  fieldError: FieldError | null;
  error: string | null;
  notice: string | null;
}

/** The form's field a parameter error names (the handler's names are the CLI's flags). */
const LABEL_FIELDS: Record<string, keyof LabelsForm> = {
  span: 'span',
  'k-upper': 'kUpper',
  'k-lower': 'kLower',
  horizon: 'horizon',
  every: 'every',
  first: 'first',
  'min-ret': 'minRet',
  'meta-fast': 'metaFast',
  'meta-slow': 'metaSlow',
};

export interface Shown {
  record: ArtifactRecord;
  /** The bars it was made from (the chart shows it only over those). */
  barsId: string;
  labels: LabelRow[] | null;
  features: FeatureSeries[] | null;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

export class FeaturesState {
  tab = $state<'labels' | 'features'>('labels');
  labels = $state<LabelsForm>({
    span: TRIPLE_BARRIER_DEFAULTS.span,
    kUpper: TRIPLE_BARRIER_DEFAULTS.k.upper,
    kLower: TRIPLE_BARRIER_DEFAULTS.k.lower,
    horizon: TRIPLE_BARRIER_DEFAULTS.horizon,
    every: TRIPLE_BARRIER_DEFAULTS.every,
    first: TRIPLE_BARRIER_DEFAULTS.first,
    minRet: TRIPLE_BARRIER_DEFAULTS.minRet,
    meta: false,
    metaFast: 10,
    metaSlow: 50,
  });
  families = $state<FamilyField[]>(
    FEATURE_FAMILIES.map((family) => ({ family, on: family === 'sma' || family === 'rsi', window: DEFAULT_WINDOWS[family] })),
  );
  busy = $state(false);
  /** What the last compute or show said, and about which instrument's bars. */
  private said = $state.raw<Said>({ barsId: null, fieldError: null, error: null, notice: null });
  /** It is shown only while that instrument is still the selected one (another instrument starts with a clean form). */
  private readonly current = $derived.by(() => (this.said.barsId === (this.deps.selected()?.record.id ?? null) ? this.said : null));
  /** Label events the price chart drew at its last redraw (the visible ones). */
  markersDrawn = $state(0);
  private shownState = $state.raw<Shown | null>(null);

  constructor(private readonly deps: FeaturesDeps) {}

  /** Features and labels stored from the selected instrument's bars, newest first. */
  stored = $derived.by(() => {
    const id = this.deps.selected()?.record.id;
    if (!id) return [];
    return this.deps
      .records()
      .filter((r) => (r.kind === 'labels' || r.kind === 'features') && r.inputs.includes(id))
      .reverse();
  });

  /** The stored table drawn on the chart — only while its own bars are the selected ones. */
  shown = $derived.by(() => (this.shownState && this.shownState.barsId === this.deps.selected()?.record.id ? this.shownState : null));

  viewName(record: ArtifactRecord): string {
    return derivedViewName(record.kind === 'labels' ? 'labels' : 'features', record.id);
  }

  /** A bad parameter: the field it names and the message. */
  get fieldError(): FieldError | null {
    return this.current?.fieldError ?? null;
  }

  get error(): string | null {
    return this.current?.error ?? null;
  }

  /** What the last compute did (`published …` / `already stored …`). */
  get notice(): string | null {
    return this.current?.notice ?? null;
  }

  errorOf(field: string): string | null {
    return this.fieldError?.field === field ? this.fieldError.message : null;
  }

  labelParams(): TripleBarrierParams {
    const f = this.labels;
    return {
      span: num(f.span),
      k: { upper: num(f.kUpper), lower: num(f.kLower) },
      horizon: num(f.horizon),
      every: num(f.every),
      first: num(f.first),
      minRet: num(f.minRet),
      ...(f.meta ? { meta: { fast: num(f.metaFast), slow: num(f.metaSlow) } } : {}),
    };
  }

  featureChoices(): FeatureChoice[] {
    return this.families.filter((f) => f.on).map((f) => ({ family: f.family, window: FAMILY_INFO[f.family].window === null ? 0 : num(f.window) }));
  }

  async computeLabels(): Promise<void> {
    await this.compute(
      (deps, record) => publishLabels(deps, record, this.labelParams()),
      (field) => LABEL_FIELDS[field] ?? field,
    );
  }

  async computeFeatures(): Promise<void> {
    await this.compute(
      (deps, record) => publishFeatures(deps, record, this.featureChoices()),
      (field) => field,
    );
  }

  private async compute(
    run: (deps: Parameters<typeof publishLabels>[0], record: ArtifactRecord) => Promise<{ record: ArtifactRecord; created: boolean }>,
    formField: (field: string) => string,
  ): Promise<void> {
    const selected = this.deps.selected();
    const store = this.deps.store();
    const projections = this.deps.projections();
    if (!selected || !store || !projections || this.busy) return;
    this.busy = true;
    const barsId = selected.record.id;
    this.said = { barsId, fieldError: null, error: null, notice: null };
    try {
      const deps = { store, parquet: this.deps.parquet, appVersion: this.deps.appVersion, bars: (r: ArtifactRecord) => projections.bars(r) };
      const { record, created } = await run(deps, selected.record);
      if (created) await this.deps.stored();
      this.said = {
        ...this.said,
        notice: `${created ? 'Published' : 'Already stored:'} ${record.kind} ${record.id} · ${record.rowCount.toLocaleString('en-US')} rows`,
      };
      await this.show(record);
    } catch (e) {
      if (e instanceof FeatureParamError) this.said = { ...this.said, fieldError: { field: formField(e.field), message: e.message } };
      else this.said = { ...this.said, error: errorMessage(e) };
    } finally {
      this.busy = false;
    }
  }

  /** Reads a stored features / labels table back from its projection and draws it. */
  async show(record: ArtifactRecord): Promise<void> {
    const projections = this.deps.projections();
    const selected = this.deps.selected();
    if (!projections || !selected) return;
    try {
      const preview = await projections.preview(record, record.rowCount);
      const bars = selected.bars?.close.length ?? 0;
      this.shownState = {
        record,
        barsId: selected.record.id,
        labels: record.kind === 'labels' ? labelRows(preview) : null,
        features: record.kind === 'features' ? featureSeries(preview, bars) : null,
      };
    } catch (e) {
      this.said = { barsId: selected.record.id, fieldError: null, error: errorMessage(e), notice: null };
    }
  }

  hide(): void {
    this.shownState = null;
  }
}
