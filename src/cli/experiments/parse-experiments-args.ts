/** Arguments of `quantlab experiments <subcommand>`, checked at the edge and returned as typed values. */
import { parseArgs } from 'node:util';
import { didYouMean } from '../../core/csv/did-you-mean';
import { EXPERIMENT_STATUSES, isExperimentStatus, type ExperimentStatus } from '../../core/experiments/status';
import { SQL_SIGNAL_STRATEGY } from '../../core/experiments/sql-signal';
import { findStrategy } from '../../core/strategies/registry';
import { CliError } from '../cli-error';

export const SUBCOMMANDS = ['create', 'execute', 'run', 'get', 'list', 'schema'] as const;
/** Sharing a finished experiment: a result bundle, a run link (src/cli/experiments/bundle-commands.ts). */
export const SHARE_SUBCOMMANDS = ['export', 'link'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number] | (typeof SHARE_SUBCOMMANDS)[number];

interface Common {
  json: boolean;
  store: string | undefined;
}

export type ExperimentsArgs =
  | (Common & { command: 'create'; specFile: string })
  | (Common & { command: 'run'; specFile: string })
  | (Common & { command: 'execute'; ref: string })
  | (Common & { command: 'get'; ref: string })
  | (Common & { command: 'list'; status: ExperimentStatus[]; strategy: string | undefined })
  | (Common & { command: 'schema' })
  | (Common & { command: 'export'; ref: string; outFile: string; withInputs: boolean })
  | (Common & { command: 'link'; ref: string; fragment: boolean; base: string | undefined });

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

const COMMON: OptionSpec = { json: { type: 'boolean' }, store: { type: 'string' } };

function parse(command: string, argv: string[], options: OptionSpec) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: true, options: { ...COMMON, ...options } });
  } catch (e) {
    throw new CliError(`experiments ${command}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function one(command: string, list: string[], what: string): string {
  if (list.length !== 1)
    throw new CliError(`experiments ${command}: expected ${what}, got ${list.length === 0 ? 'none' : list.map((p) => JSON.stringify(p)).join(' ')}`);
  return list[0];
}

function statuses(values: unknown): ExperimentStatus[] {
  const given = (Array.isArray(values) ? values : [])
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return given.map((s) => {
    if (isExperimentStatus(s)) return s;
    const hint = didYouMean([s.toLowerCase()], EXPERIMENT_STATUSES);
    throw new CliError(`--status: unknown status "${s}"${hint ? `; did you mean "${hint}"?` : ''} (statuses: ${EXPERIMENT_STATUSES.join(', ')})`);
  });
}

export function parseExperimentsArgs(argv: string[]): ExperimentsArgs {
  const [command, ...rest] = argv;
  if (!command || command.startsWith('-')) throw new CliError(`experiments: expected a subcommand (${SUBCOMMANDS.join(', ')})`);
  if (!(SUBCOMMANDS as readonly string[]).includes(command) && !(SHARE_SUBCOMMANDS as readonly string[]).includes(command)) {
    const guess = didYouMean([command], [...SUBCOMMANDS, ...SHARE_SUBCOMMANDS]);
    throw new CliError(
      `experiments: unknown subcommand "${command}"${guess ? `; did you mean "${guess}"?` : ''} (subcommands: ${SUBCOMMANDS.join(', ')})`,
    );
  }
  const sub = command as Subcommand;
  switch (sub) {
    case 'create':
    case 'run': {
      const { values: v, positionals: p } = parse(sub, rest, {});
      return { command: sub, specFile: one(sub, p, 'one spec file (JSON)'), json: v.json === true, store: str(v.store) };
    }
    case 'execute':
    case 'get': {
      const { values: v, positionals: p } = parse(sub, rest, {});
      return { command: sub, ref: one(sub, p, 'one experiment id (or a prefix of it)'), json: v.json === true, store: str(v.store) };
    }
    case 'list': {
      const { values: v, positionals: p } = parse(sub, rest, { status: { type: 'string', multiple: true }, strategy: { type: 'string' } });
      if (p.length > 0)
        throw new CliError(`experiments list: expected only options (--status --strategy), got ${p.map((x) => JSON.stringify(x)).join(' ')}`);
      const strategy = str(v.strategy);
      // sql-signal is a strategy of the spec, not of the registry.
      if (strategy !== undefined && strategy !== SQL_SIGNAL_STRATEGY) {
        try {
          findStrategy(strategy);
        } catch (e) {
          throw new CliError(`--strategy: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      return { command: 'list', status: statuses(v.status), strategy, json: v.json === true, store: str(v.store) };
    }
    case 'schema': {
      const { values: v, positionals: p } = parse(sub, rest, {});
      if (p.length > 0) throw new CliError('experiments schema: takes no arguments');
      return { command: 'schema', json: v.json === true, store: str(v.store) };
    }
    case 'export': {
      const { values: v, positionals: p } = parse(sub, rest, { 'with-inputs': { type: 'boolean' } });
      if (p.length !== 2)
        throw new CliError(
          `experiments export: expected an experiment id and the bundle file to write (out.zip), got ${p.length === 0 ? 'none' : p.map((x) => JSON.stringify(x)).join(' ')}`,
        );
      return { command: 'export', ref: p[0], outFile: p[1], withInputs: v['with-inputs'] === true, json: v.json === true, store: str(v.store) };
    }
    case 'link': {
      const { values: v, positionals: p } = parse(sub, rest, { fragment: { type: 'boolean' }, base: { type: 'string' } });
      const base = str(v.base);
      if (base !== undefined && !/^https?:\/\/[^\s#]+$/.test(base))
        throw new CliError(`--base: expected the lab's address (http://host:port/…), got ${JSON.stringify(base)}`);
      return {
        command: 'link',
        ref: one(sub, p, 'one experiment id (or a prefix of it)'),
        fragment: v.fragment === true,
        base,
        json: v.json === true,
        store: str(v.store),
      };
    }
  }
}
