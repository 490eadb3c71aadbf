/**
 * `quantlab features momentum --data DIR --lookback 252 --skip 21 [--at DATE] [--json]`: cross-sectional momentum
 * close[t − skip] / close[t − lookback] − 1 of every instrument at its bar as of DATE (default: the latest date every
 * instrument has reached), ranked 1 = highest. An instrument with too little history gets null and no rank.
 */
import { crossSectionalMomentum } from '../../core/features/momentum';
import { CliError } from '../cli-error';
import { barAsOf, iso, parseAt } from './as-of';
import { dataFlag, intFlag, parseFlags } from './parse-features-args';
import { publishDerived, type PublishedArtifact } from './publish';
import { loadUniverse } from './universe-data';

export async function momentumCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const v = parseFlags('features momentum', argv, {
    lookback: { type: 'string' },
    skip: { type: 'string' },
    at: { type: 'string' },
    publish: { type: 'boolean' },
  });
  const lookback = intFlag(v, 'lookback', 1, 252);
  const skip = intFlag(v, 'skip', 0, 21);
  if (skip >= lookback) throw new CliError(`--skip (${skip}) must be smaller than --lookback (${lookback})`);
  const requested = typeof v.at === 'string' ? parseAt(v.at) : undefined;
  const universe = await loadUniverse(dataFlag(v), v.store as string | undefined);
  const bound = requested ?? Math.min(...universe.instruments.map((i) => i.table.timestamp[i.table.timestamp.length - 1]));
  const inputs = universe.instruments.map((i) => ({ name: i.name, close: i.table.close, at: barAsOf(i.table.timestamp, bound) }));
  const before = inputs.filter((i) => i.at < 0).map((i) => i.name);
  if (before.length === inputs.length) throw new CliError(`--at ${v.at as string}: every instrument starts after it`);
  const entries = crossSectionalMomentum(
    inputs.map((i) => ({ ...i, at: Math.max(i.at, 0) })),
    lookback,
    skip,
  ).map((e, k) => (inputs[k].at < 0 ? { ...e, momentum: null, rank: null } : e));
  const bars = Object.fromEntries(
    entries.map((e, k) => {
      const t = universe.instruments[k].table.timestamp;
      const at = inputs[k].at;
      return [
        e.name,
        at < 0 ? null : { bar: at, time: iso(t[at]), start: e.momentum === null ? null : e.start, end: e.momentum === null ? null : e.end },
      ];
    }),
  );
  // The time the signal is as of: the latest bar any instrument contributes (not the bound, which may be 23:59:59.999).
  const at = Math.max(...inputs.map((i, k) => (i.at < 0 ? -Infinity : universe.instruments[k].table.timestamp[i.at])));
  const momentum = Object.fromEntries(entries.map((e) => [e.name, e.momentum]));
  const rank = Object.fromEntries(entries.map((e) => [e.name, e.rank]));
  let artifact: PublishedArtifact | undefined;
  if (v.publish) {
    const barOf = (k: number) => (inputs[k].at < 0 ? null : inputs[k].at);
    artifact = await publishDerived(v.store as string | undefined, universe.instruments, {
      kind: 'features',
      table: {
        schema: [
          { name: 'instrument', type: 'utf8' },
          { name: 'bar', type: 'int64' },
          { name: 'timestamp', type: 'timestamp-ms-utc' },
          { name: 'momentum', type: 'float64' },
          { name: 'rank', type: 'int64' },
        ],
        columns: [
          entries.map((e) => e.name),
          entries.map((_, k) => barOf(k)),
          entries.map((_, k) => (inputs[k].at < 0 ? null : universe.instruments[k].table.timestamp[inputs[k].at])),
          entries.map((e) => e.momentum),
          entries.map((e) => e.rank),
        ],
      },
      nullable: ['bar', 'timestamp', 'momentum', 'rank'],
      timeRange: { startMs: at, endMs: at },
      tags: ['momentum', `lookback=${lookback}`, `skip=${skip}`],
    });
  }
  if (v.json) {
    out(JSON.stringify({ at: iso(at), lookback, skip, momentum, rank, bars, skipped: universe.skipped, ...(artifact ? { artifact } : {}) }) + '\n');
    return;
  }
  if (artifact)
    out(
      `${artifact.created ? 'published' : 'already stored'} ${artifact.kind} ${artifact.id} (from ${artifact.inputs.length} bars artifacts) in ${artifact.store}\n`,
    );
  out(`momentum ${lookback}-${skip} as of ${iso(at)} · ${entries.length} instruments\n`);
  const order = [...entries].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const width = Math.max(10, ...entries.map((e) => e.name.length));
  for (const e of order) {
    const b = bars[e.name];
    out(
      `${String(e.rank ?? '-').padStart(4)}  ${e.name.padEnd(width)}  ${e.momentum === null ? '        n/a' : e.momentum.toFixed(6).padStart(11)}  ${b ? b.time.slice(0, 10) : 'no bar yet'}\n`,
    );
  }
  for (const s of universe.skipped) out(`skipped ${s.file}: ${s.reason}\n`);
}
