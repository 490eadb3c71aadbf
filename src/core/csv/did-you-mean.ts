/**
 * Optimal string alignment distance: insert, delete, substitute and swap two adjacent characters each cost 1,
 * so the commonest typo, a transposition (`fats` for `fast`), is one edit. Three-row dynamic programme.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let beforePrevious = new Uint32Array(b.length + 1);
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, beforePrevious[j - 2] + 1);
      current[j] = d;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length];
}

/**
 * The candidate most like one of `wanted` (case-insensitive), if it is close enough to be a plausible typo:
 * at most a third of the wanted name's length in edits (at least 1), or one name a prefix of the other
 * (`vol` for `volume`). Ties go to the earlier candidate.
 */
export function didYouMean(wanted: readonly string[], candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.trim().toLowerCase();
    if (c.length === 0) continue;
    for (const w of wanted) {
      const distance = editDistance(w, c);
      const prefix = c.length >= 3 && (w.startsWith(c) || c.startsWith(w));
      const limit = Math.max(1, Math.floor(w.length / 3));
      if (distance > limit && !prefix) continue;
      if (distance < bestScore) {
        best = candidate;
        bestScore = distance;
      }
    }
  }
  return best;
}
