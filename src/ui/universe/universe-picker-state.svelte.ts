import type { ArtifactRecord } from '../../core/artifacts/record';
import type { IntervalName } from '../../core/domain/interval';
import { SAMPLE_TAG, SAMPLE_UNIVERSE_TAG } from '../../core/sample/tag';
import type { ImportResult } from '../../handlers/import-files';
import { errorMessage } from '../error-message';

/** Inputs a version-2 spec takes at most. */
export const MAX_UNIVERSE = 1000;

/** An ohlcv artifact the picker offers (the lab's instrument entries fit). */
export interface UniverseCandidate {
  readonly id: string;
  readonly name: string;
  readonly detail: string;
  readonly record: ArtifactRecord;
}

/** One chosen instrument as a version-2 experiment names its input. */
export interface UniverseInput {
  readonly artifactId: string;
  readonly contentHash: string;
  /** Default input name: the artifact's instrument (unique in a selection). */
  readonly name: string;
  readonly interval: IntervalName;
}

export interface UniversePickerDeps<F> {
  candidates(): readonly UniverseCandidate[];
  /** Stores the sample universe if it is not yet (one batch) and returns its members' records. */
  storeSampleUniverse(): Promise<readonly ArtifactRecord[]>;
  /** Imports files (a dropped or picked folder) and reports each one. */
  importFiles(files: F[]): Promise<readonly ImportResult[]>;
}

/** The name an input gets by default. */
export function inputName(record: ArtifactRecord): string {
  return record.instruments[0] ?? record.id;
}

/** Where an artifact came from, for "all of your data": neither the start's samples nor the sample universe. */
function isYourData(record: ArtifactRecord): boolean {
  return !record.tags.includes(SAMPLE_TAG) && !record.tags.includes(SAMPLE_UNIVERSE_TAG);
}

/**
 * The instruments of a universe experiment: several ohlcv artifacts of one interval, each under a distinct name.
 * Chosen one by one from a filtered list, or all of your data, or the sample universe, or a folder of files
 * (imported first). What cannot be added says why; `selection` is what the experiment form takes.
 */
export class UniversePicker<F = File> {
  query = $state('');
  /** Chosen artifacts, in the order they were chosen. */
  chosen = $state.raw<readonly ArtifactRecord[]>([]);
  /** What the last action left out or failed on (null when all went in). */
  notice = $state<string | null>(null);
  busy = $state<null | 'sample-universe' | 'files'>(null);

  constructor(private readonly deps: UniversePickerDeps<F>) {}

  /** The interval every member shares (the first chosen one's). */
  interval = $derived<IntervalName | null>(this.chosen[0]?.interval ?? null);
  private chosenIds = $derived(new Set(this.chosen.map((r) => r.id)));

  selection = $derived<UniverseInput[]>(
    this.chosen.map((r) => ({ artifactId: r.id, contentHash: r.contentHash, name: inputName(r), interval: r.interval as IntervalName })),
  );
  count = $derived(this.chosen.length);

  /** Candidates whose name, detail or instrument contain the typed text (any letter case). */
  matching = $derived.by(() => {
    const part = this.query.trim().toLowerCase();
    const all = this.deps.candidates();
    if (part === '') return all;
    return all.filter(
      (c) => c.name.toLowerCase().includes(part) || c.detail.toLowerCase().includes(part) || inputName(c.record).toLowerCase().includes(part),
    );
  });

  isChosen(id: string): boolean {
    return this.chosenIds.has(id);
  }

  /** Why `record` cannot join the selection as it is, or null when it can. */
  refusal(record: ArtifactRecord, chosen: readonly ArtifactRecord[] = this.chosen): string | null {
    if (chosen.some((r) => r.id === record.id)) return null;
    if (record.kind !== 'ohlcv') return `not OHLCV bars (${record.kind})`;
    if (record.interval === null) return 'irregular bars: no interval to share with the others';
    const interval = chosen[0]?.interval;
    if (interval && record.interval !== interval) return `${record.interval} bars; the selection is ${interval}`;
    const name = inputName(record);
    const clash = chosen.find((r) => inputName(r) === name);
    if (clash) return `another "${name}" is selected (${clash.id})`;
    if (chosen.length >= MAX_UNIVERSE) return `a universe holds at most ${MAX_UNIVERSE.toLocaleString('en-US')} instruments`;
    return null;
  }

