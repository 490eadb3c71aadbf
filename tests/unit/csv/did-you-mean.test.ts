import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/core/csv/did-you-mean';

describe('edit distance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['fats', 'fast', 1], // one transposition
    ['hgih', 'high', 1],
    ['ghih', 'high', 2], // two swaps apart
    ['ca', 'abc', 3], // optimal string alignment, not unrestricted Damerau (which gives 2)
  ])('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('suggests a swapped-letter typo', () => {
    expect(didYouMean(['fats'], ['fast', 'slow', 'sl', 'tp'])).toBe('fast');
    expect(didYouMean(['vloume'], ['open', 'volume'])).toBe('volume');
    expect(didYouMean(['zzz'], ['open', 'volume'])).toBeUndefined();
  });
});
