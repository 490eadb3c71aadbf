import { CliError } from '../cli-error';

const SUBCOMMANDS: Record<string, () => Promise<(argv: string[], out: (s: string) => void) => Promise<void>>> = {
  covariance: async () => (await import('../portfolio/covariance-command')).covarianceCommand,
  weights: async () => (await import('../portfolio/weights-command')).weightsCommand,
};

/** `quantlab portfolio covariance|weights …`: risk models and optimizers on OHLCV files, folders or artifacts. */
export async function portfolioCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  const load = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!load)
    throw new CliError(
      `portfolio: ${sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`} (known: ${Object.keys(SUBCOMMANDS).join(', ')})`,
    );
  await (
    await load()
  )(rest, out);
}
