/**
 * Named errors of the artifact store. They cross the port boundary as values a caller can branch on
 * (`err instanceof ArtifactInUseError` or `err.name === 'ArtifactInUseError'` after a worker hop).
 */

/** A table cannot be encoded canonically: says which column, which row, what was expected. */
export class CanonicalEncodingError extends Error {
  override name = 'CanonicalEncodingError';
  constructor(
    message: string,
    readonly column?: string,
    readonly row?: number,
  ) {
    super(message);
  }
}

/** An artifact draft or record breaks the manifest rules (bad hash, wrong schema for its kind, …). */
export class InvalidArtifactError extends Error {
  override name = 'InvalidArtifactError';
}

export type InvalidBytesCode = 'empty' | 'truncated' | 'not-parquet';

/** The bytes offered for an artifact are not a complete Parquet file. Nothing was stored. */
export class InvalidBytesError extends Error {
  override name = 'InvalidBytesError';
  constructor(
    readonly code: InvalidBytesCode,
    message: string,
  ) {
    super(message);
  }
}

export class ArtifactNotFoundError extends Error {
  override name = 'ArtifactNotFoundError';
  constructor(readonly id: string) {
    super(`artifact ${id} is not in the store`);
  }
}

/** A put named inputs that are not stored artifacts (quarantined files are never inputs). */
export class MissingInputError extends Error {
  override name = 'MissingInputError';
  constructor(
    readonly id: string,
    readonly missing: readonly string[],
  ) {
    super(`cannot store ${id}: input${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not in the store`);
  }
}

/** Delete refused: other artifacts were made from this one. */
export class ArtifactInUseError extends Error {
  override name = 'ArtifactInUseError';
  constructor(
    readonly id: string,
    readonly dependents: readonly string[],
  ) {
    super(
      `cannot delete ${id}: ${dependents.length} artifact${dependents.length > 1 ? 's' : ''} depend on it (${dependents.join(', ')}); delete those first`,
    );
  }
}

/** Two different contentHashes map to one id (first 96 bits equal). Never expected; refused rather than overwritten. */
export class ArtifactIdCollisionError extends Error {
  override name = 'ArtifactIdCollisionError';
}

/** The storage is full (browser quota, or ENOSPC/EDQUOT on disk). Nothing partial was kept. */
export class StorageQuotaError extends Error {
  override name = 'StorageQuotaError';
}

/** Another writer held the store for longer than the lock timeout. */
export class StoreLockTimeoutError extends Error {
  override name = 'StoreLockTimeoutError';
}

/** The store's folder cannot be written here (a read-only mount, no permission): it still answers reads; writes are refused whole. */
export class StoreReadOnlyError extends Error {
  override name = 'StoreReadOnlyError';
  constructor(
    readonly dir: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The store's own files or records are damaged or of an unknown version; says where. */
export class CorruptStoreError extends Error {
  override name = 'CorruptStoreError';
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
  }
}

/** The store was closed (by the caller, or because a newer version of the lab took it over). */
export class StoreClosedError extends Error {
  override name = 'StoreClosedError';
}

/** Lineage must be a DAG; names the cycle. */
export class LineageCycleError extends Error {
  override name = 'LineageCycleError';
  constructor(readonly cycle: readonly string[]) {
    super(`lineage has a cycle: ${cycle.join(' → ')}`);
  }
}
