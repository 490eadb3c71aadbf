import { CliError } from '../cli-error';

const SUBCOMMANDS: Record<string, () => Promise<(argv: string[], out: (s: string) => void) => Promise<void>>> = {
  var: async () => (await import('../portfolio/var-command')).varCommand,
  stress: async () => (await import('../portfolio/stress-command')).stressCommand,
};

/** `quantlab risk var|stress …`: VaR/ES and stress scenarios of a weighted portfolio. */
export async function riskCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  const load = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!load)
    throw new CliError(
      `risk: ${sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`} (known: ${Object.keys(SUBCOMMANDS).join(', ')})`,
    );
  await (
    await load()
  )(rest, out);
}
