import type { QuarantineRecord } from '../core/artifacts/quarantine';
import type { ArtifactRecord } from '../core/artifacts/record';
import { ohlcvCoverage, type CoverageReport } from '../core/coverage/ohlcv-coverage';
import { tryParseInterval } from '../core/domain/interval';
import type { ArtifactProjections } from '../handlers/artifact-projections';
import { deleteArtifact } from '../handlers/delete-artifact';
import type { ArtifactStore, GcReport, StoreUsage } from '../ports/artifact-store';
import type { ExperimentTracker } from '../ports/experiment-tracker';
import type { ColumnSummary, ProjectionPreview } from '../ports/projection-builder';
import type { StorageEstimate, StorageQuota } from '../ports/storage-quota';
import { EMPTY_FILTER, matcherFromForm, type FilterForm } from './artifact-filter-form';
import { errorMessage } from './error-message';

/** What the details pane shows beyond the record; each part loads on its own and may fail on its own. */
export interface ArtifactDetails {
  id: string;
  preview: ProjectionPreview | null;
  summary: ColumnSummary[] | null;
  coverage: CoverageReport | null;
  loading: boolean;
  error: string | null;
}

export interface ArtifactCatalogDeps {
  store: ArtifactStore;
  projections: ArtifactProjections;
  storage: StorageQuota;
  /** The experiments, which a delete consults: an artifact a finished experiment holds in its results stays. */
  experiments(): Promise<Pick<ExperimentTracker, 'list'>>;
  /** Told after this tab changed the store (other tabs refresh). */
  changed(): void;
  /** Told after an artifact was deleted here (and the lists were read again). */
  deleted(id: string): void | Promise<void>;
}

export const PREVIEW_ROWS = 20;

/** The artifacts and quarantine of the store as this tab last read them, and what the artifacts views do with them. */
export class ArtifactCatalog {
  records = $state.raw<ArtifactRecord[]>([]);
  quarantine = $state.raw<QuarantineRecord[]>([]);
  usage = $state.raw<StoreUsage | null>(null);
  estimate = $state.raw<StorageEstimate | null>(null);
  persisted = $state<boolean | null>(null);
  persistAnswer = $state<string | null>(null);
  /** The whole store has been read (until then `records` may hold only the newest ones, see showNewest). */
  complete = $state(false);
  /** Why the lists could not be read again (they keep what was last read). */
  refreshError = $state<string | null>(null);

  form = $state<FilterForm>({ ...EMPTY_FILTER });
  filtered = $derived.by(() => {
    const matches = matcherFromForm(this.form);
    // Newest first: what was just imported or computed is on top.
    return this.records.filter(matches).reverse();
  });

  selectedId = $state<string | null>(null);
  selected = $derived(this.records.find((r) => r.id === this.selectedId) ?? null);
  details = $state.raw<ArtifactDetails | null>(null);

  confirmingDelete = $state<string | null>(null);
  deleteError = $state<string | null>(null);
  gcReport = $state.raw<GcReport | null>(null);
  /** A failed gc or quarantine delete (e.g. another tab holds an upgrade). */
  actionError = $state<string | null>(null);
  busy = $state(false);

  private detailsToken = 0;
  /**
   * How many mounted views show the usage. It is read only while one does: it walks the key of every record, blob and
   * quarantine entry, which at thousands of artifacts costs as much as the listing and would hold up its first
   * keystrokes for a panel nobody looks at.
   */
  private usageViews = 0;
  private usageToken = 0;

  constructor(private readonly deps: ArtifactCatalogDeps) {}

  byId(id: string): ArtifactRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /**
   * Shows the newest records at once, from the store's listing-order index, when the store can give them: on a
   * store of thousands the first rows need not wait for every record to be read and checked. `refresh` reads the rest.
   */
  async showNewest(limit: number): Promise<void> {
    if (this.complete || !this.deps.store.newest) return;
    try {
      const newest = await this.deps.store.newest(limit);
      if (!this.complete) this.records = newest.reverse();
    } catch {
      // The full read that follows reports what is wrong.
    }
  }

  /** Reads records and quarantine again (after a change here or in another tab), and the usage when a view shows it. */
  async refresh(): Promise<void> {
    try {
      const [records, quarantine] = await Promise.all([this.deps.store.find(), this.deps.store.listQuarantine()]);
      this.records = records;
      this.quarantine = quarantine;
      this.complete = true;
      if (this.usageViews > 0) await this.readUsage();
      this.refreshError = null;
      if (this.selectedId && !records.some((r) => r.id === this.selectedId)) this.select(null);
    } catch (e) {
      this.refreshError = errorMessage(e);
    }
    void this.refreshEstimate();
  }

