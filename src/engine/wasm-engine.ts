import { validateSmaCrossParams, type KernelResult, type SmaCrossParams } from '../core/kernels/sma-cross';
import { instantiateEngineModule } from './engine-imports';

/** The raw exports of engine-wasm/assembly/index.ts. */
interface EngineExports {
  memory: WebAssembly.Memory;
  scratch(bytes: number): number;
  rngSeed(seed: number): void;
  rngNextU32(): number;
  rngNextFloat(): number;
  smaCross(
    openPtr: number, closePtr: number, equityPtr: number, n: number, fast: number, slow: number,
    cash: number, commission: number, slippageBps: number, seed: number,
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

  smaCross(open: Float64Array, close: Float64Array, p: SmaCrossParams): KernelResult {
    validateSmaCrossParams(p);
    const n = close.length;
    if (open.length !== n) throw new RangeError(`open has ${open.length} values, close has ${n}`);
    const base = this.x.scratch(Math.max(1, n) * 8 * 3);
    // Views are taken after allocation: growing memory detaches earlier views.
    const mem = new Float64Array(this.x.memory.buffer, base, n * 3);
    mem.set(open, 0);
    mem.set(close, n);
    const trades = this.x.smaCross(base, base + n * 8, base + n * 16, n, p.fast, p.slow, p.cash, p.commission, p.slippageBps, p.seed >>> 0);
    if (trades < 0) throw new Error('engine rejected the arguments');
    return { equity: mem.slice(2 * n, 3 * n), trades };
  }
}
