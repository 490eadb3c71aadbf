import { describe, it, expect } from 'vitest';
import { rollingMean } from '../../../src/core/compat';

// Expected values are pandas' `Series.rolling(n).mean()` (what backtesting.py's SMA examples use).
describe('rollingMean', () => {
  it('is NaN until the window is full', () => {
    expect(Array.from(rollingMean(Float64Array.from([1, 2, 3, 4]), 3))).toEqual([NaN, NaN, 2, 3]);
  });

  it('returns a window of identical values exactly, even after a huge value left it', () => {
    // a plain running sum would give 0.09999999403953552 here
    expect(Array.from(rollingMean(Float64Array.from([1e8, 0.1, 0.1, 0.1]), 3))).toEqual([NaN, NaN, 33333333.400000002, 0.1]);
  });

  it('keeps pandas rounding otherwise', () => {
    const v = Float64Array.from([1.1, 1.1, 1.1, 1.1, 1.1, 1.3, 1.1, 1.1]);
    expect(Array.from(rollingMean(v, 2))).toEqual([NaN, 1.1, 1.1, 1.1, 1.1, 1.2000000000000002, 1.2000000000000002, 1.1]);
    expect(Array.from(rollingMean(v, 1))).toEqual(Array.from(v));
  });

  it('skips NaN inputs and needs a full window of numbers', () => {
    expect(Array.from(rollingMean(Float64Array.from([1, NaN, 3, 5, 7]), 2))).toEqual([NaN, NaN, NaN, 4, 6]);
  });
});
