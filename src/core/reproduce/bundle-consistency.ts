/**
 * What a manifest must say to be one experiment's bundle, checked without its files (bundle-verify.ts checks the
 * bytes against it). A builder runs the same checks before writing, so the lab never writes a bundle it would refuse.
 *
 * - the experiment is `done`, its spec hashes to its id, its runId is spec hash + engine build;
 * - one artifact per result role, each the experiment's result artifact (id, contentHash, rows), kind `results`;
 * - the inputs are the experiment's frozen inputs, in order, with the spec's contentHashes, kind `ohlcv`;
 * - lineage: every result was made from exactly those inputs, and no record points outside the bundle;
 * - the resultHash is the hash of the four results' contentHashes;
 * - files: summary.txt plus one file per artifact that has one, with the record's fileHash and size.
 */
import { verifyPrepared } from '../experiments/identity';
import { RESULT_ROLES } from '../experiments/record';
import { resultHash } from '../experiments/result-hash';
import { runIdOf } from '../experiments/identity';
import { inputFile, resultFile, SUMMARY_FILE, type BundleManifest } from './bundle-format';
import { BundleError, type BundleRule } from './errors';

const M = 'manifest.json';

function refuse(rule: BundleRule, detail: string): never {
  throw new BundleError(M, rule, detail);
}

export async function checkManifest(manifest: BundleManifest): Promise<void> {
  const e = manifest.experiment;
  if (e.status !== 'done' || e.results === null) refuse('record', `experiment ${e.id} is ${e.status}; a bundle holds a finished (done) experiment`);
  const results = e.results;
  try {
    await verifyPrepared({ spec: e.spec, specHash: e.specHash, id: e.id });
  } catch (err) {
    refuse('spec', `the experiment's spec does not hash to its id: ${err instanceof Error ? err.message : String(err)}`);
  }
  const runId = await runIdOf(e.specHash, results.engineBuildHash);
  if (runId !== results.runId) refuse('record', `runId is ${results.runId}, but spec hash and engine build give ${runId}`);

  const inputs = manifest.artifacts.filter((a) => a.role === 'input');
  const expectedOrder = [...inputs.map(() => 'input'), ...RESULT_ROLES];
  const roles = manifest.artifacts.map((a) => a.role);
  if (roles.length !== expectedOrder.length || roles.some((r, i) => r !== expectedOrder[i])) {
    refuse('record', `artifacts are ${roles.join(', ')}; expected the inputs, then ${RESULT_ROLES.join(', ')}, one each`);
  }
  if (inputs.length !== results.inputs.length || inputs.some((a, i) => a.record.id !== results.inputs[i])) {
    refuse('lineage', `input artifacts ${inputs.map((a) => a.record.id).join(', ')} are not the experiment's inputs ${results.inputs.join(', ')}`);
  }
  inputs.forEach((a, i) => {
    const wanted = e.spec.inputs[i]?.contentHash;
    if (a.record.contentHash !== wanted)
      refuse('lineage', `input ${a.record.id} has contentHash ${a.record.contentHash}; the spec's input ${i + 1} is ${wanted}`);
    if (a.record.kind !== 'ohlcv') refuse('record', `input ${a.record.id} is a ${a.record.kind} artifact; the ${e.spec.profile} profile reads ohlcv`);
    if (a.file !== null && a.file !== inputFile(a.record.id))
      refuse('record', `input ${a.record.id} is in ${a.file}; expected ${inputFile(a.record.id)}`);
  });
  const ids = new Set(manifest.artifacts.map((a) => a.record.id));
  for (const role of RESULT_ROLES) {
    const a = manifest.artifacts.find((x) => x.role === role)!;
    const ref = results.artifacts[role];
    if (a.record.id !== ref.id || a.record.contentHash !== ref.contentHash || a.record.rowCount !== ref.rowCount) {
      refuse('record', `the ${role} artifact ${a.record.id} is not the experiment's ${role} result ${ref.id} (contentHash and rows must match)`);
    }
    if (a.record.kind !== 'results') refuse('record', `${role} artifact ${a.record.id} is a ${a.record.kind} artifact, not results`);
    if (a.file !== resultFile(role)) refuse('record', `the ${role} artifact must be in ${resultFile(role)}, not ${String(a.file)}`);
    if (a.record.inputs.length !== results.inputs.length || a.record.inputs.some((id, i) => id !== results.inputs[i])) {
      refuse(
        'lineage',
        `${role} artifact ${a.record.id} was made from ${a.record.inputs.join(', ') || 'nothing'}; the experiment's inputs are ${results.inputs.join(', ')}`,
      );
    }
  }
  for (const a of manifest.artifacts) {
    const outside = a.record.inputs.filter((id) => !ids.has(id));
    if (outside.length > 0) refuse('lineage', `${a.record.id} lists inputs that are not in the bundle: ${outside.join(', ')}`);
  }
  const rehashed = await resultHash({
    equity: results.artifacts.equity.contentHash,
    trades: results.artifacts.trades.contentHash,
    fills: results.artifacts.fills.contentHash,
    metrics: results.artifacts.metrics.contentHash,
  });
  if (rehashed !== results.resultHash)
    refuse('result-hash', `resultHash is ${results.resultHash}, but the four results' contentHashes give ${rehashed}`);

  const files = new Map<string, { sha256: string; bytes: number }>();
  for (const f of manifest.files) {
    if (files.has(f.path)) refuse('manifest', `${f.path} is listed twice`);
    files.set(f.path, f);
  }
  const expectedFiles = [SUMMARY_FILE, ...manifest.artifacts.flatMap((a) => (a.file ? [a.file] : []))];
  for (const path of expectedFiles) if (!files.has(path)) refuse('manifest', `${path} is not in the file list`);
  for (const f of manifest.files)
    if (!expectedFiles.includes(f.path)) refuse('manifest', `the file list names ${f.path}, which no artifact is stored in`);
  if (manifest.files.some((f, i) => f.path !== expectedFiles[i])) refuse('manifest', `files must be listed as ${expectedFiles.join(', ')}`);
  for (const a of manifest.artifacts) {
    if (!a.file) continue;
    const f = files.get(a.file)!;
    if (f.sha256 !== a.record.fileHash)
      refuse('file-hash', `${a.file} is listed with SHA-256 ${f.sha256}, but its record's fileHash is ${a.record.fileHash}`);
    if (f.bytes !== a.record.sizes.storedBytes)
      refuse('file-hash', `${a.file} is listed with ${f.bytes} bytes, but its record says ${a.record.sizes.storedBytes}`);
  }
}
