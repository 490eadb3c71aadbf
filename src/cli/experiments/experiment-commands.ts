/** The experiments subcommands: create, execute, run (create + execute), get, list, schema. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { NodeParquetCodec } from '../../adapters/node/node-parquet-codec';
import { ExperimentTransitionError, SpecValidationError } from '../../core/experiments/errors';
import { experimentSpecJsonSchemaText } from '../../core/experiments/json-schema';
import type { ExperimentRecord } from '../../core/experiments/record';
import { isLabSpec } from '../../core/experiments/spec';
import { compatStatsFromMetrics } from '../../core/experiments/result-tables';
import { executeExperiment, type ExecuteOutcome } from '../../handlers/execute-experiment';
import { createExperiment, type CreateExperimentOutcome } from '../../handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../handlers/experiments/parquet-bars-decoder';
import { readMetricsRows } from '../../handlers/experiments/read-metrics';
import { APP_VERSION } from '../artifacts/app-version';
import { CliError } from '../cli-error';
import { formatStatsTable } from '../format-stats';
import { experimentBlock, experimentsTable, inputsText, paramsText } from './format-experiments';
import { labProfileRunner, labRunner, storeDir, withExistingLab, withLab, type ExperimentsContext, type Lab } from './lab-access';
import type { ExperimentsArgs } from './parse-experiments-args';
import { resolveExperiment } from './resolve-experiment';
import { lazySqlSignals } from './lazy-sql-signals';

type Out = (s: string) => void;
type Args<C extends ExperimentsArgs['command']> = Extract<ExperimentsArgs, { command: C }>;

const json = (out: Out, value: unknown) => out(`${JSON.stringify(value)}\n`);

function noStore(dir: string): CliError {
  return new CliError(`no store at ${dir} (nothing imported yet: quantlab artifacts import <files…>)`, 1);
}

/** The spec file as JSON; problems name the file, and for the spec the JSON path and rule. */
async function readSpecFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: cannot read the spec file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 1);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`${basename(path)}: not valid JSON (${e instanceof Error ? e.message : String(e)})`, 2);
  }
}

async function create(lab: Lab, specFile: string): Promise<CreateExperimentOutcome> {
  const raw = await readSpecFile(specFile);
  try {
    return await createExperiment({ tracker: lab.tracker, store: lab.store, clock: lab.clock, appVersion: APP_VERSION }, raw, basename(specFile));
  } catch (e) {
    if (e instanceof SpecValidationError) throw new CliError(e.message, 2);
    throw e;
  }
}

async function execute(lab: Lab, ctx: ExperimentsContext, record: ExperimentRecord): Promise<ExecuteOutcome> {
  if (record.status === 'running') {
    throw new CliError(
      `experiment ${record.id} is running in session ${record.session ?? '?'} (since ${record.provenance.startedAt}); wait for it to finish`,
      1,
    );
  }
  const codec = new NodeParquetCodec();
  const deps = {
    store: lab.store,
    tracker: lab.tracker,
    runner: await labRunner(ctx),
    // The lab-profile engine is loaded only for a version-2 spec.
    ...(isLabSpec(record.spec) ? { lab: await labProfileRunner(ctx) } : {}),
    decodeBars: parquetBarsDecoder(codec),
    parquet: codec,
    clock: lab.clock,
    appVersion: APP_VERSION,
    session: lab.session,
    // DuckDB starts only when a sql-signal experiment asks it something.
    signals: lazySqlSignals(lab.store, codec),
  };
  try {
    return await executeExperiment(deps, record.id);
  } catch (e) {
    if (e instanceof ExperimentTransitionError) throw new CliError(e.message, 1);
    throw e;
  }
}

function createdText(o: CreateExperimentOutcome): string {
  const r = o.record;
  let text = `${o.created ? 'created' : 'exists '} ${r.id} (${r.status}) · ${r.spec.strategy} ${paramsText(r)} · ${r.spec.profile} · inputs ${inputsText(r)}\n`;
  for (const hash of o.missingInputs) text += `note: input ${hash} is not in the store yet; import it before executing\n`;
  return text;
}

function failIfNotDone(record: ExperimentRecord): void {
  if (record.status !== 'done') {
    throw new CliError(`experiment ${record.id} ${record.status}: ${record.error ? record.error.message : 'no results'}`, 1);
  }
}

export async function createCommand(args: Args<'create'>, ctx: ExperimentsContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  const outcome = await withLab(dir, ctx, (lab) => create(lab, args.specFile));
  if (args.json) {
    json(out, { store: dir, created: outcome.created, missingInputs: outcome.missingInputs, experiment: outcome.record });
    return;
  }
  out(createdText(outcome));
  out(`next: quantlab experiments execute ${outcome.record.id}\n`);
}

export async function executeCommand(args: Args<'execute'>, ctx: ExperimentsContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  const outcome = await withExistingLab(dir, ctx, async (lab) => {
    if (!lab) throw noStore(dir);
    return execute(lab, ctx, await resolveExperiment(lab.tracker, args.ref));
  });
  if (args.json) json(out, { store: dir, storedArtifacts: outcome.storedArtifacts, experiment: outcome.record });
  else out(experimentBlock(outcome.record));
  failIfNotDone(outcome.record);
}

export async function runCommand(args: Args<'run'>, ctx: ExperimentsContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  const { created, outcome } = await withLab(dir, ctx, async (lab) => {
    const made = await create(lab, args.specFile);
    return { created: made, outcome: await execute(lab, ctx, made.record) };
  });
  if (args.json) json(out, { store: dir, created: created.created, storedArtifacts: outcome.storedArtifacts, experiment: outcome.record });
  else out(`${createdText(created)}\n${experimentBlock(outcome.record)}`);
  failIfNotDone(outcome.record);
}

export async function getCommand(args: Args<'get'>, ctx: ExperimentsContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  await withExistingLab(dir, ctx, async (lab) => {
    if (!lab) throw noStore(dir);
    const record = await resolveExperiment(lab.tracker, args.ref);
    // The full statistics live in the metrics artifact (the record keeps headline numbers only).
    const metrics = record.results?.artifacts.metrics.id;
    const stats =
      metrics && (await lab.store.get(metrics)) ? compatStatsFromMetrics(await readMetricsRows(lab.store, new NodeParquetCodec(), metrics)) : null;
    if (args.json) {
      json(out, { store: dir, experiment: record, stats });
      return;
    }
    out(experimentBlock(record));
    if (stats) out(`\nstatistics (${metrics}):\n${formatStatsTable(stats)}`);
  });
}

export async function listCommand(args: Args<'list'>, ctx: ExperimentsContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  const filter = {
    ...(args.status.length > 0 ? { status: args.status } : {}),
    ...(args.strategy === undefined ? {} : { strategy: args.strategy }),
  };
  const records = await withExistingLab(dir, ctx, async (lab) => (lab ? lab.tracker.list(filter) : []));
  if (args.json) {
    json(out, { store: dir, experiments: records });
    return;
  }
  out(records.length === 0 ? `no experiments${args.status.length || args.strategy ? ' match' : ''} in ${dir}\n` : experimentsTable(records));
}

export function schemaCommand(out: Out): void {
  out(experimentSpecJsonSchemaText());
}
