/**
 * How result views print statistics. Every value has a kind (a percent, cash, days, a ratio…) that decides its
 * digits and unit; undefined values (null, NaN) print as an em dash so a table never shows "NaN".
 */
import type { CompatStats } from '../../core/stats';
import type { ExtendedReport } from '../../core/report';

export type StatKind =
  /** An ISO date-time string or epoch milliseconds. */
  | 'date'
  | 'days'
  /** Already in percent (12.5 means 12.5 %). */
  | 'percent'
  /** A fraction shown as a percent (0.125 means 12.5 %). */
  | 'fraction'
  | 'money'
  | 'ratio'
  | 'count'
  /** A probability in [0, 1]. */
  | 'probability';

export const MISSING = '—';
const MINUS = '\u2212';

function grouped(x: number, digits: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Typographic minus, and no "-0.00" for values that round to zero. */
function signed(text: string, negative: boolean): string {
  return negative && /[1-9]/.test(text) ? `${MINUS}${text}` : text;
}

function infinity(x: number): string {
  return x > 0 ? '∞' : `${MINUS}∞`;
}

/** A UTC date, with the time of day when it is not midnight. */
export function formatDate(value: string | number): string {
  if (typeof value === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/.exec(value);
    if (!m) return value;
    return m[2] === '00:00' && (m[3] === undefined || m[3] === ':00') ? m[1] : `${m[1]} ${m[2]}`;
  }
  if (!Number.isFinite(value)) return MISSING;
  const iso = new Date(value).toISOString();
  return formatDate(iso);
}

export function formatPercent(pct: number, digits = 2): string {
  if (!Number.isFinite(pct)) return Number.isNaN(pct) ? MISSING : `${infinity(pct)} %`;
  return `${signed(grouped(Math.abs(pct), digits), pct < 0)} %`;
}

export function formatMoney(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? MISSING : infinity(x);
  return signed(`$${grouped(Math.abs(x), digits)}`, x < 0);
}

/** Two decimals, three below 1 in magnitude (Kelly 0.034, beta 0.912). */
export function formatRatio(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? MISSING : infinity(x);
  const a = Math.abs(x);
  return signed(grouped(a, a < 1 ? 3 : 2), x < 0);
}

/** Whole days as integers, fractions of a day (intraday data) with two decimals. */
export function formatDays(days: number): string {
  if (!Number.isFinite(days)) return Number.isNaN(days) ? MISSING : `${infinity(days)} d`;
  const a = Math.abs(days);
  const digits = Number.isInteger(a) || a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return `${signed(grouped(a, digits), days < 0)} d`;
}

export function formatCount(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? MISSING : infinity(x);
  return signed(grouped(Math.abs(x), Number.isInteger(x) ? 0 : 2), x < 0);
}

export function formatStat(value: number | string | null | undefined, kind: StatKind): string {
  if (value === null || value === undefined) return MISSING;
  if (kind === 'date') return formatDate(value);
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return MISSING;
  switch (kind) {
    case 'percent':
      return formatPercent(value);
    case 'fraction':
      return formatPercent(value * 100);
    case 'money':
      return formatMoney(value);
    case 'days':
      return formatDays(value);
    case 'count':
      return formatCount(value);
    case 'probability':
      return Number.isFinite(value) ? value.toFixed(3) : MISSING;
    case 'ratio':
      return formatRatio(value);
  }
}

/**
 * The difference `value − reference` in the value's own unit: percentage points for percents, cash for money.
 * Empty when either side is undefined or the kind has no meaningful difference (dates).
 */
export function formatDelta(value: number | string | null | undefined, reference: number | string | null | undefined, kind: StatKind): string {
  if (kind === 'date' || typeof value !== 'number' || typeof reference !== 'number') return '';
  const d = value - reference;
  if (Number.isNaN(d)) return '';
  const plus = (text: string): string => (d > 0 ? `+${text}` : text);
  switch (kind) {
    case 'percent':
      return `${plus(formatPercent(d).replace(' %', ''))} pp`;
    case 'fraction':
      return `${plus(formatPercent(d * 100).replace(' %', ''))} pp`;
    case 'money':
      return plus(formatMoney(d));
    case 'days':
      return plus(formatDays(d));
    case 'count':
      return plus(formatCount(d));
    case 'probability':
      return plus(Number.isFinite(d) ? signed(Math.abs(d).toFixed(3), d < 0) : MISSING);
    case 'ratio':
      return plus(formatRatio(d));
  }
}

const MONEY_KEYS = new Set<keyof CompatStats>(['equity_final', 'equity_peak', 'commissions']);

export function compatStatKind(key: keyof CompatStats): StatKind {
  if (key === 'start' || key === 'end') return 'date';
  if (key === 'trades') return 'count';
  if (MONEY_KEYS.has(key)) return 'money';
  if (key.endsWith('_days')) return 'days';
  if (key.endsWith('_pct')) return 'percent';
  return 'ratio';
}

export function reportStatKind(key: keyof ExtendedReport): StatKind {
  switch (key) {
    case 'annualization_factor':
    case 'daily_return_count':
    case 'max_consecutive_wins':
    case 'max_consecutive_losses':
      return 'count';
    case 'var_95_daily':
    case 'cvar_95_daily':
      return 'fraction';
    case 'longest_drawdown_days':
      return 'days';
    case 'probabilistic_sharpe_ratio':
    case 'deflated_sharpe_ratio':
      return 'probability';
    default:
      return key.endsWith('_pct') ? 'percent' : 'ratio';
  }
}
