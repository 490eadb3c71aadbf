/**
 * Who holds an experiment's attempt, for a Node process: `node/<host>/<pid>`. A later process on the same host
 * tells a crashed or killed holder (pid gone) from one still running; a holder on another host (a shared store
 * directory) cannot be checked and is left alone.
 */
import { hostname } from 'node:os';
import { pidAlive } from '../artifacts/dir-lock';

export function nodeSession(pid = process.pid, host = hostname()): string {
  return `node/${host}/${pid}`;
}

export function nodeSessionAlive(session: string): boolean {
  const m = /^node\/(.+)\/(\d+)$/.exec(session);
  if (!m) return true; // not a Node session (a browser tab?): not ours to judge
  if (m[1] !== hostname()) return true;
  return pidAlive(Number(m[2]));
}
