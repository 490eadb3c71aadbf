// The upgrade of the artifact database from every earlier version, on the browser's real IndexedDB.
import { idbUpgradeSuite } from '../shared/idb-upgrade-suite';

idbUpgradeSuite('Chromium');
