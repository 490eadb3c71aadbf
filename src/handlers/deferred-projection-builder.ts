/**
 * A ProjectionBuilder whose SQL engine is still starting. The lab lists what the store holds as soon as the store is
 * open; whatever needs a projection (bars, previews, statistics) waits here for the engine instead of the whole lab
 * waiting for it. A failed start fails every call with the start's error.
 */
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import type { ColumnSummary, ProjectionBuilder, ProjectionInfo, ProjectionPreview } from '../ports/projection-builder';

export class DeferredProjectionBuilder implements ProjectionBuilder {
  constructor(private readonly started: Promise<ProjectionBuilder>) {
    // The failure is reported by whoever awaits the start (and by each call here), not as an unhandled rejection.
    started.catch(() => undefined);
  }

  async fromParquet(table: string, parquet: Uint8Array): Promise<ProjectionInfo> {
    return (await this.started).fromParquet(table, parquet);
  }

  async ohlcv(table: string): Promise<OhlcvTable> {
    return (await this.started).ohlcv(table);
  }

  async preview(table: string, limit: number): Promise<ProjectionPreview> {
    return (await this.started).preview(table, limit);
  }

  async summarize(table: string): Promise<ColumnSummary[]> {
    return (await this.started).summarize(table);
  }

  async list(): Promise<ProjectionInfo[]> {
    return (await this.started).list();
  }

  async drop(table: string): Promise<void> {
    return (await this.started).drop(table);
  }

  async dropAll(): Promise<string[]> {
    return (await this.started).dropAll();
  }
}
