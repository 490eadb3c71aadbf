import { pairsAt } from '../../features/pairs';
import { EngineConfigError } from '../errors';
import type { LabBarContext, LabInitContext, Strategy } from '../strategy';
import { TargetPositions } from '../target-positions';
import { integerParam, numberParam } from './params';

export interface LabPairsParams {
  /** Universe index of the dependent leg y (default 0: the first input). */
  readonly y?: number;
  /** Universe index of the hedge leg x (default 1: the second input). */
  readonly x?: number;
  /** Bars in the rolling OLS window (integer ≥ 3, default 60). */
  readonly window?: number;
  /** 1: regress log prices, 0: prices (default 0). */
  readonly log?: number;
  /** |z| beyond this opens a position (default 2). */
  readonly entryZ?: number;
  /** Back inside ±exitZ closes it (default 0.5, in [0, entryZ)). */
  readonly exitZ?: number;
  /** |z| beyond this on the losing side closes it and waits until |z| < entryZ again (default 4; 0 = no stop). */
  readonly stopZ?: number;
  /** Fraction of NAV in each leg (default 0.45: gross 0.9, room for costs). */
  readonly weight?: number;
}

/** Position of the spread y − β·x: +1 long (y long, x short), −1 short, 0 flat. */
export interface PairsState {
  side: number;
  /** False after a stop until |z| has come back inside ±entryZ. */
  armed: boolean;
}

/**
 * The pairs decision rule at one bar with spread z-score `z` (finite), updating `s`. Entries need
 * entryZ < |z| (and |z| < stopZ when there is a stop). A long spread closes once z ≥ −exitZ, flips short once
 * z > entryZ, stops once z < −stopZ; a short spread mirrors it.
 */
export function pairsStep(s: PairsState, z: number, entryZ: number, exitZ: number, stopZ: number): void {
  const stop = stopZ > 0;
  if (s.side === 0) {
    if (!s.armed && z < entryZ && z > -entryZ) s.armed = true;
    if (!s.armed) return;
    if (z > entryZ && (!stop || z < stopZ)) s.side = -1;
    else if (z < -entryZ && (!stop || z > -stopZ)) s.side = 1;
  } else if (s.side > 0) {
    if (stop && z < -stopZ) {
      s.side = 0;
      s.armed = false;
    } else if (z > entryZ) s.side = !stop || z < stopZ ? -1 : 0;
    else if (z >= -exitZ) s.side = 0;
  } else {
    if (stop && z > stopZ) {
      s.side = 0;
      s.armed = false;
    } else if (z < -entryZ) s.side = !stop || z > -stopZ ? 1 : 0;
    else if (z <= exitZ) s.side = 0;
  }
}

/**
 * Built-in `pairs` of the lab profile: mean reversion of the spread of two instruments of the universe, named by
 * their universe indices (parameters are numbers). The TypeScript twin of
 * engine-wasm/assembly/lab/strategies/pairs.ts (rules in docs/strategies.md).
 *
 * On each bar where both legs have a bar, the pair (y, x) of closes (or their logs) is appended to the pair's own
 * series. From `window` pairs on: OLS y = α + β·x over the last `window` pairs, spread = y − β·x − α, and z = the
 * last spread's z-score within the window (ddof 1) — features/pairs.ts `pairsAt`, statsmodels' definition. No
 * signal when z is not finite. `pairsStep` decides; on a change the legs are set to ±weight of NAV each
 * (dollar-neutral) through TargetPositions; other instruments are left alone.
 */
export class LabPairs implements Strategy {
  readonly params: Required<LabPairsParams>;
  private yBuf = new Float64Array(0);
  private xBuf = new Float64Array(0);
  private n = 0;
  private readonly state: PairsState = { side: 0, armed: true };
  /** The hedge fit and z-score of the last bar that had a signal (NaN before the first): for inspection only. */
  readonly signal = { alpha: NaN, beta: NaN, z: NaN };
  private targets = new TargetPositions(0);

