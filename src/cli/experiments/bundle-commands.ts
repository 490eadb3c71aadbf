/**
 * `quantlab experiments export <id> <out.zip> [--with-inputs]` and `quantlab experiments link <id> [--fragment]
 * [--base URL]`: a finished experiment as a result bundle file, or as a run link anyone can open in the lab.
 */
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../../adapters/node/artifacts/atomic-file';
import { encodeRunLink, runLinkUrl } from '../../core/reproduce/run-link';
import { BundleExportError, exportBundle } from '../../handlers/export-bundle';
import { NotReproducibleError, runLinkFor } from '../../handlers/reproduce/run-link-for';
import { APP_VERSION } from '../artifacts/app-version';
import { CliError } from '../cli-error';
import { storeDir, withExistingLab, type ExperimentsContext } from './lab-access';
import type { ExperimentsArgs } from './parse-experiments-args';
import { resolveExperiment } from './resolve-experiment';

type Out = (s: string) => void;
type Args<C extends ExperimentsArgs['command']> = Extract<ExperimentsArgs, { command: C }>;

/** Where `npm start` serves the lab; `--base` names another. */
export const DEFAULT_LAB_URL = 'http://127.0.0.1:4173/';

function noStore(dir: string): CliError {
  return new CliError(`no store at ${dir} (nothing imported yet: quantlab artifacts import <files…>)`, 1);
}

export async function exportCommand(args: Args<'export'>, ctx: ExperimentsContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  const target = resolve(ctx.cwd, args.outFile);
  const bundle = await withExistingLab(dir, ctx, async (lab) => {
    if (!lab) throw noStore(dir);
    const record = await resolveExperiment(lab.tracker, args.ref);
    try {
      return await exportBundle({ store: lab.store, tracker: lab.tracker, appVersion: APP_VERSION }, record.id, { withInputs: args.withInputs });
    } catch (e) {
      if (e instanceof BundleExportError) throw new CliError(e.message, 1);
      throw e;
    }
  });
  try {
    await writeFileAtomic(dirname(target), target, bundle.bytes);
  } catch (e) {
    throw new CliError(`${args.outFile}: cannot write the bundle (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 1);
  }
  const e = bundle.manifest.experiment;
  if (args.json) {
    out(
      `${JSON.stringify({ store: dir, file: target, bytes: bundle.bytes.length, experiment: e.id, resultHash: e.results!.resultHash, files: bundle.manifest.files })}\n`,
    );
    return;
  }
  out(`wrote ${args.outFile} (${bundle.bytes.length} bytes, ${bundle.manifest.files.length + 1} files${args.withInputs ? ', with inputs' : ''})\n`);
  out(`experiment ${e.id} · resultHash ${e.results!.resultHash}\n`);
}

export async function linkCommand(args: Args<'link'>, ctx: ExperimentsContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  const link = await withExistingLab(dir, ctx, async (lab) => {
    if (!lab) throw noStore(dir);
    const record = await resolveExperiment(lab.tracker, args.ref);
    try {
      return await runLinkFor(lab.store, record);
    } catch (e) {
      if (e instanceof NotReproducibleError) throw new CliError(e.message, 1);
      throw e;
    }
  });
  const text = args.fragment ? encodeRunLink(link) : runLinkUrl(args.base ?? DEFAULT_LAB_URL, link);
  if (args.json) {
    out(
      `${JSON.stringify({ store: dir, link: text, expectedResultHash: link.expectedResultHash, engineBuildHash: link.engineBuildHash, inputs: link.inputs })}\n`,
    );
    return;
  }
  out(`${text}\n`);
}
