/**
 * Where an import is, for a progress bar: the import use case's dependencies wrapped so each call announces its
 * stage. The use case itself is unchanged — it still sees its ports, in the same order.
 */
import type { ArtifactStore } from '../ports/artifact-store';
import type { ImportArtifactDeps } from './import-artifact';

export type ImportStage = 'reading' | 'decoding' | 'validating' | 'checking' | 'converting' | 'storing' | 'quarantining';

/** How far into one file each stage starts (0…1): decoding and validating a large CSV is most of the work. */
export const STAGE_START: Readonly<Record<ImportStage, number>> = {
  reading: 0,
  decoding: 0.1,
  validating: 0.55,
  checking: 0.7,
  converting: 0.72,
  storing: 0.88,
  quarantining: 0.88,
};

export const STAGE_LABEL: Readonly<Record<ImportStage, string>> = {
  reading: 'reading',
  decoding: 'decoding',
  validating: 'validating and hashing',
  checking: 'looking for the same content',
  converting: 'writing canonical Parquet',
  storing: 'storing',
  quarantining: 'quarantining',
};

const STORE_STAGES: Partial<Record<PropertyKey, ImportStage>> = {
  getByContentHash: 'checking',
  put: 'storing',
  quarantine: 'quarantining',
};

function observedStore(store: ArtifactStore, onStage: (stage: ImportStage) => void): ArtifactStore {
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const stage = STORE_STAGES[prop];
      return (...args: unknown[]) => {
        if (stage) onStage(stage);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export function withImportStages(deps: ImportArtifactDeps, onStage: (stage: ImportStage) => void): ImportArtifactDeps {
  return {
    ...deps,
    store: observedStore(deps.store, onStage),
    decode: async (file) => {
      onStage('decoding');
      const decoded = await deps.decode(file);
      // Validation and the content hash follow a successful decode, inside the use case.
      if (decoded.ok) onStage('validating');
      return decoded;
    },
    parquet: {
      writeParquet: (ipc, settings) => {
        onStage('converting');
        return deps.parquet.writeParquet(ipc, settings);
      },
    },
  };
}
