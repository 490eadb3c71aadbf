/**
 * `quantlab reproduce <link|bundle.zip> [--data DIR] [--store DIR] [--json]`: re-run what a run link or a result
 * bundle describes and say whether the result is the same. The first line is the verdict — `identical`, or
 * `different: <reason>` — then what it was judged on. Exit 0 identical, 1 different (or the re-run failed),
 * 2 a link or bundle that cannot be read (nothing stored then).
 *
 * Inputs are matched by contentHash: in the store, in the bundle (when it carries them), then among the files of
 * `--data` — each checked on the way in, only matching ones imported.
 */
import { decodeBarsFile } from '../../adapters/node/decode-bars-file';
import { NodeParquetCodec } from '../../adapters/node/node-parquet-codec';
import { ExperimentTransitionError } from '../../core/experiments/errors';
import { BundleError, RunLinkError } from '../../core/reproduce/errors';
import { decodeRunLink, type RunLink } from '../../core/reproduce/run-link';
import type { VerifiedBundle } from '../../core/reproduce/bundle-verify';
import { verdictLine } from '../../core/reproduce/verdict';
import { parquetBarsDecoder } from '../../handlers/experiments/parquet-bars-decoder';
import { readBundle, storeBundle } from '../../handlers/import-bundle';
import { ReproduceFailedError, reproduceRun } from '../../handlers/reproduce-run';
import { neededInputs } from '../../handlers/reproduce/needed-inputs';
import { runLinkOfBundle } from '../../handlers/reproduce/run-link-for';
import { APP_VERSION } from '../artifacts/app-version';
import { processContext } from '../artifacts/store-access';
import { CliError } from '../cli-error';
import { labProfileRunner, labRunner, storeDir, withLab, type ExperimentsContext } from '../experiments/lab-access';
import { isLabSpec } from '../../core/experiments/spec';
import { bundleRefusal, readBundleFile } from '../reproduce/bundle-file';
import { findInputs } from '../reproduce/find-inputs';
import { verdictText, type InputSource } from '../reproduce/format-verdict';
import { parseReproduceArgs } from '../reproduce/parse-reproduce-args';
import { lazySqlSignals } from '../experiments/lazy-sql-signals';

export function createReproduceCommand(context: () => ExperimentsContext = processContext) {
  return async (argv: string[], out: (s: string) => void): Promise<void> => {
    const args = parseReproduceArgs(argv);
    const ctx = context();
    const codec = new NodeParquetCodec();
    let link: RunLink;
    let bundle: VerifiedBundle | null = null;
    if (args.target.kind === 'link') {
      try {
        link = decodeRunLink(args.target.text);
      } catch (e) {
        if (e instanceof RunLinkError) throw new CliError(e.message, 2);
        throw e;
      }
    } else {
      const path = args.target.path;
      try {
        bundle = await readBundle({ codec }, await readBundleFile(path));
      } catch (e) {
        if (e instanceof BundleError) throw bundleRefusal(path, e);
        throw e;
      }
      link = runLinkOfBundle(bundle);
    }

    const dir = storeDir(ctx, args.store);
    const { outcome, sources, tried } = await withLab(dir, ctx, async (lab) => {
      const sources: InputSource[] = [];
      if (bundle) {
        const stored = await storeBundle(lab.store, bundle, { store: 'inputs' });
        for (const s of stored) sources.push({ index: link.inputs.findIndex((i) => i.contentHash === s.record.contentHash), source: 'the bundle' });
      }
      const needed = await neededInputs(lab.store, link);
      for (const n of needed)
        if (n.status === 'found' && !sources.some((s) => s.index === n.index)) sources.push({ index: n.index, source: 'the store' });
      const admitDeps = { store: lab.store, decode: decodeBarsFile, parquet: codec, appVersion: APP_VERSION };
      const tried = args.data ? await findInputs(admitDeps, link, needed, args.data) : [];
      for (const t of tried) if (t.outcome.status === 'accepted') sources.push({ index: t.outcome.index, source: t.path });
      const deps = {
        store: lab.store,
        tracker: lab.tracker,
        runner: await labRunner(ctx),
        ...(isLabSpec(link.spec) ? { lab: await labProfileRunner(ctx) } : {}),
        decodeBars: parquetBarsDecoder(codec),
        parquet: codec,
        clock: lab.clock,
        appVersion: APP_VERSION,
        session: lab.session,
        signals: lazySqlSignals(lab.store, codec),
      };
      try {
        return { outcome: await reproduceRun(deps, link), sources, tried };
      } catch (e) {
        if (e instanceof ReproduceFailedError || e instanceof ExperimentTransitionError) throw new CliError(e.message, 1);
        throw e;
      }
    });

    const { verdict, experiment, inputs } = outcome;
    if (args.json) {
      out(
        `${JSON.stringify({
          store: dir,
          verdict: verdict.verdict,
          reason: verdict.reason,
          message: verdict.message,
          expected: verdict.expected,
          actual: verdict.actual,
          experiment,
          inputs: inputs.map((i) => ({
            contentHash: i.contentHash,
            label: i.label ?? null,
            status: i.status,
            artifact: i.record?.id ?? null,
            source: sources.find((s) => s.index === i.index)?.source ?? null,
          })),
          tried: tried.map((t) => ({
            file: t.path,
            status: t.outcome.status,
            ...(t.outcome.status === 'refused' ? { reason: t.outcome.reason, message: t.outcome.message } : {}),
          })),
        })}\n`,
      );
    } else {
      out(verdictText(verdict, link, experiment, inputs, sources));
      if (verdict.reason === 'input-mismatch') for (const t of tried) if (t.outcome.status === 'refused') out(`tried ${t.outcome.message}\n`);
    }
    if (verdict.verdict !== 'identical') throw new CliError(`${verdictLine(verdict)} (${verdict.message})`, 1);
  };
}

export const reproduceCommand = createReproduceCommand();
