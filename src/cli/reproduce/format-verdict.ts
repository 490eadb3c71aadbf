/** The verdict as `quantlab reproduce` prints it: the verdict line first, then what it was judged on. */
import type { ExperimentRecord } from '../../core/experiments/record';
import type { RunLink } from '../../core/reproduce/run-link';
import { verdictLine, type Verdict } from '../../core/reproduce/verdict';
import type { NeededInput } from '../../handlers/reproduce/needed-inputs';
import { inputName } from '../../handlers/reproduce/needed-inputs';
import { keyValueBlock } from '../artifacts/text-table';

export interface InputSource {
  index: number;
  /** Where the input came from: the store, a bundle, or a file of --data. */
  source: string;
}

export function verdictText(
  verdict: Verdict,
  link: RunLink,
  experiment: ExperimentRecord | null,
  inputs: readonly NeededInput[],
  sources: readonly InputSource[],
): string {
  const pairs: [string, string][] = [];
  if (verdict.verdict === 'different') pairs.push(['why', verdict.message]);
  const spec = link.spec;
  const params = Object.entries(spec.params)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v) : v}`)
    .join(' ');
  pairs.push([
    'experiment',
    `${experiment?.id ?? '(not run)'} · ${spec.strategy} ${params} · ${spec.profile}${spec.label ? ` · ${JSON.stringify(spec.label)}` : ''}`,
  ]);
  pairs.push(['resultHash', verdict.actual.resultHash ?? '(none)']);
  pairs.push(['expected', verdict.expected.resultHash ?? '(none)']);
  pairs.push([
    'engine',
    `${verdict.actual.engineBuildHash ?? '(none)'}${verdict.actual.engineBuildHash === link.engineBuildHash ? ' (as the original)' : ` (original ${link.engineBuildHash})`}`,
  ]);
  for (const input of inputs) {
    const from = sources.find((s) => s.index === input.index)?.source;
    const state =
      input.status === 'found' || from ? `${input.record?.id ?? ''}${from ? ` from ${from}` : ''}` : 'missing (supply it with --data DIR)';
    pairs.push([`input ${input.index + 1}`, `${inputName(input)} ${input.contentHash.slice(0, 12)}… ${state}`.trim()]);
  }
  return `${verdictLine(verdict)}\n${keyValueBlock(pairs)}`;
}
