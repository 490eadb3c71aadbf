// The plain-C yardstick of the sweep benchmark (bench/c/sma-sweep.c): compiled with the machine's C compiler into
// a temporary directory and run as a subprocess, so the bench compares the engine with native code measured on the
// same machine in the same run. What the C loop computes, and what it leaves out, is written at the top of the C
// file: it is a floor for the cost of the strategy, not the engine's full metrics table.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = new URL('./c/sma-sweep.c', import.meta.url);
/** Fields the C program writes per combination, in its order. */
const RESULT_FIELDS = 4;

export interface CBaselineResult {
  /** Combinations per second on one core (best of the repeats). */
  runsPerSecond: number;
  /** Per combination: final equity, return %, max drawdown %, Sharpe ratio of simple bar returns. */
  finalEquity: Float64Array;
  returnPct: Float64Array;
  maxDrawdownPct: Float64Array;
  sharpe: Float64Array;
}

/** The C compiler: $CC, else `cc` on the PATH; null when there is none. */
function findCompiler(): string | null {
  const candidates = [process.env.CC, 'cc', '/usr/bin/cc'].filter((c): c is string => !!c);
  for (const cc of candidates) {
    try {
      execFileSync(cc, ['--version'], { stdio: 'ignore' });
      return cc;
    } catch {
      // try the next one
    }
  }
  return null;
}

/**
 * Compile and run the C sweep over `open`/`close` for the (fast, slow) pairs, `repeats` whole sweeps (best time
 * kept). Returns `{ skipped: reason }` when no C compiler is available.
 */
export function runCBaseline(
  open: Float64Array,
  close: Float64Array,
  combos: readonly { fast: number; slow: number }[],
  repeats: number,
): CBaselineResult | { skipped: string } {
  const cc = findCompiler();
  if (cc === null) return { skipped: 'no C compiler (set CC or install gcc)' };
  const dir = mkdtempSync(join(tmpdir(), 'quantlab-c-sweep-'));
  try {
    const exe = join(dir, 'sma-sweep');
    execFileSync(cc, ['-O2', '-o', exe, SOURCE.pathname, '-lm'], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (!existsSync(exe)) return { skipped: `${cc} produced no executable` };
    const n = close.length;
    const m = combos.length;
    const input = new Float64Array(3 + 2 * n + 2 * m);
    input.set([n, m, repeats], 0);
    input.set(open, 3);
    input.set(close, 3 + n);
    combos.forEach((c, k) => {
      input[3 + 2 * n + k] = c.fast;
      input[3 + 2 * n + m + k] = c.slow;
    });
    const inputPath = join(dir, 'input.f64');
    const outputPath = join(dir, 'output.f64');
    writeFileSync(inputPath, input);
    execFileSync(exe, [inputPath, outputPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    const bytes = readFileSync(outputPath);
    const out = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (out.length !== 1 + RESULT_FIELDS * m) throw new Error(`C sweep wrote ${out.length} values, ${1 + RESULT_FIELDS * m} expected`);
    const field = (f: number) => Float64Array.from({ length: m }, (_, k) => out[1 + k * RESULT_FIELDS + f]);
    return { runsPerSecond: out[0], finalEquity: field(0), returnPct: field(1), maxDrawdownPct: field(2), sharpe: field(3) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Combinations whose final equity, return or max drawdown from the C loop is not, bit for bit, the engine's: 0
 * shows the C loop trades by the engine's rules, so the two are timed on the same work.
 */
export function differingCombinations(c: CBaselineResult, engine: { stats: Float64Array; keys: readonly string[]; count: number }): number {
  const width = engine.keys.length;
  const at = (key: string) => {
    const k = engine.keys.indexOf(key);
    if (k < 0) throw new Error(`sweep result has no ${key}`);
    return k;
  };
  const [equity, ret, drawdown] = [at('equity_final'), at('return_pct'), at('max_drawdown_pct')];
  let differ = 0;
  for (let r = 0; r < engine.count; r++) {
    const row = r * width;
    if (
      c.finalEquity[r] !== engine.stats[row + equity] ||
      c.returnPct[r] !== engine.stats[row + ret] ||
      c.maxDrawdownPct[r] !== engine.stats[row + drawdown]
    )
      differ++;
  }
  return differ;
}
