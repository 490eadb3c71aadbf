import type { SortDirection } from './sort-order';

/**
 * Which column a results table is sorted by. Clicking the sorted column flips the direction; clicking another
 * starts with that column's natural direction (numbers largest first, names and dates ascending).
 */
export class TableSort<K extends string> {
  key = $state<K | null>(null);
  direction = $state<SortDirection>('desc');
  readonly #firstDirection: (key: K) => SortDirection;

  constructor(key: K | null, direction: SortDirection, firstDirection: (key: K) => SortDirection = () => 'desc') {
    this.key = key;
    this.direction = direction;
    this.#firstDirection = firstDirection;
  }

  toggle(key: K): void {
    if (this.key === key) {
      this.direction = this.direction === 'asc' ? 'desc' : 'asc';
    } else {
      this.key = key;
      this.direction = this.#firstDirection(key);
    }
  }

  /** The header's aria-sort value. */
  aria(key: K): 'ascending' | 'descending' | 'none' {
    return this.key !== key ? 'none' : this.direction === 'asc' ? 'ascending' : 'descending';
  }

  /** The arrow shown beside a header. */
  arrow(key: K): string {
    return this.key !== key ? '' : this.direction === 'asc' ? '▲' : '▼';
  }
}
