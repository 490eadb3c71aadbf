import { describe, expect, it } from 'vitest';
import type { ArtifactRecord } from '../../../src/core/artifacts/record';
import { EMPTY_FILTER, filterFromForm, isEmptyForm, matcherFromForm, type FilterForm } from '../../../src/ui/artifact-filter-form';

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

describe('matcherFromForm', () => {
  const record = (instruments: string[], kind: 'ohlcv' | 'results' = 'ohlcv') =>
    ({
      instruments,
      kind,
      tags: [],
      interval: null,
      timeRange: null,
      contentHash: 'a'.repeat(64),
      fileHash: 'b'.repeat(64),
    }) as unknown as ArtifactRecord;
  const names = (form: FilterForm, list: ArtifactRecord[]) => list.filter(matcherFromForm(form)).map((r) => r.instruments.join('+'));
  const all = [record(['GOOG']), record(['GOOGL']), record(['EURUSD']), record(['BTCUSD']), record(['EURUSD'], 'results'), record([])];

  it('matches instruments containing the typed text in any letter case, narrowing with each keystroke', () => {
    expect(names({ ...EMPTY_FILTER }, all)).toEqual(['GOOG', 'GOOGL', 'EURUSD', 'BTCUSD', 'EURUSD', '']);
    expect(names({ ...EMPTY_FILTER, instrument: 'usd' }, all)).toEqual(['EURUSD', 'BTCUSD', 'EURUSD']);
    expect(names({ ...EMPTY_FILTER, instrument: ' EUR' }, all)).toEqual(['EURUSD', 'EURUSD']);
    expect(names({ ...EMPTY_FILTER, instrument: 'GOOG' }, all)).toEqual(['GOOG', 'GOOGL']);
    expect(names({ ...EMPTY_FILTER, instrument: 'googl' }, all)).toEqual(['GOOGL']);
    expect(names({ ...EMPTY_FILTER, instrument: 'XAU' }, all)).toEqual([]);
  });

  it('applies the other fields as the form filter does', () => {
    expect(names({ ...EMPTY_FILTER, instrument: 'eur', kind: 'results' }, all)).toEqual(['EURUSD']);
    expect(names({ ...EMPTY_FILTER, kind: 'ohlcv', hash: 'art_aaaa' }, all)).toEqual(['GOOG', 'GOOGL', 'EURUSD', 'BTCUSD', '']);
    expect(names({ ...EMPTY_FILTER, hash: 'art_bbbb' }, all)).toEqual([]);
  });
});
