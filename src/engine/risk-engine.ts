import type { CrossProductKernel } from '../core/risk/cross-product-kernel';
import { instantiateEngineModule } from './engine-imports';

/** The exports of engine-wasm/assembly/risk/exports.ts (and the module's memory and scratch). */
interface RiskExports {
  memory: WebAssembly.Memory;
  scratch(bytes: number): number;
  riskCrossProduct(xPtr: number, rows: number, cols: number, outPtr: number): void;
}

/**
 * The covariance models' heavy step in the engine module: X'X by f64x2 lanes, each entry summed in the order of the
 * TypeScript reference (`crossProduct`, src/core/risk/returns-matrix.ts), hence the same bits. Platform-neutral like
 * the other facades: give it a compiled module or an instance.
 */
export class RiskEngine {
  private constructor(private readonly x: RiskExports) {}

  static async instantiate(module: WebAssembly.Module): Promise<RiskEngine> {
    return RiskEngine.fromInstance(await instantiateEngineModule(module));
  }

  static fromInstance(instance: WebAssembly.Instance): RiskEngine {
    return new RiskEngine(instance.exports as unknown as RiskExports);
  }

  /** Same contract and bits as `crossProduct`; the result is the caller's own array. */
  crossProduct(x: Float64Array, rows: number, cols: number): Float64Array {
    if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0) || x.length !== rows * cols) {
      throw new RangeError(`cross product: ${x.length} values are not ${rows} rows × ${cols} columns`);
    }
    const out = cols * cols;
    if (out === 0) return new Float64Array(0);
    const base = this.x.scratch((x.length + out) * 8) >>> 0;
    new Float64Array(this.x.memory.buffer, base, x.length).set(x);
    const outAt = base + 8 * x.length;
    this.x.riskCrossProduct(base, rows, cols, outAt);
    // A fresh view: the kernel may have grown memory for its panels, which detaches earlier views.
    return new Float64Array(this.x.memory.buffer, outAt, out).slice();
  }

  /** The kernel as the covariance models take it (bound to this instance). */
  readonly kernel: CrossProductKernel = (x, rows, cols) => this.crossProduct(x, rows, cols);
}
