import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterFromForm, isEmptyForm } from '../../../src/ui/artifact-filter-form';

describe('filterFromForm', () => {
  it('empty fields are no criterion', () => {
    expect(filterFromForm(EMPTY_FILTER)).toEqual({});
    expect(isEmptyForm(EMPTY_FILTER)).toBe(true);
  });

  it('maps every field, trims text, and makes `to` inclusive of its whole UTC day', () => {
    expect(filterFromForm({ kind: 'ohlcv', instrument: ' GOOG ', tag: 'sample', hash: ' art_f2e4 ', from: '2010-01-01', to: '2010-12-31' })).toEqual({
      kind: 'ohlcv',
      instrument: 'GOOG',
      tag: 'sample',
      hashPrefix: 'art_f2e4',
      timeRange: { startMs: Date.UTC(2010, 0, 1), endMs: Date.UTC(2011, 0, 1) - 1 },
    });
  });

  it('ignores a kind it does not know and dates it cannot read', () => {
    expect(filterFromForm({ ...EMPTY_FILTER, kind: 'nonsense', from: '2010-13-45x' })).toEqual({});
  });
});
