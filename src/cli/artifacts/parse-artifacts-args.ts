/** Arguments of `quantlab artifacts <subcommand>`, checked at the edge and returned as typed values. */
import { parseArgs } from 'node:util';
import { ARTIFACT_KINDS, isArtifactKind } from '../../core/artifacts/kind';
import type { ArtifactFilter } from '../../core/artifacts/filter';
import { didYouMean } from '../../core/csv/did-you-mean';
import { parseIsoTimestamp } from '../../core/csv/parse-timestamp';
import { formatInterval, tryParseInterval } from '../../core/domain/interval';
import { CliError } from '../cli-error';

export const SUBCOMMANDS = ['import', 'list', 'get', 'find', 'lineage', 'delete'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

interface Common {
  json: boolean;
  store: string | undefined;
}

export type ArtifactsArgs =
  | (Common & { command: 'import'; files: string[]; tags: string[]; instrument: string | undefined })
  | (Common & { command: 'list' })
  | (Common & { command: 'get'; ref: string })
  | (Common & { command: 'find'; quarantined: boolean; filter: ArtifactFilter })
  | (Common & { command: 'lineage'; ref: string; up: boolean; down: boolean })
  | (Common & { command: 'delete'; ref: string });

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

const COMMON: OptionSpec = { json: { type: 'boolean' }, store: { type: 'string' } };

function parse(command: string, argv: string[], options: OptionSpec) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: true, options: { ...COMMON, ...options } });
  } catch (e) {
    throw new CliError(`artifacts ${command}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function positionals(command: string, list: string[], count: number, what: string): string[] {
  if (list.length !== count)
    throw new CliError(`artifacts ${command}: expected ${what}, got ${list.length === 0 ? 'none' : list.map((p) => JSON.stringify(p)).join(' ')}`);
  return list;
}

function isoBound(flag: string, text: string): number {
  const ms = parseIsoTimestamp(text, 0, text.length);
  if (!Number.isFinite(ms)) throw new CliError(`--${flag}: cannot read "${text}" as a time (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])`);
  return ms;
}

export function parseArtifactsArgs(argv: string[]): ArtifactsArgs {
  const [command, ...rest] = argv;
  if (!command || command.startsWith('-')) {
    throw new CliError(`artifacts: expected a subcommand (${SUBCOMMANDS.join(', ')})`);
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(command)) {
    const guess = didYouMean([command], SUBCOMMANDS);
    throw new CliError(
      `artifacts: unknown subcommand "${command}"${guess ? `; did you mean "${guess}"?` : ''} (subcommands: ${SUBCOMMANDS.join(', ')})`,
    );
  }
  switch (command as Subcommand) {
    case 'import': {
      const { values: v, positionals: files } = parse(command, rest, { tag: { type: 'string', multiple: true }, instrument: { type: 'string' } });
      if (files.length === 0) throw new CliError('artifacts import: expected one or more files (.csv or .parquet)');
      const instrument = str(v.instrument);
      if (instrument !== undefined && instrument.trim() === '') throw new CliError('--instrument: the name is empty');
      return { command: 'import', files, tags: strings(v.tag), instrument, json: v.json === true, store: str(v.store) };
    }
    case 'list': {
      const { values: v, positionals: p } = parse(command, rest, {});
      positionals(command, p, 0, 'no arguments (use `artifacts find` to filter)');
      return { command: 'list', json: v.json === true, store: str(v.store) };
    }
    case 'get': {
      const { values: v, positionals: p } = parse(command, rest, {});
      const [ref] = positionals(command, p, 1, 'one artifact id or hash prefix');
      return { command: 'get', ref, json: v.json === true, store: str(v.store) };
    }
    case 'delete': {
      const { values: v, positionals: p } = parse(command, rest, {});
      const [ref] = positionals(command, p, 1, 'one artifact id or hash prefix');
      return { command: 'delete', ref, json: v.json === true, store: str(v.store) };
    }
    case 'lineage': {
      const { values: v, positionals: p } = parse(command, rest, { up: { type: 'boolean' }, down: { type: 'boolean' } });
      const [ref] = positionals(command, p, 1, 'one artifact id or hash prefix');
      const up = v.up === true;
      const down = v.down === true;
      // Neither flag: both directions.
      return { command: 'lineage', ref, up: up || !down, down: down || !up, json: v.json === true, store: str(v.store) };
    }
    case 'find': {
      const { values: v, positionals: p } = parse(command, rest, {
        kind: { type: 'string' },
        instrument: { type: 'string' },
        tag: { type: 'string' },
        hash: { type: 'string' },
        interval: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        quarantined: { type: 'boolean' },
      });
      positionals(command, p, 0, 'only options (--kind --instrument --tag --hash --interval --from --to --quarantined)');
      const filter: ArtifactFilter = {};
      const kind = str(v.kind);
      if (kind !== undefined) {
        if (!isArtifactKind(kind)) throw new CliError(`--kind: unknown kind "${kind}" (kinds: ${ARTIFACT_KINDS.join(', ')})`);
        filter.kind = kind;
      }
      const instrument = str(v.instrument);
      if (instrument !== undefined) filter.instrument = instrument;
      const tag = str(v.tag);
      if (tag !== undefined) filter.tag = tag;
      const hash = str(v.hash);
      if (hash !== undefined) {
        if (!/^(art_|q_)?[0-9a-f]+$/i.test(hash.trim()))
          throw new CliError(`--hash: "${hash}" is not a hash prefix (hex digits, optionally after art_)`);
        filter.hashPrefix = hash.trim().toLowerCase();
      }
      const interval = str(v.interval);
      if (interval !== undefined) {
        const parsed = tryParseInterval(interval);
        if (parsed === undefined) throw new CliError(`--interval: unknown interval "${interval}" (1m 5m 15m 30m 1h 4h 1d 1w 1mo)`);
        filter.interval = formatInterval(parsed);
      }
      const from = str(v.from);
      const to = str(v.to);
      if (from !== undefined || to !== undefined) {
        const startMs = from === undefined ? undefined : isoBound('from', from);
        const endMs = to === undefined ? undefined : isoBound('to', to);
        if (startMs !== undefined && endMs !== undefined && startMs > endMs) throw new CliError(`--from ${from} is after --to ${to}`);
        filter.timeRange = { ...(startMs === undefined ? {} : { startMs }), ...(endMs === undefined ? {} : { endMs }) };
      }
      const quarantined = v.quarantined === true;
      if (quarantined) {
        const notApplicable = (['instrument', 'tag', 'interval', 'from', 'to'] as const).filter((k) => v[k] !== undefined);
        if (notApplicable.length > 0) {
          throw new CliError(
            `--quarantined: ${notApplicable.map((k) => `--${k}`).join(', ')} do not apply to quarantined files (they have no trusted content); use --hash or --kind`,
          );
        }
      }
      return { command: 'find', quarantined, filter, json: v.json === true, store: str(v.store) };
    }
  }
}
