import { CliError } from '../cli-error';

/** `quantlab sample universe …`: the lab's seeded sample data as files. */
export async function sampleCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'universe') throw new CliError(`sample: ${sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`} (known: universe)`);
  await (await import('../sample/universe-command')).sampleUniverseCommand(rest, out);
}
