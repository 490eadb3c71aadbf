// Sweep worker entry (worker_threads): one engine instance serving NodeSweepPool's requests. Wiring only.
import { parentPort } from 'node:worker_threads';
import { serveSweepRequests } from './sweep-pool';

if (!parentPort) throw new Error('sweep-worker.ts runs inside a worker thread (NodeSweepPool starts it)');
serveSweepRequests(parentPort);
