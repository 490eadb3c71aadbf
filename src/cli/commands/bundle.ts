/**
 * `quantlab bundle import <file.zip> [--store DIR] [--json]`: verify a result bundle completely, then store its
 * artifacts (deduplicated by contentHash) and register its experiment (done, with the bundle as provenance), so
 * `experiments list/get` show it. A bundle that fails any check exits 2 with the file inside it and the rule, and
 * the store is left as it was.
 */
import { basename } from 'node:path';
import { NodeParquetCodec } from '../../adapters/node/node-parquet-codec';
import { BundleError } from '../../core/reproduce/errors';
import { importBundle } from '../../handlers/import-bundle';
import { processContext } from '../artifacts/store-access';
import { storeDir, withLab, type ExperimentsContext } from '../experiments/lab-access';
import { textTable } from '../artifacts/text-table';
import { bundleRefusal, readBundleFile } from '../reproduce/bundle-file';
import { parseBundleArgs } from '../reproduce/parse-reproduce-args';

export function createBundleCommand(context: () => ExperimentsContext = processContext) {
  return async (argv: string[], out: (s: string) => void): Promise<void> => {
    const args = parseBundleArgs(argv);
    const ctx = context();
    const bytes = await readBundleFile(args.file);
    const dir = storeDir(ctx, args.store);
    const codec = new NodeParquetCodec();
    const imported = await withLab(dir, ctx, async (lab) => {
      try {
        return await importBundle({ store: lab.store, tracker: lab.tracker, codec, clock: lab.clock }, bytes, { fileName: basename(args.file) });
      } catch (e) {
        if (e instanceof BundleError) throw bundleRefusal(args.file, e);
        throw e;
      }
    });
    const e = imported.bundle.experiment;
    if (args.json) {
      out(
        `${JSON.stringify({
          store: dir,
          experiment: e.id,
          resultHash: e.results!.resultHash,
          experimentStatus: imported.experiment.created ? 'created' : 'existing',
          experimentRecord: imported.experiment.record,
          artifacts: imported.artifacts.map((a) => ({ role: a.role, id: a.record.id, status: a.created ? 'created' : 'existing', record: a.record })),
          inputsNotIncluded: imported.bundle.inputs.filter((p) => p.bytes === null).map((p) => p.record.id),
        })}\n`,
      );
      return;
    }
    out(
      textTable(
        [{ header: 'STATUS' }, { header: 'ROLE' }, { header: 'ID' }, { header: 'ROWS', align: 'right' }, { header: 'INSTRUMENT' }],
        imported.artifacts.map((a) => [
          a.created ? 'created' : 'existing',
          a.role,
          a.record.id,
          String(a.record.rowCount),
          a.record.instruments.join(', ') || '-',
        ]),
      ),
    );
    out(`\nverified and imported ${e.id} (${e.spec.strategy}, resultHash ${e.results!.resultHash}) into ${dir}\n`);
    const kept = imported.experiment.record;
    if (!imported.experiment.created) {
      const same = kept.results?.resultHash === e.results!.resultHash;
      out(
        `experiment ${kept.id} was already here (${kept.status}${same ? ', same resultHash' : `, resultHash ${kept.results?.resultHash ?? 'none'}`}): kept as it is\n`,
      );
    }
    const left = imported.bundle.inputs.filter((p) => p.bytes === null);
    if (left.length > 0) out(`inputs not in the bundle (already in the store): ${left.map((p) => p.record.id).join(', ')}\n`);
  };
}

export const bundleCommand = createBundleCommand();