  /**
   * Called by a view that shows the usage when it mounts: the usage is read now and with every refresh until the
   * returned function is called (when the view goes). Meanwhile `usage` is null, never a figure left from before.
   */
  watchUsage(): () => void {
    if (++this.usageViews === 1) {
      this.readUsage().catch((e: unknown) => {
        this.refreshError = errorMessage(e);
      });
    }
    return () => {
      if (--this.usageViews > 0) return;
      this.usageToken++;
      this.usage = null;
    };
  }

  /** Reads the usage; an answer overtaken by a later read or by the last view going is dropped. */
  private async readUsage(): Promise<void> {
    const token = ++this.usageToken;
    const usage = await this.deps.store.usage();
    if (token === this.usageToken) this.usage = usage;
  }

  async refreshEstimate(): Promise<void> {
    try {
      this.estimate = await this.deps.storage.estimate();
      this.persisted = await this.deps.storage.persisted();
    } catch {
      this.estimate = null;
    }
  }

  async requestPersist(): Promise<void> {
    const granted = await this.deps.storage.persist();
    this.persisted = granted;
    this.persistAnswer =
      granted === null
        ? 'this browser cannot make storage persistent'
        : granted
          ? 'granted: the browser will not evict the lab’s data'
          : 'refused for now: the browser may evict data under storage pressure';
  }

  resetFilter(): void {
    this.form = { ...EMPTY_FILTER };
  }

  /** Selects an artifact and loads its details (first rows and statistics via a projection, coverage for bars). */
  select(id: string | null): void {
    this.selectedId = id;
    this.confirmingDelete = null;
    this.deleteError = null;
    const token = ++this.detailsToken;
    const record = id ? this.byId(id) : undefined;
    if (!record) {
      this.details = null;
      return;
    }
    this.details = { id: record.id, preview: null, summary: null, coverage: null, loading: true, error: null };
    void this.loadDetails(record, token);
  }

  private async loadDetails(record: ArtifactRecord, token: number): Promise<void> {
    const update = (patch: Partial<ArtifactDetails>) => {
      if (token === this.detailsToken && this.details) this.details = { ...this.details, ...patch };
    };
    try {
      const preview = await this.deps.projections.preview(record, PREVIEW_ROWS);
      update({ preview });
      const summary = await this.deps.projections.summary(record);
      update({ summary });
      if (record.kind === 'ohlcv') {
        const bars = await this.deps.projections.bars(record);
        const interval = record.interval === null ? undefined : tryParseInterval(record.interval);
        update({ coverage: ohlcvCoverage(bars, interval, { instrument: record.instruments[0] ?? '' }) });
      }
      update({ loading: false });
    } catch (e) {
      update({ loading: false, error: errorMessage(e) });
    }
  }

  askDelete(id: string): void {
    this.deleteError = null;
    this.confirmingDelete = id;
  }

  cancelDelete(): void {
    this.confirmingDelete = null;
  }

  /**
   * Deletes the record (src/handlers/delete-artifact.ts): refused while experiments hold it in their results or
   * other artifacts were made from it, and the reason is shown.
   */
  async remove(id: string): Promise<void> {
    this.confirmingDelete = null;
    this.deleteError = null;
    this.busy = true;
    try {
      await deleteArtifact({ store: this.deps.store, tracker: await this.deps.experiments() }, id);
      this.deps.changed();
      await this.refresh();
      await this.deps.deleted(id);
    } catch (e) {
      this.deleteError = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  /** Runs a store change, tells the other tabs and reads the lists again; a failure is shown, not thrown. */
  private async act<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.actionError = null;
    try {
      const result = await work();
      this.deps.changed();
      await this.refresh();
      return result;
    } catch (e) {
      this.actionError = errorMessage(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Forgets a quarantined file (its bytes go at the next gc). */
  async removeQuarantined(id: string): Promise<void> {
    await this.act(() => this.deps.store.deleteQuarantined(id));
  }

  /** Removes stored bytes no record or quarantine entry refers to; the report shows once the usage is read again. */
  async gc(): Promise<void> {
    const report = await this.act(() => this.deps.store.gc());
    if (report) this.gcReport = report;
  }
}
