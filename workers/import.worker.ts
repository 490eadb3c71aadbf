// Import worker entry: one ImportService exposed over Comlink. Wiring only.
import * as Comlink from 'comlink';
import { ImportService } from '../src/adapters/browser/import-service';

Comlink.expose(new ImportService());
