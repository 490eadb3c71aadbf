import { getContext } from 'svelte';
import type { ReproduceState } from '../reproduce.svelte';
import type { BundleImportState } from './bundle-import-state.svelte';

const KEY = Symbol('reproduce');

export interface ReproduceContext {
  reproduce: ReproduceState;
  bundles: BundleImportState;
}

/** Context entries to mount the app with, so the reproduce panel and the Bundles control reach their state. */
export function reproduceContext(value: ReproduceContext): Map<symbol, ReproduceContext> {
  return new Map([[KEY, value]]);
}

export function useReproduce(): ReproduceContext {
  const value = getContext<ReproduceContext | undefined>(KEY);
  if (!value) throw new Error('useReproduce() called outside the lab (mount the app with reproduceContext)');
  return value;
}
