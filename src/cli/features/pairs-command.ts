/**
 * `quantlab features pairs --data DIR --y A --x B --window N [--log] [--at DATE] [--json]`: the OLS hedge regression
 * y = α + β·x over the N bars the two instruments share up to DATE (default: their last common bar), and the
 * spread's z-score at each of those bars. The two series are joined on timestamps, so a bar missing in either is
 * left out rather than misaligned.
 */
import { pairsAt } from '../../core/features/pairs';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { CliError } from '../cli-error';
import { barAsOf, iso, parseAt } from './as-of';
import { dataFlag, intFlag, parseFlags, stringFlag } from './parse-features-args';
import { publishDerived, type PublishedArtifact } from './publish';
import { instrumentNamed, loadUniverse } from './universe-data';

/** Closes of y and x on the timestamps both have, oldest first. */
function joinCloses(y: OhlcvTable, x: OhlcvTable): { time: Float64Array; y: Float64Array; x: Float64Array } {
  const time: number[] = [];
  const yc: number[] = [];
  const xc: number[] = [];
  let j = 0;
  for (let i = 0; i < y.timestamp.length; i++) {
    while (j < x.timestamp.length && x.timestamp[j] < y.timestamp[i]) j++;
    if (j < x.timestamp.length && x.timestamp[j] === y.timestamp[i]) {
      time.push(y.timestamp[i]);
      yc.push(y.close[i]);
      xc.push(x.close[j]);
    }
  }
  return { time: Float64Array.from(time), y: Float64Array.from(yc), x: Float64Array.from(xc) };
}

export async function pairsCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const v = parseFlags('features pairs', argv, {
    y: { type: 'string' },
    x: { type: 'string' },
    window: { type: 'string' },
    log: { type: 'boolean' },
    at: { type: 'string' },
    publish: { type: 'boolean' },
  });
  const yName = stringFlag(v, 'y');
  const xName = stringFlag(v, 'x');
  if (yName === xName) throw new CliError(`--y and --x name the same instrument (${yName})`);
  const window = intFlag(v, 'window', 3);
  const log = v.log === true;
  const requested = typeof v.at === 'string' ? parseAt(v.at) : undefined;
  const universe = await loadUniverse(dataFlag(v), v.store as string | undefined);
  const y = instrumentNamed(universe, yName, '--y');
  const x = instrumentNamed(universe, xName, '--x');
  const joined = joinCloses(y.table, x.table);
  const end = requested === undefined ? joined.time.length - 1 : barAsOf(joined.time, requested);
  if (end + 1 < window) {
    throw new CliError(
      `--window ${window}: ${yName} and ${xName} share only ${end + 1} bars${requested === undefined ? '' : ` up to ${v.at as string}`}`,
    );
  }
  const w = pairsAt(joined.y, joined.x, end, { window, log });
  const dates = Array.from(joined.time.subarray(w.start, w.end + 1), iso);
  const result = {
    y: yName,
    x: xName,
    window,
    log,
    from: dates[0],
    to: dates[dates.length - 1],
    alpha: w.alpha,
    beta: w.beta,
    r_squared: w.rSquared,
    spread_std: w.spreadStd,
    z_last: w.zLast,
    z: Array.from(w.z),
    dates,
  };
  let artifact: PublishedArtifact | undefined;
  if (v.publish) {
    const n = w.z.length;
    artifact = await publishDerived(v.store as string | undefined, [y, x], {
      kind: 'features',
      table: {
        schema: [
          { name: 'timestamp', type: 'timestamp-ms-utc' },
          { name: 'z', type: 'float64' },
          { name: 'alpha', type: 'float64' },
          { name: 'beta', type: 'float64' },
        ],
        columns: [joined.time.slice(w.start, w.end + 1), w.z, new Float64Array(n).fill(w.alpha), new Float64Array(n).fill(w.beta)],
      },
      nullable: [],
      timeRange: { startMs: joined.time[w.start], endMs: joined.time[w.end] },
      tags: ['pairs', `y=${yName}`, `x=${xName}`, `window=${window}`, ...(log ? ['log'] : [])],
    });
  }
  if (v.json) {
    out(JSON.stringify({ ...result, ...(artifact ? { artifact } : {}) }) + '\n');
    return;
  }
  if (artifact)
    out(
      `${artifact.created ? 'published' : 'already stored'} ${artifact.kind} ${artifact.id} (from ${artifact.inputs.join(', ')}) in ${artifact.store}\n`,
    );
  out(`pairs ${yName} on ${xName}${log ? ' (log prices)' : ''} · ${window} bars ${result.from} .. ${result.to}\n`);
  out(`alpha ${w.alpha}\nbeta ${w.beta}\nr_squared ${w.rSquared}\nspread_std ${w.spreadStd}\nz_last ${w.zLast}\n`);
}