  /** Adds or removes one candidate; one that cannot be added is named with the reason. */
  toggle(record: ArtifactRecord): void {
    if (this.chosenIds.has(record.id)) {
      this.chosen = this.chosen.filter((r) => r.id !== record.id);
      this.notice = null;
      return;
    }
    const why = this.refusal(record);
    if (why) {
      this.notice = `${inputName(record)} can't be added: ${why}.`;
      return;
    }
    this.chosen = [...this.chosen, record];
    this.notice = null;
  }

  /** Adds every candidate the filter shows (those that fit). */
  addMatching(): void {
    this.notice = this.addAll(this.matching.map((c) => c.record));
  }

  /** Every OHLCV artifact you imported, of the interval most of them share; the rest are named with the reason. */
  chooseYourData(): void {
    const yours = this.deps
      .candidates()
      .filter((c) => isYourData(c.record))
      .map((c) => c.record);
    if (yours.length === 0) {
      this.chosen = [];
      this.notice = 'Nothing imported yet: drop a folder of files, or take the sample universe.';
      return;
    }
    const byInterval = new Map<string, number>();
    for (const r of yours) if (r.interval) byInterval.set(r.interval, (byInterval.get(r.interval) ?? 0) + 1);
    // The most common interval; on a tie, the one met first.
    const top = [...byInterval].reduce<[string, number] | null>((best, e) => (best === null || e[1] > best[1] ? e : best), null);
    const first = top ? yours.filter((r) => r.interval === top[0]) : [];
    this.chosen = [];
    this.notice = this.addAll([...first, ...yours.filter((r) => !first.includes(r))]);
  }

  /** The sample universe (stored first if it is not), replacing the selection. */
  async chooseSampleUniverse(): Promise<void> {
    if (this.busy) return;
    this.busy = 'sample-universe';
    this.notice = null;
    try {
      const records = await this.deps.storeSampleUniverse();
      this.chosen = [];
      this.notice = this.addAll(records);
    } catch (e) {
      this.notice = `The sample universe could not be stored: ${errorMessage(e)}`;
    } finally {
      this.busy = null;
    }
  }

  /** Imports files (a folder's), then adds the bars among them; files that did not become bars are named. */
  async addFiles(files: F[]): Promise<void> {
    if (this.busy || files.length === 0) return;
    this.busy = 'files';
    this.notice = null;
    try {
      const results = await this.deps.importFiles(files);
      const records: ArtifactRecord[] = [];
      const problems: string[] = [];
      for (const r of results) {
        if (r.status === 'created' || r.status === 'existing') {
          if (r.record.kind === 'ohlcv') records.push(r.record);
          else problems.push(`${r.sourceFileName}: not OHLCV bars (${r.record.kind})`);
        } else if (r.status === 'quarantined') problems.push(`${r.sourceFileName}: quarantined`);
        else problems.push(`${r.sourceFileName}: ${'message' in r ? r.message : r.status}`);
      }
      const left = this.addAll(records);
      const parts = [left, problems.length > 0 ? `Not imported: ${problems.join('; ')}.` : null].filter(Boolean);
      this.notice = parts.length > 0 ? parts.join(' ') : null;
    } catch (e) {
      this.notice = `The files could not be imported: ${errorMessage(e)}`;
    } finally {
      this.busy = null;
    }
  }

  /** Replaces the selection with these records (an experiment's universe, to edit it); returns how many went in. */
  choose(records: readonly (ArtifactRecord | undefined)[]): number {
    this.chosen = [];
    this.notice = this.addAll(records.filter((r): r is ArtifactRecord => r !== undefined));
    return this.chosen.length;
  }

  clear(): void {
    this.chosen = [];
    this.notice = null;
  }

  /** Adds what fits, in order; returns a note naming what was left out (or null). */
  private addAll(records: readonly ArtifactRecord[]): string | null {
    const next = [...this.chosen];
    const left: string[] = [];
    for (const r of records) {
      if (next.some((c) => c.id === r.id)) continue;
      const why = this.refusal(r, next);
      if (why) left.push(`${inputName(r)} (${why})`);
      else next.push(r);
    }
    this.chosen = next;
    if (left.length === 0) return null;
    const shown = left.slice(0, 5).join(', ') + (left.length > 5 ? `, and ${left.length - 5} more` : '');
    return `${next.length.toLocaleString('en-US')} selected; left out ${left.length}: ${shown}.`;
  }
}
