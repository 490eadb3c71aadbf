// The experiment-tracker contract suite against the IndexedDB adapter on the browser's real IndexedDB.
import { IdbExperimentTracker } from '../../src/adapters/browser/idb-experiment-tracker';
import { experimentTrackerSuite } from '../shared/experiment-tracker-suite';

experimentTrackerSuite('IdbExperimentTracker in Chromium', {
  open: (storage) => IdbExperimentTracker.open({ name: storage }),
});
