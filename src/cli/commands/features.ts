import { CliError } from '../cli-error';

const SUBCOMMANDS: Record<string, () => Promise<(argv: string[], out: (s: string) => void) => Promise<void>>> = {
  momentum: async () => (await import('../features/momentum-command')).momentumCommand,
  pairs: async () => (await import('../features/pairs-command')).pairsCommand,
};

/** `quantlab features momentum|pairs …`: features of OHLCV files, folders or stored artifacts. */
export async function featuresCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  const load = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!load)
    throw new CliError(
      `features: ${sub === undefined ? 'missing' : `unknown`} subcommand${sub === undefined ? '' : ` "${sub}"`} (known: ${Object.keys(SUBCOMMANDS).join(', ')})`,
    );
  await (
    await load()
  )(rest, out);
}
