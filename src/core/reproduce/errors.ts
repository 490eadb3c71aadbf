/**
 * Named errors of run links and bundles. Both come from outside (a URL someone sent, a file someone dropped), so
 * every refusal says which rule was broken — and, for a bundle, which file inside it — in one line a person can act
 * on: `results/equity.parquet: SHA-256 is 3f…, manifest.json says 9a… [rule: checksum]`.
 */

export type RunLinkRule = 'prefix' | 'version' | 'size' | 'base64url' | 'deflate' | 'utf8' | 'json' | 'schema' | 'spec' | 'inputs-match-spec';

/** A run link that cannot be read: nothing was run and nothing was stored. */
export class RunLinkError extends Error {
  override name = 'RunLinkError';
  constructor(
    readonly rule: RunLinkRule,
    detail: string,
  ) {
    super(`run link: ${detail} [rule: ${rule}]`);
  }
}

export type BundleRule =
  | 'size'
  | 'zip'
  | 'zip-canonical'
  | 'crc'
  | 'manifest'
  | 'unknown-file'
  | 'missing-file'
  | 'checksum'
  | 'parquet'
  | 'file-hash'
  | 'content-hash'
  | 'record'
  | 'lineage'
  | 'result-hash'
  | 'spec'
  | 'summary'
  | 'missing-input';

/**
 * A bundle refused before anything was stored. `file` is the entry the problem is in (`manifest.json`,
 * `results/equity.parquet`), or null for the archive as a whole.
 */
export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    readonly file: string | null,
    readonly rule: BundleRule,
    detail: string,
  ) {
    super(`${file ?? 'zip'}: ${detail} [rule: ${rule}]`);
  }
}
