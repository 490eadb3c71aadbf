// The `quantlab` command: parses the subcommand and wires Node adapters into handlers (entry: run.ts).
import { CliError } from './cli-error';
import { ProcessOutput } from './process-output';
import { oneLineReason } from './one-line-reason';

const USAGE = `usage: quantlab <command> [options]

commands:
  backtest --data <file.csv|file.parquet|artifact id|hash prefix> --strategy <name> [--param NAME=VALUE ...]
           [--cash N] [--commission R | --commission FIXED,RELATIVE] [--spread R] [--margin R]
           [--trade-on-close] [--exclusive-orders] [--finalize-trades] [--hedging]
           [--profile backtesting.py] [--seed N] [--store DIR] [--json]
  backtest --profile lab --data <file|dir|id> [--data …] --strategy <name> [--param NAME=VALUE ...]
           [--slippage MODEL[,X]] [--volume-share R] [--no-short] [...]   several files or a folder: one
           universe on one aligned timeline (instrument = file stem or the artifact's instrument)
  artifacts import <files…> [--tag T ...] [--instrument NAME]
  artifacts list
  artifacts get <id|hash-prefix>
  artifacts find [--kind K] [--instrument I] [--tag T] [--hash PREFIX] [--interval I]
                 [--from ISO] [--to ISO] [--quarantined]
  artifacts lineage <id|hash-prefix> [--up|--down]
  artifacts delete <id|hash-prefix>   refused while artifacts were made from it or experiments hold it
           every artifacts command takes --json and --store DIR
  experiments create <spec.json> | run <spec.json> | execute <id> | get <id>
  experiments list [--status S ...] [--strategy NAME] | schema
  experiments export <id> <out.zip> [--with-inputs] | link <id> [--fragment] [--base URL]
           every experiments command takes --json and --store DIR; spec format: docs/experiment-spec.schema.json
           (version 1: profile backtesting.py, one input; version 2: profile lab, a universe of 1-1000 inputs)
  sample universe --out DIR [--format csv|parquet] [--json]
           the 24-instrument sample universe as <member>.csv|.parquet files, with the contentHashes the lab's
           "Sample universe" stores (a different file already there is never overwritten)
  reproduce <run link|bundle.zip> [--data DIR] [--store DIR] [--json]
           prints "identical" (exit 0) or "different: <reason>" (exit 1); exit 2 for a bad link or bundle
  bundle import <bundle.zip> [--store DIR] [--json] | verify <bundle.zip> [--json]   (verify stores nothing)
  features momentum --data <dir|file|id>… [--lookback 252] [--skip 21] [--at DATE] [--json]
           close[t-skip]/close[t-lookback]-1 per instrument as of DATE, ranked (1 = highest)
  features pairs --data <dir|file|id>… --y A --x B --window N [--log] [--at DATE] [--json]
           OLS y = alpha + beta*x over the last N common bars, spread z-scores
  labels triple-barrier --data <file|dir|id>… [--instrument NAME] [--span 100] [--k 2 | --k UP,DOWN]
           [--horizon 10] [--every 20] [--first N] [--min-ret R] [--json]
           AFML triple-barrier labels; events every N bars; bars are 0-based rows with ISO times
  portfolio covariance --data <dir|file|id>… [--risk-model sample|ledoit-wolf|ledoit-wolf-cc|ewma] [--lambda 0.94]
           daily covariance of simple returns (and × 252), shrinkage coefficient of the Ledoit–Wolf models
  portfolio weights --data … --optimizer equal|inverse-vol|min-variance|max-sharpe|mean-variance|erc|risk-budget|hrp
           [--risk-model M] [--long-only] [--max-weight X] [--risk-free R] [--risk-aversion D] [--target-return R]
           [--budget NAME=B …] [--min-weight X] [--gross G] [--net MIN,MAX] [--cash-buffer C]
           [--group NAME=A,B,…:MAX | NAME=A,B,…:MIN:MAX …] [--turnover MAX --previous FILE]
           Σ and μ annualised (× 252); an impossible constraint exits 2 naming it
  risk var --data … --weights equal|FILE [--method historical|gaussian|cornish-fisher] [--level 0.95 …] [--horizon 10]
           VaR and ES as positive fractions of value; h-day = 1-day × √h; FILE is a JSON object {name: weight}
  risk stress --weights equal|FILE --shock NAME=R … [--value 1000000] [--worst-window K] [--data …]
           portfolio and risk commands take [--window N] (last N returns) [--end DATE] [--json]; returns are
           taken on the bars every instrument has
           --data takes files, folders of .csv/.parquet (instrument = file stem) or artifact ids;
           --publish [--store DIR] stores the result as a features/labels artifact made from the bars
           (files are imported first); bad arguments, unknown instruments and non-OHLCV files exit 2

store: --store DIR, else $QUANTLAB_STORE, else ./.quantlab
`;

type Command = (argv: string[], out: (s: string) => void) => Promise<void>;

/**
 * Each command is imported when it runs, not before: `--help` and a store query never load DuckDB, parquet-wasm,
 * Arrow or the engine, which only some commands use (in the built CLI each is its own chunk).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  backtest: async () => (await import('./commands/backtest')).backtestCommand,
  artifacts: async () => (await import('./commands/artifacts')).artifactsCommand,
  experiments: async () => (await import('./commands/experiments')).experimentsCommand,
  reproduce: async () => (await import('./commands/reproduce')).reproduceCommand,
  bundle: async () => (await import('./commands/bundle')).bundleCommand,
  features: async () => (await import('./commands/features')).featuresCommand,
  labels: async () => (await import('./commands/labels')).labelsCommand,
  portfolio: async () => (await import('./commands/portfolio')).portfolioCommand,
  risk: async () => (await import('./commands/risk')).riskCommand,
  sample: async () => (await import('./commands/sample')).sampleCommand,
};

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new CliError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  const run = await load();
  await run(rest, out);
  return 0;
}

/**
 * Runs the CLI as a process: exit code 0 on success; otherwise one line on stderr and a non-zero code. The process
 * is not ended with process.exit: stdout and stderr are drained first (output of any size reaches a pipe whole),
 * then process.exitCode is set and Node ends once nothing is left to do (every command closes what it opened).
 */
export async function runCli(argv: string[]): Promise<void> {
  const stdout = new ProcessOutput(process.stdout);
  const stderr = new ProcessOutput(process.stderr);
  let code: number;
  try {
    code = await main(argv, stdout.write);
  } catch (e) {
    stderr.write(`quantlab: ${oneLineReason(e)}\n`);
    code = e instanceof CliError ? e.exitCode : 1;
  }
  await stdout.flushed();
  if (stdout.failure && code === 0) {
    stderr.write(`quantlab: the output could not be written (${stdout.failure.code ?? stdout.failure.message})\n`);
    code = 1;
  }
  await stderr.flushed();
  process.exitCode = code;
}
