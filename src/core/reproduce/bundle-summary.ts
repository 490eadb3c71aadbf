/**
 * summary.txt: a bundle described for people, rendered from its manifest only — the same manifest always gives the
 * same text, so importing checks the file is the summary of this bundle. It names the Parquet files with their
 * SHA-256 (`sha256sum -c` can read those lines after unzipping), taken from the artifacts' fileHash.
 */
import type { ArtifactRecord } from '../artifacts/record';
import { specSeed } from '../experiments/spec';
import { resultRolesOf, type BundleManifest } from './bundle-format';

function day(ms: number | undefined): string {
  return ms === undefined ? '?' : new Date(ms).toISOString().slice(0, 10);
}

function range(r: ArtifactRecord): string {
  return r.timeRange ? `${day(r.timeRange.startMs)} → ${day(r.timeRange.endMs)}` : 'no rows';
}

function num(v: number | null): string {
  if (v === null) return '—';
  return Number.isInteger(v) ? String(v) : v.toPrecision(8).replace(/\.?0+$/, '');
}

export function bundleSummary(manifest: BundleManifest): string {
  const e = manifest.experiment;
  const results = e.results!;
  const spec = e.spec;
  const lines: string[] = [];
  lines.push(`quantlab result bundle (format ${manifest.bundleVersion}, written by quantlab ${manifest.appVersion})`, '');
  lines.push(`experiment   ${e.id}${spec.label ? `  ${JSON.stringify(spec.label)}` : ''}`);
  lines.push(`strategy     ${spec.strategy} on the ${spec.profile} profile, seed ${specSeed(spec)}`);
  lines.push(`finished     ${e.provenance.finishedAt ?? '?'} (attempt ${e.attempts})`);
  lines.push(`engine       ${results.engineBuildHash}`);
  lines.push(`run          ${results.runId}`);
  lines.push(`resultHash   ${results.resultHash}`, '');
  lines.push('headline numbers');
  for (const [key, value] of Object.entries(results.summary).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    lines.push(`  ${key.padEnd(24)} ${num(value)}`);
  lines.push('', 'inputs');
  for (const a of manifest.artifacts.filter((x) => x.role === 'input')) {
    const r = a.record;
    lines.push(`  ${r.id}  ${r.instruments.join(', ') || '-'}  ${r.rowCount} rows  ${range(r)}  ${r.interval ?? 'irregular'}`);
    lines.push(`    contentHash ${r.contentHash}`);
    lines.push(`    ${a.file ? `in ${a.file}` : 'not included: supply the file (it is checked by contentHash)'}`);
  }
  lines.push('', 'results');
  const roles = resultRolesOf(spec);
  // Eight columns wide as in format 1; wider when a lab-profile role name (attribution) needs it.
  const width = Math.max(8, ...roles.map((r) => r.length));
  for (const role of roles) {
    const a = manifest.artifacts.find((x) => x.role === role);
    // A manifest without it is refused by the consistency check; the summary of it just leaves the line out.
    if (!a) continue;
    lines.push(`  ${role.padEnd(width)} ${a.record.id}  ${a.record.rowCount} rows  contentHash ${a.record.contentHash}`);
  }
  lines.push(
    '',
    'spec',
    ...JSON.stringify(spec, null, 2)
      .split('\n')
      .map((l) => `  ${l}`),
  );
  lines.push('', 'SHA-256 of the Parquet files (sha256sum -c)');
  for (const a of manifest.artifacts) if (a.file) lines.push(`${a.record.fileHash}  ${a.file}`);
  lines.push('', 'Import it: quantlab bundle import <bundle.zip>, or drop it on the lab\'s "Bundles" control.');
  lines.push('Re-run it: quantlab reproduce <bundle.zip> [--data <dir>]', '');
  return lines.join('\n');
}
