import { OHLCV_COLUMNS, type OhlcvColumn } from '../domain/ohlcv-table';
import { CsvError, CsvRule, type CsvErrorDetails } from './csv-error';
import { didYouMean } from './did-you-mean';

export type CsvColumnRole = OhlcvColumn | 'instrument';

/** Header names to use instead of the recognised ones, e.g. `{ timestamp: 'Date' }` when `Date` and `Time` both exist. */
export type CsvColumnNames = Partial<Record<CsvColumnRole, string>>;

export interface ResolvedColumns {
  /** Field index of each role; instrument is -1 when the file has none. */
  readonly index: Readonly<Record<CsvColumnRole, number>>;
  /** Header name of each role as spelled in the file. */
  readonly names: Readonly<Record<OhlcvColumn, string>> & { readonly instrument?: string };
}

/** Recognised names, compared trimmed and case-insensitively. */
const RECOGNISED: Record<CsvColumnRole, readonly string[]> = {
  timestamp: ['timestamp', 'datetime', 'date', 'time'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  close: ['close'],
  volume: ['volume'],
  instrument: ['symbol', 'instrument', 'ticker'],
};

function normalize(name: string): string {
  return name.trim().toLowerCase();
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(', ');
}

/**
 * Maps header names to OHLCV roles. Recognised: a `timestamp`/`datetime`/`date`/`time` column, or else an unnamed
 * first column (pandas writes its index that way, as in ../shared/data); `open high low close volume` in any
 * case; an optional `symbol`/`instrument`/`ticker`. Other columns (`Adj Close`, …) are ignored. Two candidates
 * for one role are an error rather than a guess.
 */
export function resolveColumns(header: readonly string[], explicit: CsvColumnNames, source: string, row: number): ResolvedColumns {
  const normalized = header.map(normalize);
  const index = { timestamp: -1, open: -1, high: -1, low: -1, close: -1, volume: -1, instrument: -1 };

  const missing = (role: CsvColumnRole, wanted: readonly string[], detail: string): CsvErrorDetails => {
    const taken = new Set(Object.values(index).filter((i) => i >= 0));
    const suggestion = didYouMean(
      wanted,
      header.filter((_, i) => !taken.has(i)),
    );
    const hint = suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`;
    return {
      source,
      row,
      column: role,
      rule: CsvRule.MissingColumn,
      ...(suggestion === undefined ? {} : { suggestion }),
      description: `${detail} (header: ${quoteList(header)})${hint}`,
    };
  };

  // Resolve every role first, so a typo is only suggested from columns no other role claimed.
  const absent: { role: CsvColumnRole; wanted: readonly string[]; detail: string }[] = [];
  for (const role of [...OHLCV_COLUMNS, 'instrument'] as const) {
    const name = explicit[role];
    if (name !== undefined) {
      let found = header.indexOf(name);
      if (found < 0) found = normalized.indexOf(normalize(name));
      if (found < 0)
        absent.push({ role, wanted: [normalize(name)], detail: `column ${JSON.stringify(name)} given for ${role} is not in the header` });
      else index[role] = found;
      continue;
    }
    const matches: number[] = [];
    normalized.forEach((n, i) => {
      if (RECOGNISED[role].includes(n)) matches.push(i);
    });
    if (matches.length > 1) {
      const names = matches.map((i) => header[i]);
      const sameName = matches.every((i) => normalized[i] === normalized[matches[0]]);
      throw new CsvError({
        source,
        row,
        column: header[matches[1]],
        rule: sameName ? CsvRule.DuplicateColumn : CsvRule.AmbiguousColumn,
        description: sameName
          ? `${role} appears ${matches.length} times in the header (${quoteList(names)})`
          : `several columns could be the ${role} (${quoteList(names)}); choose one with the columns.${role} option`,
      });
    }
    if (matches.length === 1) {
      index[role] = matches[0];
    } else if (role === 'timestamp' && normalized.length > 0 && normalized[0] === '') {
      index.timestamp = 0;
    } else if (role !== 'instrument') {
      const detail =
        role === 'timestamp'
          ? 'required column is missing: no timestamp, datetime, date or time column and no unnamed first column'
          : 'required column is missing';
      absent.push({ role, wanted: RECOGNISED[role], detail });
    }
  }
  if (absent.length > 0) {
    // Every missing column at once, so one round of fixing the header is enough.
    const [first, ...rest] = absent.map((a) => missing(a.role, a.wanted, a.detail));
    throw new CsvError({ ...first, more: rest.map((details) => new CsvError(details)) });
  }

  const roles = Object.entries(index).filter(([, i]) => i >= 0);
  for (const [role, i] of roles) {
    const other = roles.find(([r, j]) => j === i && r !== role);
    if (other !== undefined) {
      throw new RangeError(`columns option: ${JSON.stringify(header[i])} cannot be both ${role} and ${other[0]}`);
    }
  }

  const names = {
    timestamp: header[index.timestamp],
    open: header[index.open],
    high: header[index.high],
    low: header[index.low],
    close: header[index.close],
    volume: header[index.volume],
    ...(index.instrument >= 0 ? { instrument: header[index.instrument] } : {}),
  };
  return { index, names };
}
