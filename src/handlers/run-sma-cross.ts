import type { SmaCrossParams } from '../core/kernels/sma-cross';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { kernelResultHash } from '../core/result-hash';
import type { KernelRunner } from '../ports/kernel-runner';

export interface RunSummary {
  equity: Float64Array;
  finalEquity: number;
  returnPct: number;
  trades: number;
  resultHash: string;
}

/** Runs the SMA-crossover kernel over one instrument's bars and summarizes the result. */
export async function runSmaCross(engine: KernelRunner, bars: OhlcvTable, params: SmaCrossParams): Promise<RunSummary> {
  if (bars.close.length < params.slow + 1) {
    throw new RangeError(`need at least ${params.slow + 1} bars for slow=${params.slow}, the instrument has ${bars.close.length}`);
  }
  // Copies: the engine worker takes ownership of what it is given.
  const { equity, trades } = await engine.smaCross(bars.open.slice(), bars.close.slice(), params);
  const finalEquity = equity[equity.length - 1];
  return {
    equity,
    finalEquity,
    returnPct: (finalEquity / params.cash - 1) * 100,
    trades,
    resultHash: await kernelResultHash(equity, trades),
  };
}
