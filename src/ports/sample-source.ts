import type { IntervalName } from '../core/domain/interval';
import type { OhlcvTable } from '../core/domain/ohlcv-table';

/** The embedded sample instruments: their ids and intervals, and each one's bars generated from its seed. */
export interface SampleSource {
  list(): ReadonlyArray<{ id: string; interval: IntervalName }>;
  generate(id: string): OhlcvTable;
}