  constructor(params: LabPairsParams = {}) {
    const y = integerParam('pairs', 'y', params.y ?? 0, 0);
    const x = integerParam('pairs', 'x', params.x ?? 1, 0);
    if (y === x) throw new EngineConfigError(`pairs: y and x must be two different instruments, both are ${y}`);
    const window = integerParam('pairs', 'window', params.window ?? 60, 3);
    const log = integerParam('pairs', 'log', params.log ?? 0, 0);
    if (log > 1) throw new EngineConfigError(`pairs: log must be 0 (prices) or 1 (log prices), got ${log}`);
    const entryZ = numberParam('pairs', 'entryZ', params.entryZ ?? 2, 0, true);
    const exitZ = numberParam('pairs', 'exitZ', params.exitZ ?? 0.5, 0, false);
    if (!(exitZ < entryZ)) throw new EngineConfigError(`pairs: exitZ (${exitZ}) must be < entryZ (${entryZ})`);
    const stopZ = numberParam('pairs', 'stopZ', params.stopZ ?? 4, 0, false);
    if (stopZ !== 0 && !(stopZ > entryZ)) throw new EngineConfigError(`pairs: stopZ (${stopZ}) must be 0 (no stop) or > entryZ (${entryZ})`);
    const weight = numberParam('pairs', 'weight', params.weight ?? 0.45, 0, true);
    this.params = { y, x, window, log, entryZ, exitZ, stopZ, weight };
  }

  /** Parameters as the engine module takes them (y, x, window, log, entryZ, exitZ, stopZ, weight); checks the legs. */
  engineParams(instruments: number): number[] {
    this.checkLegs(instruments);
    const p = this.params;
    return [p.y, p.x, p.window, p.log, p.entryZ, p.exitZ, p.stopZ, p.weight];
  }

  private checkLegs(instruments: number): void {
    for (const leg of ['y', 'x'] as const) {
      const k = this.params[leg];
      if (k >= instruments) {
        throw new EngineConfigError(`pairs: ${leg} is instrument ${k}, but the universe has ${instruments} (indices 0..${instruments - 1})`);
      }
    }
  }

  initialize(ctx: LabInitContext): void {
    this.checkLegs(ctx.instruments.length);
    this.yBuf = new Float64Array(2 * this.params.window);
    this.xBuf = new Float64Array(2 * this.params.window);
    this.n = 0;
    this.state.side = 0;
    this.state.armed = true;
    this.signal.alpha = NaN;
    this.signal.beta = NaN;
    this.signal.z = NaN;
    this.targets = new TargetPositions(ctx.instruments.length);
    this.targets.weights.fill(NaN);
  }

  onBar(ctx: LabBarContext): void {
    const { y, x, window: W, log, entryZ, exitZ, stopZ, weight } = this.params;
    if (!ctx.data.has(y) || !ctx.data.has(x)) return;
    // Full: keep the newest W − 1 pairs at the front (amortised O(1) per bar).
    if (this.n === 2 * W) {
      this.yBuf.copyWithin(0, W + 1);
      this.xBuf.copyWithin(0, W + 1);
      this.n = W - 1;
    }
    this.yBuf[this.n] = ctx.data.close(y);
    this.xBuf[this.n] = ctx.data.close(x);
    this.n++;
    if (this.n < W) return;
    const fit = pairsAt(this.yBuf.subarray(0, this.n), this.xBuf.subarray(0, this.n), this.n - 1, { window: W, log: log === 1 });
    const z = fit.zLast;
    this.signal.alpha = fit.alpha;
    this.signal.beta = fit.beta;
    this.signal.z = z;
    if (!Number.isFinite(z)) return;
    const before = this.state.side;
    pairsStep(this.state, z, entryZ, exitZ, stopZ);
    const side = this.state.side;
    if (side === before) return;
    const w = this.targets.weights;
    w[y] = side * weight;
    w[x] = -side * weight;
    this.targets.apply(ctx);
  }
}
