/** Arguments of `quantlab reproduce` and `quantlab bundle`, checked at the edge and returned as typed values. */
import { parseArgs } from 'node:util';
import { didYouMean } from '../../core/csv/did-you-mean';
import { looksLikeRunLink } from '../../core/reproduce/run-link';
import { CliError } from '../cli-error';

export interface ReproduceArgs {
  /** A run link (URL or fragment) or a bundle file. */
  target: { kind: 'link'; text: string } | { kind: 'bundle'; path: string };
  data: string | undefined;
  store: string | undefined;
  json: boolean;
}

export interface BundleImportArgs {
  /** import: verify, then store and register; verify: verify only, nothing stored. */
  command: 'import' | 'verify';
  file: string;
  store: string | undefined;
  json: boolean;
}

function parse(
  what: string,
  argv: string[],
  options: Record<string, { type: 'string' | 'boolean' }>,
): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, store: { type: 'string' }, ...options },
    });
  } catch (e) {
    throw new CliError(`${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

export function parseReproduceArgs(argv: string[]): ReproduceArgs {
  const { values: v, positionals: p } = parse('reproduce', argv, { data: { type: 'string' } });
  if (p.length !== 1)
    throw new CliError(
      `reproduce: expected one run link (…#/run/v1/…) or bundle file (.zip), got ${p.length === 0 ? 'none' : p.map((x) => JSON.stringify(x)).join(' ')}`,
    );
  const given = p[0];
  // A .zip is a bundle, even at a path that happens to contain /run/v1/.
  const target =
    looksLikeRunLink(given) && !/\.zip$/i.test(given) ? ({ kind: 'link', text: given } as const) : ({ kind: 'bundle', path: given } as const);
  return {
    target,
    data: typeof v.data === 'string' ? v.data : undefined,
    store: typeof v.store === 'string' ? v.store : undefined,
    json: v.json === true,
  };
}

const BUNDLE_SUBCOMMANDS = ['import', 'verify'] as const;

export function parseBundleArgs(argv: string[]): BundleImportArgs {
  const [command, ...rest] = argv;
  if (!command || command.startsWith('-')) throw new CliError(`bundle: expected a subcommand (${BUNDLE_SUBCOMMANDS.join(', ')})`);
  if (command !== 'import' && command !== 'verify') {
    const guess = didYouMean([command], BUNDLE_SUBCOMMANDS);
    throw new CliError(
      `bundle: unknown subcommand "${command}"${guess ? `; did you mean "${guess}"?` : ''} (subcommands: ${BUNDLE_SUBCOMMANDS.join(', ')})`,
    );
  }
  const { values: v, positionals: p } = parse(`bundle ${command}`, rest, {});
  if (p.length !== 1)
    throw new CliError(
      `bundle ${command}: expected one bundle file (.zip), got ${p.length === 0 ? 'none' : p.map((x) => JSON.stringify(x)).join(' ')}`,
    );
  if (command === 'verify' && v.store !== undefined)
    throw new CliError('bundle verify: --store is not taken (verify stores nothing; bundle import does)');
  return { command, file: p[0], store: typeof v.store === 'string' ? v.store : undefined, json: v.json === true };
}
