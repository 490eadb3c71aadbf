import type { Bars } from '../core/compat';

/** The engine exports an EngineBars needs: its memory and its bars region (engine-wasm/assembly/bars-region.ts). */
export interface BarsRegionExports {
  memory: WebAssembly.Memory;
  barsRegion(n: number): number;
}

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Bars that live in the engine's own memory: fill the columns, then runs of that engine (CompatEngine.run) read
 * them in place, with no copy into scratch — ten million bars are 458 MiB once, not twice. The columns are ordinary Float64Arrays for everything else (validation, the TypeScript reference).
 *
 * Growing WebAssembly memory detaches every view on it, so the columns are getters that take fresh views when the
 * memory has grown since; read them again after an engine call rather than keeping one across it. The region is the
 * engine's only one: allocating bars again reuses it, and the earlier EngineBars is released (reading it throws).
 */
export class EngineBars implements Bars {
  private views: Float64Array[] = [];
  private released = false;
  private static current = new WeakMap<WebAssembly.Memory, EngineBars>();

  private constructor(
    private readonly memory: WebAssembly.Memory,
    /** Byte offset of the region in the engine's memory. */
    readonly ptr: number,
    readonly length: number,
  ) {}

  static allocate(x: BarsRegionExports, n: number): EngineBars {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`bars need a whole number of rows ≥ 1, got ${n}`);
    const ptr = x.barsRegion(n) >>> 0;
    const bars = new EngineBars(x.memory, ptr, n);
    const previous = EngineBars.current.get(x.memory);
    if (previous !== undefined) previous.released = true;
    EngineBars.current.set(x.memory, bars);
    return bars;
  }

  /** Whether these bars are in `memory` (so an engine on it reads them in place). */
  livesIn(memory: WebAssembly.Memory): boolean {
    return !this.released && memory === this.memory;
  }

  /** Byte offset of `open`: the start of the runCompat data layout (open, high, low, close, volume). */
  get dataPtr(): number {
    return this.ptr + this.length * 8;
  }

  private column(k: number): Float64Array {
    if (this.released) throw new Error('these engine bars were released: the engine allocated newer bars in their place');
    const buffer = this.memory.buffer;
    if (this.views.length === 0 || this.views[0].buffer !== buffer) {
      this.views = COLUMNS.map((_, i) => new Float64Array(buffer, this.ptr + i * this.length * 8, this.length));
    }
    return this.views[k];
  }

  get time(): Float64Array {
    return this.column(0);
  }
  get open(): Float64Array {
    return this.column(1);
  }
  get high(): Float64Array {
    return this.column(2);
  }
  get low(): Float64Array {
    return this.column(3);
  }
  get close(): Float64Array {
    return this.column(4);
  }
  get volume(): Float64Array {
    return this.column(5);
  }
}
