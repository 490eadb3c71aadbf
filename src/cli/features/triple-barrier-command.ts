/**
 * `quantlab labels triple-barrier --data FILE --span 100 --k 2 --horizon 10 --every 20 [--json]`: AFML triple-barrier
 * labels of one instrument (core/features/triple-barrier.ts has the definition). Events are bars first, first +
 * every, … (`--events every`, the default), or the bars AFML's symmetric CUSUM filter samples (`--events cusum
 * --threshold H`: H a log return, or with `--threshold-by target` a multiple of the volatility target); bars are 0-based rows of the instrument's file with their ISO timestamps beside them. `--k` is one
 * multiplier for both barriers or UPPER,LOWER (0 switches one off). With several instruments, `--instrument NAME`.
 * The table and tags come from handlers/features/triple-barrier-table.ts, shared with the browser.
 */
import { SAMPLING_RULES, THRESHOLD_BY, tripleBarrierTable, type SamplingRule, type ThresholdBy } from '../../handlers/features/triple-barrier-table';
import { CliError } from '../cli-error';
import { iso } from './as-of';
import { dataFlag, intFlag, parseFlags, positiveFlag } from './parse-features-args';
import { publishDerived, type PublishedArtifact } from './publish';
import { instrumentNamed, loadUniverse, type Instrument, type Universe } from './universe-data';

function multipliers(text: string | undefined): { upper: number; lower: number } {
  if (text === undefined) return { upper: 2, lower: 2 };
  const parts = text.split(',');
  if (parts.length > 2) throw new CliError(`--k: expected K or UPPER,LOWER, got "${text}"`);
  const upper = positiveFlag(parts[0], 'k', 2, true);
  const lower = parts.length === 2 ? positiveFlag(parts[1], 'k', 2, true) : upper;
  if (upper === 0 && lower === 0) throw new CliError('--k: at least one of the two barriers must be on (> 0)');
  return { upper, lower };
}

function oneOf<T extends string>(text: string | undefined, flag: string, choices: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) throw new CliError(`--${flag}: expected ${choices.join(' or ')}, got "${text}"`);
  return text as T;
}

/** The sampling flags: `--every`/`--first` belong to `every`, `--threshold`/`--threshold-by` to `cusum`. */
function sampling(v: Record<string, string | string[] | boolean | undefined>) {
  const events: SamplingRule = oneOf(v.events as string | undefined, 'events', SAMPLING_RULES, 'every');
  const own = events === 'every' ? ['every', 'first'] : ['threshold', 'threshold-by'];
  const other = ['every', 'first', 'threshold', 'threshold-by'].find((f) => v[f] !== undefined && !own.includes(f));
  if (other) throw new CliError(`--${other} does not apply to --events ${events} (it takes ${own.map((f) => `--${f}`).join(', ')})`);
  if (events === 'every') {
    const every = intFlag(v, 'every', 1, 20);
    return { events, every, first: intFlag(v, 'first', 0, every) };
  }
  if (v.threshold === undefined)
    throw new CliError('--events cusum needs --threshold H (a log return, or a multiple of the target with --threshold-by target)');
  const threshold = positiveFlag(v.threshold as string, 'threshold', 0);
  const thresholdBy: ThresholdBy = oneOf(v['threshold-by'] as string | undefined, 'threshold-by', THRESHOLD_BY, 'return');
  return { events, every: 20, first: 20, threshold, thresholdBy };
}

function pick(universe: Universe, name: string | undefined): Instrument {
  if (name !== undefined) return instrumentNamed(universe, name, '--instrument');
  if (universe.instruments.length > 1) {
    throw new CliError(
      `--data gives ${universe.instruments.length} instruments; choose one with --instrument NAME (${universe.instruments.map((i) => i.name).join(', ')})`,
    );
  }
  return universe.instruments[0];
}

export async function tripleBarrierCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const v = parseFlags('labels triple-barrier', argv, {
    span: { type: 'string' },
    k: { type: 'string' },
    horizon: { type: 'string' },
    events: { type: 'string' },
    every: { type: 'string' },
    first: { type: 'string' },
    threshold: { type: 'string' },
    'threshold-by': { type: 'string' },
    'min-ret': { type: 'string' },
    instrument: { type: 'string' },
    publish: { type: 'boolean' },
  });
  const span = positiveFlag(v.span as string | undefined, 'span', 100);
  if (span < 1) throw new CliError(`--span: expected a number >= 1, got "${v.span as string}"`);
  const k = multipliers(v.k as string | undefined);
  const horizon = intFlag(v, 'horizon', 1, 10);
  const s = sampling(v);
  const minRet = positiveFlag(v['min-ret'] as string | undefined, 'min-ret', 0, true);
  const universe = await loadUniverse(dataFlag(v), v.store as string | undefined);
  const instrument = pick(universe, v.instrument as string | undefined);
  const { timestamp, close } = instrument.table;
  const labels = tripleBarrierTable(timestamp, close, { span, k, horizon, minRet, ...s });
  const rule =
    s.events === 'every'
      ? { every: s.every, first: s.first }
      : { sampling: { events: s.events, threshold: s.threshold, thresholdBy: s.thresholdBy } };
  const events = labels.events.map((e) => ({
    t0: e.t0,
    t0Time: iso(timestamp[e.t0]),
    t1: e.t1,
    t1Time: iso(timestamp[e.t1]),
    label: e.label,
    ret: e.ret,
    trgt: e.trgt,
    touch: e.touch,
  }));
  const skipped = labels.skipped.map((s) => ({ t0: s.t0, t0Time: iso(timestamp[s.t0]), reason: s.reason }));
  const counts = { '-1': 0, '0': 0, '1': 0 };
  for (const e of events) counts[String(e.label) as keyof typeof counts]++;
  const artifact: PublishedArtifact | undefined = v.publish
    ? await publishDerived(v.store as string | undefined, [instrument], labels.derived)
    : undefined;
  if (v.json) {
    out(
      JSON.stringify({
        instrument: instrument.name,
        bars: close.length,
        span,
        k,
        horizon,
        ...rule,
        minRet,
        events,
        skipped,
        counts,
        ...(artifact ? { artifact } : {}),
      }) + '\n',
    );
    return;
  }
  if (artifact)
    out(
      `${artifact.created ? 'published' : 'already stored'} ${artifact.kind} ${artifact.id} (from ${artifact.inputs.join(', ')}) in ${artifact.store}\n`,
    );
  out(
    `triple-barrier labels of ${instrument.name} · span ${span} · k ${k.upper}/${k.lower} · horizon ${horizon} · ${s.events === 'every' ? `every ${s.every} from bar ${s.first}` : `CUSUM events, threshold ${s.threshold}${s.thresholdBy === 'target' ? ' × target' : ''}`}\n`,
  );
  out(`${events.length} events: ${counts['1']} upper (+1), ${counts['-1']} lower (-1), ${counts['0']} vertical (0); ${skipped.length} skipped\n`);
  for (const e of events)
    out(
      `${String(e.t0).padStart(6)} ${e.t0Time.slice(0, 10)}  ${String(e.t1).padStart(6)} ${e.t1Time.slice(0, 10)}  ${String(e.label).padStart(2)}  ${e.ret.toFixed(6).padStart(10)}  trgt ${e.trgt.toFixed(6)}\n`,
    );
  for (const s of skipped) out(`skipped ${s.t0} ${s.t0Time.slice(0, 10)}: ${s.reason}\n`);
}
