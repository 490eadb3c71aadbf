/**
 * A version-2 spec's universe checked against the store before the experiment exists: every input must be a
 * stored ohlcv artifact (an unknown contentHash, a quarantined file or another kind of artifact is refused), an
 * input without a name takes its artifact's instrument, names must be unique, and every input must have the same
 * bar interval. Every problem is reported at once, naming the input (`spec.inputs[3]`, its name and hash), as a
 * SpecValidationError: nothing is stored.
 */
import type { ArtifactRecord } from '../../core/artifacts/record';
import { SpecValidationError } from '../../core/experiments/errors';
import type { LabSpec } from '../../core/experiments/lab-spec';
import { unknownPortfolioNames } from '../../core/experiments/portfolio-spec';
import type { SpecProblem } from '../../core/experiments/spec-problems';
import type { ArtifactStore } from '../../ports/artifact-store';

function who(i: number, name: string | undefined, hash: string): string {
  return `inputs[${i}]${name ? ` ${name}` : ''} (${hash.slice(0, 12)}…)`;
}

async function unknownInput(store: ArtifactStore, hash: string): Promise<string> {
  const quarantined = (await store.listQuarantine()).find((q) => q.fileHash === hash);
  if (quarantined) return `the quarantined file ${quarantined.sourceFileName} (${quarantined.id}): quarantined files are never used as data`;
  return 'unknown contentHash: no artifact in the store has it; import the bars first';
}

export async function resolveUniverse(store: ArtifactStore, spec: LabSpec, source?: string): Promise<LabSpec> {
  const problems: SpecProblem[] = [];
  const records: Array<ArtifactRecord | undefined> = [];
  for (const [i, input] of spec.inputs.entries()) {
    const record = await store.getByContentHash(input.contentHash);
    records.push(record);
    if (!record)
      problems.push({
        path: `spec.inputs[${i}].contentHash`,
        message: `${who(i, input.name, input.contentHash)}: ${await unknownInput(store, input.contentHash)}`,
      });
    else if (record.kind !== 'ohlcv')
      problems.push({
        path: `spec.inputs[${i}].contentHash`,
        message: `${who(i, input.name, input.contentHash)} is ${record.id}, a ${record.kind} artifact, not OHLCV bars: the lab profile reads ohlcv bars`,
      });
  }
  const inputs = spec.inputs.map((input, i) => ({
    contentHash: input.contentHash,
    name: input.name ?? records[i]?.instruments[0] ?? records[i]?.id ?? input.contentHash.slice(0, 12),
  }));

  const byName = new Map<string, number>();
  inputs.forEach((input, i) => {
    const first = byName.get(input.name);
    if (first === undefined) byName.set(input.name, i);
    else
      problems.push({
        path: `spec.inputs[${i}].name`,
        message: `duplicated name ${JSON.stringify(input.name)}: ${who(first, undefined, inputs[first].contentHash)} is called so too${spec.inputs[i].name === undefined ? " (the artifact's instrument)" : ''}; give one of them another name`,
      });
  });

  const intervals = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (!r || r.kind !== 'ohlcv') return;
    const key = r.interval ?? 'unknown';
    intervals.set(key, [...(intervals.get(key) ?? []), i]);
  });
  if (intervals.size > 1) {
    const parts = [...intervals].map(([interval, at]) => {
      const listed = at.slice(0, 5).map((i) => `inputs[${i}] ${inputs[i].name}`);
      return `${interval}: ${listed.join(', ')}${at.length > 5 ? ` and ${at.length - 5} more` : ''}`;
    });
    problems.push({
      path: 'spec.inputs',
      message: `mixed intervals in one universe (${parts.join('; ')}); every input must have the same bar interval`,
    });
  }

  problems.push(
    ...unknownPortfolioNames(
      spec,
      inputs.map((i) => i.name),
    ),
  );
  if (problems.length > 0) throw new SpecValidationError(problems, source);
  return { ...spec, inputs };
}
