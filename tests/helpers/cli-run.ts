import { main } from '../../src/cli/main';

export interface CliRun {
  out: string;
  error: Error | undefined;
}

/** Runs the CLI in-process; a failing command still returns what it printed, and its error. */
export async function runCli(args: string[]): Promise<CliRun> {
  let out = '';
  try {
    await main(args, (s) => (out += s));
    return { out, error: undefined };
  } catch (e) {
    return { out, error: e as Error };
  }
}

/** Runs the CLI in-process and returns what it printed; a failing command throws its error. */
export async function cliOk(args: string[]): Promise<string> {
  const r = await runCli(args);
  if (r.error) throw r.error;
  return r.out;
}

/** `cliOk` with `--json`, parsed. */
export async function cliJson<T = Record<string, unknown>>(args: string[]): Promise<T> {
  return JSON.parse(await cliOk([...args, '--json'])) as T;
}
