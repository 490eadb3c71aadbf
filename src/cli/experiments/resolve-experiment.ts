/**
 * What a person types to name an experiment: its id (`exp_` + 24 hex digits), or a prefix of it or of its
 * specHash (at least 4 hex digits, `exp_` optional). A prefix that matches several is refused with the
 * candidates, never guessed.
 */
import { isExperimentId } from '../../core/experiments/identity';
import type { ExperimentRecord } from '../../core/experiments/record';
import type { ExperimentTracker } from '../../ports/experiment-tracker';
import { CliError } from '../cli-error';

const REF = /^(exp_)?[0-9a-f]{4,64}$/;

export async function resolveExperiment(tracker: ExperimentTracker, ref: string): Promise<ExperimentRecord> {
  const text = ref.trim().toLowerCase();
  if (isExperimentId(text)) {
    const record = await tracker.get(text);
    if (!record) throw new CliError(`no experiment ${text} in the store`, 1);
    return record;
  }
  if (!REF.test(text)) throw new CliError(`"${ref}" is not an experiment id or prefix (exp_ + hex digits, or at least 4 hex digits)`, 2);
  const bare = text.startsWith('exp_') ? text.slice(4) : text;
  const matches = (await tracker.list()).filter((r) => r.specHash.startsWith(bare));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const shown = matches
      .slice(0, 8)
      .map((r) => r.id)
      .join(', ');
    throw new CliError(`"${ref}" matches ${matches.length} experiments (${shown}${matches.length > 8 ? ', …' : ''}); give more digits`, 1);
  }
  throw new CliError(`no experiment matches "${ref}" in the store`, 1);
}
