import { expect } from 'vitest';
import type { LabResult } from '../../../src/core/lab';

/** What the generated runs exercised, so that a generator change cannot quietly make a property vacuous. */
export class Tally {
  runs = 0;
  errors = 0;
  bankrupt = 0;
  draws = 0;
  readonly fillReasons = new Set<number>();
  readonly filledTypes = new Set<number>();
  readonly statuses = new Set<number>();
  readonly endReasons = new Set<number>();
  readonly sources = new Set<number>();
  fills = 0;
  partial = 0;

  add(r: LabResult | undefined): void {
    this.runs++;
    if (r === undefined) {
      this.errors++;
      return;
    }
    if (r.meta.bankruptBar >= 0) this.bankrupt++;
    this.draws += r.meta.rngDraws;
    this.fills += r.fills.count;
    for (let i = 0; i < r.fills.count; i++) {
      this.fillReasons.add(r.fills.reason[i]);
      const id = r.fills.orderId[i];
      if (id >= 0) this.filledTypes.add(r.orders.type[id]);
    }
    for (let id = 0; id < r.orders.count; id++) {
      this.statuses.add(r.orders.status[id]);
      this.endReasons.add(r.orders.endReason[id]);
      this.sources.add(r.orders.source[id]);
      if (r.orders.filled[id] > 0 && r.orders.filled[id] < r.orders.quantity[id]) this.partial++;
    }
  }

  /** Every listed code was seen at least once; at most `maxErrorShare` of the runs threw. */
  toString(): string {
    const seen = (s: Set<number>) => [...s].sort((a, b) => a - b).join(',');
    return `runs ${this.runs} errors ${this.errors} bankrupt ${this.bankrupt} draws ${this.draws} fills ${this.fills} partial ${this.partial} reasons ${seen(this.fillReasons)} types ${seen(this.filledTypes)} statuses ${seen(this.statuses)} endReasons ${seen(this.endReasons)} sources ${seen(this.sources)}`;
  }

  expectCovered(
    want: {
      reasons?: number[];
      types?: number[];
      statuses?: number[];
      endReasons?: number[];
      sources?: number[];
      bankrupt?: boolean;
      draws?: boolean;
      partial?: boolean;
    },
    maxErrorShare = 0.2,
  ): void {
    if (process.env.LAB_TALLY) console.log(this.toString());
    const seen = (s: Set<number>) => [...s].sort((a, b) => a - b);
    for (const code of want.reasons ?? []) expect(seen(this.fillReasons), 'fill reasons seen').toContain(code);
    for (const code of want.types ?? []) expect(seen(this.filledTypes), 'order types filled').toContain(code);
    for (const code of want.statuses ?? []) expect(seen(this.statuses), 'order statuses seen').toContain(code);
    for (const code of want.endReasons ?? []) expect(seen(this.endReasons), 'end reasons seen').toContain(code);
    for (const code of want.sources ?? []) expect(seen(this.sources), 'order sources seen').toContain(code);
    if (want.bankrupt) expect(this.bankrupt, 'bankrupt runs').toBeGreaterThan(0);
    if (want.draws) expect(this.draws, 'rng draws').toBeGreaterThan(0);
    if (want.partial) expect(this.partial, 'partially filled orders').toBeGreaterThan(0);
    expect(this.errors, 'runs that threw').toBeLessThanOrEqual(maxErrorShare * this.runs);
  }
}
