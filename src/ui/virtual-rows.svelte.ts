import { tick } from 'svelte';
import { rowWindow, scrollToShow, type RowWindow } from './row-window';

/** Until the scroll box reports its height: enough rows for a tall window. */
const UNKNOWN_VIEWPORT = 1200;

export interface VirtualRowsOptions<T> {
  items(): readonly T[];
  key(item: T): string;
  /** Height assumed for a row never measured, until one is (px). */
  estimate: number;
  /** Rows kept in the DOM beyond each edge of the viewport (px). Default 400. */
  overscan?: number;
}

/**
 * A long list in a scroll box with only the rows near the viewport in the DOM (thousands of artifacts would cost
 * seconds to lay out). The component reports the box's scroll position and height and lets rows be measured; keys
 * keep each row's measured height across filtering.
 */
export class VirtualRows<T> {
  scrollTop = $state(0);
  viewport = $state(0);
  /** Height of what the scroll box shows above the first row (a sticky table header). */
  offset = $state(0);
  private readonly heights = new Map<string, number>();
  /** Bumped when a measured height changes, so the window is worked out again. */
  private measured = $state(0);
  private typical: number;

  constructor(private readonly options: VirtualRowsOptions<T>) {
    this.typical = options.estimate;
  }

  private heightOf = (items: readonly T[]) => (i: number) => this.heights.get(this.options.key(items[i])) ?? this.typical;

  window = $derived.by((): RowWindow => {
    // Read only to depend on it: a measured height changes the window.
    // eslint-disable-next-line @typescript-eslint/no-meaningless-void-operator -- a $derived depends on what it reads
    void this.measured;
    const items = this.options.items();
    return rowWindow({
      count: items.length,
      heightOf: this.heightOf(items),
      scrollTop: Math.max(0, this.scrollTop - this.offset),
      viewport: this.viewport || UNKNOWN_VIEWPORT,
      overscan: this.options.overscan ?? 400,
    });
  });

  /** The rows in the DOM, each with its index in the whole list. */
  rows = $derived.by(() => {
    const { start, end } = this.window;
    return this.options
      .items()
      .slice(start, end)
      .map((item, k) => ({ item, index: start + k }));
  });

  readonly onscroll = (event: Event): void => {
    this.scrollTop = (event.currentTarget as HTMLElement).scrollTop;
  };

  /** One observer for every row in the DOM (rows come and go with each scroll and keystroke). */
  private observer: ResizeObserver | undefined;
  private readonly keyOf = new WeakMap<Element, string>();

  /** Attachment for a row element: its height is measured (and re-measured when it changes). */
  measure(key: string): (element: HTMLElement) => () => void {
    return (element) => {
      this.observer ??= new ResizeObserver((entries) => {
        for (const e of entries) {
          const k = this.keyOf.get(e.target);
          if (k !== undefined) this.record(k, (e.target as HTMLElement).offsetHeight);
        }
      });
      this.keyOf.set(element, key);
      this.observer.observe(element);
      return () => this.observer?.unobserve(element);
    };
  }

  private record(key: string, height: number): void {
    if (height <= 0 || this.heights.get(key) === height) return;
    this.heights.set(key, height);
    // Rows not seen yet are assumed to be like the last one measured.
    this.typical = height;
    this.measured++;
  }

  /**
   * Scrolls `box` so row `index` is fully visible, then waits for it to be in the DOM and returns the element the
   * caller picks with `find` (keyboard navigation moves focus to it).
   */
  async reveal(box: HTMLElement, index: number, find: (index: number) => HTMLElement | null): Promise<HTMLElement | null> {
    const items = this.options.items();
    if (index < 0 || index >= items.length) return null;
    const viewport = box.clientHeight - this.offset;
    const to = scrollToShow(index, this.heightOf(items), Math.max(0, box.scrollTop - this.offset), viewport);
    if (to !== undefined) {
      box.scrollTop = to + (to > 0 ? this.offset : 0);
      this.scrollTop = box.scrollTop;
    }
    await tick();
    return find(index);
  }
}

/** The row a navigation key moves to from `index` in a list of `count` rows (`page` rows per page), or undefined. */
export function navigationTarget(key: string, index: number, count: number, page: number): number | undefined {
  const last = count - 1;
  const to =
    key === 'ArrowDown'
      ? index + 1
      : key === 'ArrowUp'
        ? index - 1
        : key === 'PageDown'
          ? index + page
          : key === 'PageUp'
            ? index - page
            : key === 'Home'
              ? 0
              : key === 'End'
                ? last
                : undefined;
  return to === undefined || count === 0 ? undefined : Math.min(last, Math.max(0, to));
}
