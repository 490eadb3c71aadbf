/**
 * Run links: a finished run, in the fragment of a URL, so anyone can re-run it and compare.
 *
 *   #/run/v1/<payload>
 *   payload = base64url( deflate-raw( UTF-8( canonicalJson({ v: 1, spec, engineBuildHash, expectedResultHash, inputs }) ) ) )
 *
 * - `spec` is the experiment spec (docs/experiment-spec.schema.json), normalized: defaults filled in, keys sorted.
 * - `engineBuildHash` is the SHA-256 of the engine build that produced the result; `expectedResultHash` the
 *   result's identity (src/core/experiments/result-hash.ts).
 * - `inputs` name the data by contentHash, in the spec's order, with what helps a person find the file: a label,
 *   the number of rows, the instrument. They must name exactly the spec's inputs.
 *
 * The fragment never reaches a server. A link is untrusted input: it is size-limited before and after inflating
 * (a small payload cannot inflate into megabytes), decoded strictly, and validated with the spec's own schema; the
 * errors name the rule broken. The version sits in the path, so a later format is `#/run/v2/…` beside this one.
 */
import { deflateSync, Inflate } from 'fflate';
import { z } from 'zod';
import { canonicalJson } from '../experiments/canonical-json';
import { normalizeSpec } from '../experiments/identity';
import { MAX_UNIVERSE } from '../experiments/lab-spec';
import { checkSpec } from '../experiments/spec-problems';
import type { ExperimentSpec } from '../experiments/spec';
import { base64urlDecode, base64urlEncode } from './base64url';
import { RunLinkError } from './errors';

export const RUN_LINK_VERSION = 1;
export const RUN_LINK_PREFIX = `#/run/v${RUN_LINK_VERSION}/`;

/** Limits on what a link may be: its base64url payload, and the JSON it inflates to. */
export const RUN_LINK_LIMITS = Object.freeze({ maxPayloadChars: 96 * 1024, maxJsonBytes: 64 * 1024 });

/** About how many inputs a link holds within maxJsonBytes (measured: docs/reproduce.md); said when a link is refused. */
export const RUN_LINK_MAX_INPUTS_HINT = 250;

export interface RunLinkInput {
  contentHash: string;
  /** What people call it (the spec input's label), e.g. GOOG. */
  label?: string;
  /** Rows (bars) of the artifact. */
  rows?: number;
  /** The artifact's instrument, e.g. GOOG. */
  instrument?: string;
}

export interface RunLink {
  v: typeof RUN_LINK_VERSION;
  spec: ExperimentSpec;
  engineBuildHash: string;
  expectedResultHash: string;
  inputs: RunLinkInput[];
}

const HEX64 = /^[0-9a-f]{64}$/;
const sha256Hex = z
  .string({ error: 'expected 64 lowercase hex digits (SHA-256)' })
  .regex(HEX64, { error: 'expected 64 lowercase hex digits (SHA-256)' });
const text = z
  .string({ error: 'expected a non-empty text of at most 200 characters' })
  .min(1, { error: 'expected a non-empty text of at most 200 characters' })
  .max(200, { error: 'expected a non-empty text of at most 200 characters' });

const RunLinkInputSchema = z.strictObject({
  contentHash: sha256Hex,
  label: text.optional(),
  rows: z
    .number({ error: 'expected a whole number ≥ 0' })
    .int({ error: 'expected a whole number ≥ 0' })
    .min(0, { error: 'expected a whole number ≥ 0' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'expected a whole number ≥ 0' })
    .optional(),
  instrument: text.optional(),
});

/** The payload's outer shape; `spec` is checked by the spec's own schema afterwards (its messages name spec paths). */
const RunLinkPayloadSchema = z.strictObject({
  v: z.literal(RUN_LINK_VERSION, { error: `expected ${RUN_LINK_VERSION}` }),
  spec: z
    .unknown()
    .refine((s) => typeof s === 'object' && s !== null && !Array.isArray(s), { error: 'expected the experiment spec (a JSON object)' }),
  engineBuildHash: sha256Hex,
  expectedResultHash: sha256Hex,
  inputs: z
    .array(RunLinkInputSchema, { error: 'expected a list of inputs' })
    .min(1, { error: 'expected at least one input' })
    // A version-2 universe has up to 1,000 inputs (the JSON size limit binds first, at a few hundred).
    .max(MAX_UNIVERSE, { error: `expected at most ${MAX_UNIVERSE} inputs` }),
});

function linkPath(path: readonly PropertyKey[]): string {
  let out = 'link';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `${linkPath([...issue.path, k])}: unknown key`).join('; ');
  return `${linkPath(issue.path)}: ${issue.message}`;
}

const utf8 = new TextEncoder();

