import { instantiateEngineModule } from './engine-imports';

/** The raw exports of engine-wasm/assembly/rng.ts. */
interface RngExports {
  rngSeed(seed: number): void;
  rngNextU32(): number;
}

/**
 * The engine's RNG (the stream random slippage draws from), read from the host: proves the WASM stream is the
 * TypeScript one (core/rng.ts). Platform-neutral: the caller supplies the compiled module or an instance.
 */
export class RngEngine {
  private constructor(private readonly x: RngExports) {}

  static async instantiate(module: WebAssembly.Module): Promise<RngEngine> {
    return RngEngine.fromInstance(await instantiateEngineModule(module));
  }

  static fromInstance(instance: WebAssembly.Instance): RngEngine {
    return new RngEngine(instance.exports as unknown as RngExports);
  }

  /** The first `count` outputs of the engine's RNG for `seed`. */
  rngStream(seed: number, count: number): Uint32Array {
    this.x.rngSeed(seed);
    const out = new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.x.rngNextU32() >>> 0;
    return out;
  }
}
