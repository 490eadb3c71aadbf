import { validateSmaCrossParams, type KernelResult, type SmaCrossParams } from '../core/kernels/sma-cross';
import { instantiateEngineModule } from './engine-imports';

/** The raw exports of engine-wasm/assembly/index.ts. */
interface EngineExports {
  memory: WebAssembly.Memory;
  scratch(bytes: number): number;
  equityColumn(n: number): number;
  rngSeed(seed: number): void;
  rngNextU32(): number;
  rngNextFloat(): number;
  smaCross(
    openPtr: number,
    closePtr: number,
    equityPtr: number,
    n: number,
    fast: number,
    slow: number,
    cash: number,
    commission: number,
    slippageBps: number,
    seed: number,
  ): number;
}

/**
 * Typed facade over one instantiated engine module. Works wherever WebAssembly exists (browser worker, Node);
 * the caller supplies the compiled module, so no platform loading code lives here.
 */
export class WasmEngine {
  private constructor(private readonly x: EngineExports) {}

  static async instantiate(module: WebAssembly.Module): Promise<WasmEngine> {
    return WasmEngine.fromInstance(await instantiateEngineModule(module));
  }

  static fromInstance(instance: WebAssembly.Instance): WasmEngine {
    return new WasmEngine(instance.exports as unknown as EngineExports);
  }

  /** The first `count` outputs of the engine's RNG for `seed` (used to prove the stream matches the TS one). */
  rngStream(seed: number, count: number): Uint32Array {
    this.x.rngSeed(seed);
    const out = new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.x.rngNextU32() >>> 0;
    return out;
  }

  /**
   * Columns already in this engine's memory (EngineBars columns) are read in place; others are copied into
   * scratch for the call.
   */
  smaCross(open: Float64Array, close: Float64Array, p: SmaCrossParams): KernelResult {
    validateSmaCrossParams(p);
    const n = close.length;
    if (open.length !== n) throw new RangeError(`open has ${open.length} values, close has ${n}`);
    // Offsets are read before scratch may grow memory (which detaches the views and zeroes their offsets).
    const buffer = this.x.memory.buffer;
    const inPlace = open.buffer === buffer && close.buffer === buffer;
    const openAt = open.byteOffset;
    const closeAt = close.byteOffset;
    // The output goes to the engine's equity buffer (shared with the backtester), so it takes no pages of its own.
    const equityAt = this.x.equityColumn(Math.max(1, n)) >>> 0;
    let inputs = [openAt, closeAt];
    if (!inPlace) {
      const base = this.x.scratch(Math.max(1, n) * 8 * 2) >>> 0;
      // Views are taken after allocation: growing memory detaches earlier views.
      const mem = new Float64Array(this.x.memory.buffer, base, n * 2);
      mem.set(open, 0);
      mem.set(close, n);
      inputs = [base, base + n * 8];
    }
    const trades = this.x.smaCross(inputs[0], inputs[1], equityAt, n, p.fast, p.slow, p.cash, p.commission, p.slippageBps, p.seed >>> 0);
    if (trades < 0) throw new Error('engine rejected the arguments');
    return { equity: new Float64Array(this.x.memory.buffer, equityAt, n).slice(), trades };
  }
}