/** Checks a link's parts (the same rules decoding applies) and returns it with a normalized spec. */
export function checkRunLink(raw: unknown): RunLink {
  const outer = RunLinkPayloadSchema.safeParse(raw);
  if (!outer.success) throw new RunLinkError('schema', outer.error.issues.map(issueText).join('; '));
  const spec = checkSpec(outer.data.spec);
  if (!spec.ok) throw new RunLinkError('spec', spec.problems.map((p) => `link.${p.path}: ${p.message}`).join('; '));
  const inputs = outer.data.inputs;
  const named = spec.spec.inputs.map((i) => i.contentHash);
  if (inputs.length !== named.length || inputs.some((input, i) => input.contentHash !== named[i])) {
    throw new RunLinkError(
      'inputs-match-spec',
      `link.inputs name ${inputs.map((i) => i.contentHash.slice(0, 12)).join(', ')} but the spec's inputs are ${named.map((h) => h.slice(0, 12)).join(', ')}; they must be the same, in the same order`,
    );
  }
  return {
    v: RUN_LINK_VERSION,
    spec: normalizeSpec(spec.spec),
    engineBuildHash: outer.data.engineBuildHash,
    expectedResultHash: outer.data.expectedResultHash,
    inputs: inputs.map((i) => ({
      contentHash: i.contentHash,
      ...(i.label === undefined ? {} : { label: i.label }),
      ...(i.rows === undefined ? {} : { rows: i.rows }),
      ...(i.instrument === undefined ? {} : { instrument: i.instrument }),
    })),
  };
}

/** The link as a URL fragment, `#/run/v1/<payload>`. The same link always gives the same text. */
export function encodeRunLink(link: RunLink): string {
  const checked = checkRunLink(link);
  const json = utf8.encode(canonicalJson(checked));
  if (json.length > RUN_LINK_LIMITS.maxJsonBytes) {
    // Every input costs about 250 bytes (its contentHash in the spec and in the list, name, rows): a universe of
    // more than about 250 instruments cannot travel in a link. A bundle carries any universe.
    const n = checked.inputs.length;
    throw new RunLinkError(
      'size',
      `the link's JSON is ${json.length} bytes; the limit is ${RUN_LINK_LIMITS.maxJsonBytes}${n > 1 ? ` — a universe of ${n} inputs is too large for a run link (about ${RUN_LINK_MAX_INPUTS_HINT} fit)` : ''}; export a result bundle instead (Export bundle, or quantlab experiments export <id> <file.zip> --with-inputs), which carries every input`,
    );
  }
  return RUN_LINK_PREFIX + base64urlEncode(deflateSync(json, { level: 9 }));
}

/** A full URL: `base` (its own fragment dropped) with the link as fragment. */
export function runLinkUrl(base: string, link: RunLink): string {
  const at = base.indexOf('#');
  return (at < 0 ? base : base.slice(0, at)) + encodeRunLink(link);
}

/** Whether a location hash (or any text) holds a run link of some version, worth decoding. */
export function looksLikeRunLink(textOrHash: string): boolean {
  return /#\/run\/v\d+\//.test(textOrHash) || /^\/run\/v\d+\//.test(textOrHash.trim());
}

class TooLarge extends Error {}

/** Raw DEFLATE inflated in small steps, stopping as soon as the output passes `limit`. */
function inflateLimited(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new TooLarge();
    chunks.push(chunk.slice());
  });
  const STEP = 1024;
  try {
    if (data.length === 0) throw new RunLinkError('deflate', 'the payload is empty');
    for (let at = 0; at < data.length; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
  } catch (e) {
    if (e instanceof TooLarge) throw new RunLinkError('size', `the payload inflates to more than ${limit} bytes (the limit)`);
    if (e instanceof RunLinkError) throw e;
    throw new RunLinkError('deflate', `the payload is not raw DEFLATE data (${e instanceof Error ? e.message : String(e)})`);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Reads a run link from a full URL, a fragment (`#/run/v1/…`) or the path after `#` (`/run/v1/…`). Throws
 * RunLinkError naming the rule; never anything else for any input text.
 */
export function decodeRunLink(input: string): RunLink {
  const trimmed = input.trim();
  const hashAt = trimmed.indexOf('#');
  const fragment = hashAt >= 0 ? trimmed.slice(hashAt) : trimmed.startsWith('/run/') ? `#${trimmed}` : trimmed;
  const m = /^#\/run\/v(\d{1,6})\/([^]*)$/.exec(fragment);
  if (!m) throw new RunLinkError('prefix', `expected a URL or fragment of the form ${RUN_LINK_PREFIX}<payload>`);
  const version = Number(m[1]);
  if (version !== RUN_LINK_VERSION) {
    throw new RunLinkError(
      'version',
      version > RUN_LINK_VERSION
        ? `version ${version} is newer than this lab reads (${RUN_LINK_VERSION}); update the lab`
        : `version ${version} is not a run link version (this lab reads ${RUN_LINK_VERSION})`,
    );
  }
  const payload = m[2];
  if (payload.length > RUN_LINK_LIMITS.maxPayloadChars) {
    throw new RunLinkError('size', `the payload is ${payload.length} characters; the limit is ${RUN_LINK_LIMITS.maxPayloadChars}`);
  }
  const decoded = base64urlDecode(payload);
  if (!decoded.ok) throw new RunLinkError('base64url', `the payload is not base64url: ${decoded.message}`);
  const json = inflateLimited(decoded.bytes, RUN_LINK_LIMITS.maxJsonBytes);
  let textValue: string;
  try {
    textValue = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    throw new RunLinkError('utf8', 'the payload does not inflate to UTF-8 text');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(textValue);
  } catch (e) {
    throw new RunLinkError('json', `the payload is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return checkRunLink(raw);
}
