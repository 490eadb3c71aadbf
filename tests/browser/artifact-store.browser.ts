// The artifact-store contract suite against the IndexedDB adapter on the browser's real IndexedDB.
import { IdbArtifactStore } from '../../src/adapters/browser/idb-artifact-store';
import { artifactStoreSuite } from '../shared/artifact-store-suite';

artifactStoreSuite('IdbArtifactStore in Chromium', {
  open: ({ storage, clock, faults }) => IdbArtifactStore.open({ name: storage, clock, faults }),
  quotaError: () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
});
