import { getContext } from 'svelte';
import type { Lab } from './lab.svelte';

const KEY = Symbol('lab');

/** The context map to mount the app with, so every component can reach the lab through useLab(). */
export function labContext(lab: Lab): Map<symbol, Lab> {
  return new Map([[KEY, lab]]);
}

export function useLab(): Lab {
  const lab = getContext<Lab | undefined>(KEY);
  if (!lab) throw new Error('useLab() called outside the lab');
  return lab;
}
