/**
 * What a manifest must say to be one experiment's bundle, checked without its files (bundle-verify.ts checks the
 * bytes against it). A builder runs the same checks before writing, so the lab never writes a bundle it would refuse.
 *
 * - the experiment is `done`, its spec hashes to its id, its runId is spec hash + engine build;
 * - the format version is the spec's (1; 2 for a lab-profile spec), and there is one artifact per result role of
 *   the spec (four; eight for the lab profile), each the experiment's result artifact (id, contentHash, rows),
 *   kind `results`;
 * - the inputs are the experiment's frozen inputs, in order, with the spec's contentHashes, kind `ohlcv`;
 * - lineage: every result was made from exactly those inputs, and no record points outside the bundle;
 * - the resultHash is the hash of the results' contentHashes (result-hash.ts: version 1 over four, version 2 over eight);
 * - files: summary.txt plus one file per artifact that has one, with the record's fileHash and size.
 */
import { verifyPrepared } from '../experiments/identity';
import { type ExperimentResultRole } from '../experiments/record';
import { labExperimentResultHash, resultHash } from '../experiments/result-hash';
import { runIdOf } from '../experiments/identity';
import { isLabSpec } from '../experiments/spec';
import { bundleVersionOf, inputFile, resultFile, resultRolesOf, SUMMARY_FILE, type BundleManifest } from './bundle-format';
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
  const version = bundleVersionOf(e.spec);
  if (manifest.bundleVersion !== version) {
    refuse(
      'manifest',
      `bundle version ${manifest.bundleVersion} does not fit a ${isLabSpec(e.spec) ? 'lab-profile (version-2)' : 'version-1'} experiment; its bundle is version ${version}`,
    );
  }
  const roles = resultRolesOf(e.spec);
  const extra = Object.keys(results.artifacts).filter((role) => !(roles as readonly string[]).includes(role));
  if (extra.length > 0)
    refuse('record', `the experiment's results name ${extra.join(', ')}; a ${e.spec.profile}-profile experiment has ${roles.join(', ')}`);
  const runId = await runIdOf(e.specHash, results.engineBuildHash);
  if (runId !== results.runId) refuse('record', `runId is ${results.runId}, but spec hash and engine build give ${runId}`);

  const inputs = manifest.artifacts.filter((a) => a.role === 'input');
  const expectedOrder = [...inputs.map(() => 'input'), ...roles];
  const found = manifest.artifacts.map((a) => a.role);
  if (found.length !== expectedOrder.length || found.some((r, i) => r !== expectedOrder[i])) {
    refuse('record', `artifacts are ${found.join(', ')}; expected the inputs, then ${roles.join(', ')}, one each`);
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
  for (const role of roles) {
    const a = manifest.artifacts.find((x) => x.role === role)!;
    const ref = results.artifacts[role];
    if (!ref) refuse('record', `the experiment's results name no ${role} table; a ${e.spec.profile}-profile experiment has ${roles.join(', ')}`);
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
  const hashes = Object.fromEntries(roles.map((role) => [role, results.artifacts[role]!.contentHash])) as Record<ExperimentResultRole, string>;
  const rehashed = isLabSpec(e.spec) ? await labExperimentResultHash(hashes, roles) : await resultHash(hashes);
  if (rehashed !== results.resultHash)
    refuse('result-hash', `resultHash is ${results.resultHash}, but the ${roles.length} results' contentHashes give ${rehashed}`);

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
