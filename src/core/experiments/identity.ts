/**
 * Experiment identity. The normalized spec is the parsed spec (defaults filled in) with keys sorted and numbers in
 * canonical form (canonical-json.ts). Its identity view leaves out what is only for people — the spec's `label`
 * and each input's `label` — so renaming never makes a new experiment.
 *
 *   specHash      = SHA-256( UTF-8( "quantlab/experiment-spec/v1\n" + canonicalJson(identity view) ) ), hex
 *   experimentId  = "exp_" + first 24 hex digits of specHash
 *   runId         = "run_" + first 24 hex digits of
 *                   SHA-256( UTF-8( "quantlab/experiment-run/v1\n" + specHash + "\n" + engineBuildHash ) )
 *
 * The spec holds the inputs' contentHashes and the seed, so the experiment id is a function of inputs + normalized
 * spec: creating the same spec twice is the same experiment. The run id adds the engine build, completing the
 * run identity of the architecture notes (inputs, normalized spec, engine build, seed).
 */
import { sha256 } from 'hash-wasm';
import { canonicalJson } from './canonical-json';
import { parseSpec } from './spec-problems';
import { isLabSpec, type ExperimentSpec } from './spec';

export const EXPERIMENT_ID = /^exp_[0-9a-f]{24}$/;
export const RUN_ID = /^run_[0-9a-f]{24}$/;
const HEX64 = /^[0-9a-f]{64}$/;

export function isExperimentId(value: string): boolean {
  return EXPERIMENT_ID.test(value);
}

/** Defaults are already filled by parsing; this sorts keys and canonicalizes numbers (a deep copy). */
export function normalizeSpec(spec: ExperimentSpec): ExperimentSpec {
  return JSON.parse(canonicalJson(spec)) as ExperimentSpec;
}

/**
 * The spec without what is only for people (labels): what the experiment id is derived from. A version-2 input's
 * `name` stays: results and strategy parameters refer to instruments by it, so it changes what a run means.
 */
export function specIdentityView(spec: ExperimentSpec): Omit<ExperimentSpec, 'label'> {
  if (isLabSpec(spec)) {
    const { label: _label, inputs, ...rest } = spec;
    return {
      ...rest,
      inputs: inputs.map((i) => (i.name === undefined ? { contentHash: i.contentHash } : { contentHash: i.contentHash, name: i.name })),
    };
  }
  const { label: _label, inputs, ...rest } = spec;
  const view = { ...rest, inputs: inputs.map((i) => ({ contentHash: i.contentHash })) };
  // A SQL signal's derived artifacts count by content only, like inputs; a spec without them hashes as before.
  if ('derived' in view && view.derived) view.derived = view.derived.map((d) => ({ contentHash: d.contentHash }));
  return view;
}

export async function specHash(spec: ExperimentSpec): Promise<string> {
  return sha256(`quantlab/experiment-spec/v1\n${canonicalJson(specIdentityView(spec))}`);
}

export function experimentIdOf(specHashHex: string): string {
  if (!HEX64.test(specHashHex)) throw new TypeError(`specHash must be 64 lowercase hex digits, got "${specHashHex}"`);
  return `exp_${specHashHex.slice(0, 24)}`;
}

export async function runIdOf(specHashHex: string, engineBuildHash: string): Promise<string> {
  if (!HEX64.test(specHashHex)) throw new TypeError(`specHash must be 64 lowercase hex digits, got "${specHashHex}"`);
  return `run_${(await sha256(`quantlab/experiment-run/v1\n${specHashHex}\n${engineBuildHash}`)).slice(0, 24)}`;
}

export interface PreparedSpec {
  spec: ExperimentSpec;
  specHash: string;
  id: string;
}

/** Normalizes a parsed spec and derives its identity. */
export async function identifySpec(parsed: ExperimentSpec): Promise<PreparedSpec> {
  const spec = normalizeSpec(parsed);
  const hash = await specHash(spec);
  return { spec, specHash: hash, id: experimentIdOf(hash) };
}

/**
 * Checks that a PreparedSpec handed to a tracker is what its spec hashes to (TypeError otherwise) and returns it
 * normalized: trackers never store an identity they did not derive themselves.
 */
export async function verifyPrepared(prepared: PreparedSpec): Promise<PreparedSpec> {
  const again = await identifySpec(prepared.spec);
  if (again.specHash !== prepared.specHash || again.id !== prepared.id) {
    throw new TypeError(`spec does not hash to ${prepared.id} (${prepared.specHash}); it hashes to ${again.id} (${again.specHash})`);
  }
  return again;
}

/** Validates raw JSON (SpecValidationError naming paths and rules), normalizes it and derives its identity. */
export async function prepareSpec(raw: unknown, source?: string): Promise<PreparedSpec> {
  return identifySpec(parseSpec(raw, source));
}
