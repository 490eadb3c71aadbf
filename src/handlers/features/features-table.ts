/**
 * The `features` table of one instrument: a row per bar (`bar`, `timestamp`) and a column per chosen feature, NULL
 * where a feature is not defined yet (a window not full). Column names carry the window (`sma_20`, `ewm_vol_100`), so
 * two windows of one family sit side by side and a SQL query names what it reads.
 */
import type { ColumnSpec } from '../../core/artifacts/logical-schema';
import { ema, sma } from '../../core/features/moving-average';
import { logReturns, simpleReturns } from '../../core/features/returns';
import { rsi } from '../../core/features/rsi';
import { ewmVolatility, rollingVolatility } from '../../core/features/volatility';
import { rollingZScore } from '../../core/features/zscore';
import type { DerivedTable } from '../publish-derived-table';
import { FeatureParamError, intParam } from './param-error';

export const FEATURE_FAMILIES = ['returns', 'log-returns', 'sma', 'ema', 'volatility', 'ewm-volatility', 'zscore', 'rsi'] as const;
export type FeatureFamily = (typeof FEATURE_FAMILIES)[number];

interface FamilyInfo {
  /** Column name prefix; families with a window append `_N`. */
  column: string;
  /** What the window is called in the form (null: no window). */
  window: 'window' | 'span' | 'period' | null;
  /** Smallest window the definition allows. */
  min: number;
  /** Drawn over the prices (same units) rather than in a panel of its own. */
  overlay: boolean;
  compute(close: Float64Array, n: number): Float64Array;
}

export const FAMILY_INFO: Record<FeatureFamily, FamilyInfo> = {
  returns: { column: 'ret', window: null, min: 0, overlay: false, compute: (c) => simpleReturns(c) },
  'log-returns': { column: 'log_ret', window: null, min: 0, overlay: false, compute: (c) => logReturns(c) },
  sma: { column: 'sma', window: 'window', min: 1, overlay: true, compute: (c, n) => sma(c, n) },
  ema: { column: 'ema', window: 'span', min: 1, overlay: true, compute: (c, n) => ema(c, n) },
  volatility: { column: 'vol', window: 'window', min: 2, overlay: false, compute: (c, n) => rollingVolatility(simpleReturns(c), n) },
  'ewm-volatility': { column: 'ewm_vol', window: 'span', min: 1, overlay: false, compute: (c, n) => ewmVolatility(simpleReturns(c), n) },
  zscore: { column: 'z', window: 'window', min: 2, overlay: false, compute: (c, n) => rollingZScore(c, n) },
  rsi: { column: 'rsi', window: 'period', min: 1, overlay: false, compute: (c, n) => rsi(c, n) },
};

export interface FeatureChoice {
  family: FeatureFamily;
  /** Window, span or period; ignored by families without one. */
  window: number;
}

export function featureColumn(choice: FeatureChoice): string {
  const info = FAMILY_INFO[choice.family];
  return info.window === null ? info.column : `${info.column}_${choice.window}`;
}

/** Checks the choices (at least one; known families; windows in range; no column twice), naming the bad field. */
export function checkFeatureChoices(choices: readonly FeatureChoice[]): void {
  if (choices.length === 0) throw new FeatureParamError('families', 'choose at least one feature family');
  const seen = new Set<string>();
  for (const c of choices) {
    const info = (FAMILY_INFO as Partial<Record<string, FamilyInfo>>)[c.family];
    if (!info) throw new FeatureParamError('families', `unknown feature family "${c.family}" (one of ${FEATURE_FAMILIES.join(', ')})`);
    if (info.window !== null) intParam(`${c.family}.${info.window}`, c.window, info.min);
    const column = featureColumn(c);
    if (seen.has(column)) throw new FeatureParamError(`${c.family}.${info.window ?? 'family'}`, `${column} is chosen twice`);
    seen.add(column);
  }
}

export interface FeaturesComputation {
  /** Feature columns by name, NaN where undefined, bar-aligned with the input. */
  series: { name: string; values: Float64Array; overlay: boolean }[];
  derived: Omit<DerivedTable, 'inputs'>;
}

const nullable = (x: Float64Array): (number | null)[] => Array.from(x, (v) => (Number.isNaN(v) ? null : v));

/** The chosen features of one instrument's bars (timestamps in epoch ms, closes), in the order chosen. */
export function featuresTable(timestamp: Float64Array, close: Float64Array, choices: readonly FeatureChoice[]): FeaturesComputation {
  checkFeatureChoices(choices);
  const series = choices.map((c) => ({
    name: featureColumn(c),
    values: FAMILY_INFO[c.family].compute(close, c.window),
    overlay: FAMILY_INFO[c.family].overlay,
  }));
  const schema: ColumnSpec[] = [
    { name: 'bar', type: 'int64' },
    { name: 'timestamp', type: 'timestamp-ms-utc' },
    ...series.map((s): ColumnSpec => ({ name: s.name, type: 'float64' })),
  ];
  const columns = [Array.from(timestamp, (_, i) => i), timestamp, ...series.map((s) => nullable(s.values))];
  const n = timestamp.length;
  return {
    series,
    derived: {
      kind: 'features',
      table: { schema, columns },
      nullable: series.map((s) => s.name),
      timeRange: n === 0 ? null : { startMs: timestamp[0], endMs: timestamp[n - 1] },
      tags: ['bar-features', ...series.map((s) => s.name)],
    },
  };
}
