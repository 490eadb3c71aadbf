// Sweep worker entry: one SweepService (an engine instance and its prepared bars) exposed over Comlink. Wiring only.
import * as Comlink from 'comlink';
import { SweepService } from '../src/adapters/browser/sweep-service';

Comlink.expose(new SweepService());
