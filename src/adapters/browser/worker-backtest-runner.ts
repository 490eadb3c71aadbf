/**
 * The BacktestRunner port in the browser: the engine worker (EngineService.backtest). The bars' columns and the
 * signal series are copied once and the copies transferred (the handler keeps reading its own bars afterwards);
 * the equity curve comes back transferred. `engineBuildHash` is the SHA-256 the worker computed over the .wasm
 * bytes it compiled.
 */
import * as Comlink from 'comlink';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import type { BacktestJob, BacktestRun, BacktestRunner } from '../../ports/backtest-runner';
import type { EngineService } from './engine-service';

function copies(bars: OhlcvTable, job: BacktestJob): { bars: OhlcvTable; job: BacktestJob; buffers: ArrayBuffer[] } {
  const columns = {
    timestamp: bars.timestamp.slice(),
    open: bars.open.slice(),
    high: bars.high.slice(),
    low: bars.low.slice(),
    close: bars.close.slice(),
    volume: bars.volume.slice(),
  };
  const signal = job.signal?.slice();
  const buffers = [...Object.values(columns), ...(signal ? [signal] : [])].map((a) => a.buffer as ArrayBuffer);
  return { bars: columns, job: { ...job, ...(signal ? { signal } : {}) }, buffers };
}

export class WorkerBacktestRunner implements BacktestRunner {
  private constructor(
    private readonly remote: Comlink.Remote<EngineService>,
    readonly engineBuildHash: string,
  ) {}

  static async open(remote: Comlink.Remote<EngineService>): Promise<WorkerBacktestRunner> {
    return new WorkerBacktestRunner(remote, await remote.buildHash());
  }

  run(bars: OhlcvTable, job: BacktestJob): Promise<BacktestRun> {
    const sent = copies(bars, job);
    return this.remote.backtest(Comlink.transfer(sent.bars, sent.buffers), sent.job);
  }
}
