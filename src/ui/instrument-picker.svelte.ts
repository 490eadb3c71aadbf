import type { InstrumentEntry } from './lab.svelte';

/** The instrument list's find field: entries whose name or detail (interval, source file) contain the typed text. */
export class InstrumentPicker {
  query = $state('');

  constructor(private readonly instruments: () => readonly InstrumentEntry[]) {}

  matching = $derived.by(() => {
    const part = this.query.trim().toLowerCase();
    const all = this.instruments();
    return part === '' ? all : all.filter((i) => i.name.toLowerCase().includes(part) || i.detail.toLowerCase().includes(part));
  });
  samples = $derived(this.matching.filter((i) => i.source === 'sample'));
  files = $derived(this.matching.filter((i) => i.source === 'file'));
}
