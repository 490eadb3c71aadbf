import { CliError } from '../cli-error';

/** `quantlab labels triple-barrier …`: event labels of one instrument's bars. */
export async function labelsCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'triple-barrier')
    throw new CliError(`labels: ${sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`} (known: triple-barrier)`);
  await (await import('../features/triple-barrier-command')).tripleBarrierCommand(rest, out);
}
