/**
 * Projections of artifacts, built on demand from their stored Parquet (read back and checked against the record's
 * fileHash) and disposable: `dropAll` forgets every one, and the next use rebuilds it from the same bytes — same
 * rows, same order, so the same results. Nothing else is ever read from a projection's engine as the truth.
 */
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import type { ArtifactRecord, ArtifactStore } from '../ports/artifact-store';
import type { ColumnSummary, ProjectionBuilder, ProjectionInfo, ProjectionPreview } from '../ports/projection-builder';

/** The projection table of an artifact: its id (`art_…` is a plain SQL identifier). */
export function projectionTable(artifactId: string): string {
  return artifactId;
}

export class ArtifactProjections {
  private readonly building = new Map<string, Promise<ProjectionInfo>>();

  constructor(
    private readonly store: Pick<ArtifactStore, 'readBytes'>,
    private readonly builder: ProjectionBuilder,
  ) {}

  /** The artifact's projection, built from its stored bytes unless it exists. Concurrent callers share one build. */
  ensure(record: ArtifactRecord): Promise<ProjectionInfo> {
    let pending = this.building.get(record.id);
    if (!pending) {
      pending = this.build(record);
      this.building.set(record.id, pending);
      pending.catch(() => this.building.delete(record.id));
    }
    return pending;
  }

  private async build(record: ArtifactRecord): Promise<ProjectionInfo> {
    const bytes = await this.store.readBytes(record.id, { verify: true });
    const info = await this.builder.fromParquet(projectionTable(record.id), bytes);
    if (info.rows !== record.rowCount) {
      throw new Error(`projection of ${record.id} has ${info.rows} rows, the record says ${record.rowCount}`);
    }
    return info;
  }

  async bars(record: ArtifactRecord): Promise<OhlcvTable> {
    if (record.kind !== 'ohlcv') throw new TypeError(`${record.id} is a ${record.kind} artifact, not ohlcv bars`);
    return this.builder.ohlcv((await this.ensure(record)).table);
  }

  async preview(record: ArtifactRecord, limit: number): Promise<ProjectionPreview> {
    return this.builder.preview((await this.ensure(record)).table, limit);
  }

  async summary(record: ArtifactRecord): Promise<ColumnSummary[]> {
    return this.builder.summarize((await this.ensure(record)).table);
  }

  async drop(id: string): Promise<void> {
    const pending = this.building.get(id);
    this.building.delete(id);
    await pending?.catch(() => undefined);
    await this.builder.drop(projectionTable(id));
  }

  /** Drops every projection the engine holds (not only those built here); returns their names. */
  async dropAll(): Promise<string[]> {
    const pending = [...this.building.values()];
    this.building.clear();
    await Promise.allSettled(pending);
    return this.builder.dropAll();
  }

  list(): Promise<ProjectionInfo[]> {
    return this.builder.list();
  }
}
