// Lab sweep worker entry (worker_threads): one engine instance serving NodeLabSweepPool's requests. Wiring only.
import { parentPort } from 'node:worker_threads';
import { serveLabSweepRequests } from './lab-sweep-pool';

if (!parentPort) throw new Error('lab-sweep-worker.ts runs inside a worker thread (NodeLabSweepPool starts it)');
serveLabSweepRequests(parentPort);
