/**
 * `quantlab bundle import <file.zip> [--store DIR] [--json]`: verify a result bundle completely, then store its
 * artifacts (deduplicated by contentHash) and register its experiment (done, with the bundle as provenance), so
 * `experiments list/get` show it. A bundle that fails any check exits 2 with the file inside it and the rule, and
 * the store is left as it was.
 *
 * `quantlab bundle verify <file.zip> [--json]`: the same checks, and nothing stored anywhere (no store is opened):
 * says what the bundle holds — format, experiment, profile, resultHash, inputs (carried or not), result tables.
 */
import { basename } from 'node:path';
import { NodeParquetCodec } from '../../adapters/node/node-parquet-codec';
import { BundleError } from '../../core/reproduce/errors';
import { importBundle, readBundle } from '../../handlers/import-bundle';
import type { VerifiedBundle } from '../../core/reproduce/bundle-verify';
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
    if (args.command === 'verify') {
      let verified: VerifiedBundle;
      try {
        verified = await readBundle({ codec: new NodeParquetCodec() }, bytes);
      } catch (e) {
        if (e instanceof BundleError) throw bundleRefusal(args.file, e);
        throw e;
      }
      out(verifiedText(args.file, verified, args.json));
      return;
    }
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

/** What a verified bundle holds: one JSON object (--json) or lines for people. */
function verifiedText(file: string, b: VerifiedBundle, json: boolean): string {
  const e = b.experiment;
  const results = Object.entries(b.results).map(([role, p]) => ({
    role,
    id: p.record.id,
    rows: p.record.rowCount,
    contentHash: p.record.contentHash,
  }));
  const inputs = b.inputs.map((p) => ({
    id: p.record.id,
    instrument: p.record.instruments[0] ?? null,
    contentHash: p.record.contentHash,
    included: p.bytes !== null,
  }));
  if (json) {
    return `${JSON.stringify({
      file: basename(file),
      verified: true,
      bundleVersion: b.manifest.bundleVersion,
      experiment: e.id,
      specVersion: e.spec.specVersion,
      profile: e.spec.profile,
      strategy: e.spec.strategy,
      resultHash: e.results!.resultHash,
      engineBuildHash: e.results!.engineBuildHash,
      inputs,
      results,
    })}\n`;
  }
  const carried = inputs.filter((i) => i.included).length;
  return [
    `${basename(file)}: verified (format ${b.manifest.bundleVersion}); nothing was stored`,
    `experiment ${e.id} · ${e.spec.strategy} on the ${e.spec.profile} profile · resultHash ${e.results!.resultHash}`,
    `inputs: ${inputs.length} (${carried === inputs.length ? 'all carried' : `${carried} carried, ${inputs.length - carried} to be supplied by contentHash`})`,
    `results: ${results.map((r) => `${r.role} ${r.rows} rows`).join(', ')}`,
    '',
  ].join('\n');
}
