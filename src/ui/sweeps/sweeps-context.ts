import { getContext } from 'svelte';
import type { SweepState } from '../sweeps.svelte';

const KEY = Symbol('sweeps');

/** Context entries to mount the app with, so the Sweeps view can reach its state through useSweeps(). */
export function sweepsContext(sweeps: SweepState): Map<symbol, SweepState> {
  return new Map([[KEY, sweeps]]);
}

export function useSweeps(): SweepState {
  const sweeps = getContext<SweepState | undefined>(KEY);
  if (!sweeps) throw new Error('useSweeps() called outside the lab (mount the app with sweepsContext)');
  return sweeps;
}
