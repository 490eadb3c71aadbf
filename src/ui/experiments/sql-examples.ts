/** Starting points for SQL signals (every one uses bars up to the current one only). */
import { SQL_SIGNAL_EXAMPLE } from '../../core/experiments/sql-signal';

export interface SqlExample {
  name: string;
  sql: string;
}

export const SQL_EXAMPLES: readonly SqlExample[] = [
  { name: 'Trend: close vs its 20-bar mean', sql: SQL_SIGNAL_EXAMPLE },
  {
    name: 'Momentum: 60-bar rate of change, flat when unknown',
    sql: `SELECT timestamp,
       CASE WHEN close > lag(close, 60) OVER (ORDER BY timestamp) THEN 1
            WHEN close < lag(close, 60) OVER (ORDER BY timestamp) THEN -1
            ELSE 0 END AS position
FROM bars
ORDER BY timestamp`,
  },
  {
    name: 'Mean reversion: scaled 20-bar z-score',
    sql: `WITH z AS (
  SELECT timestamp,
         (close - avg(close) OVER w) / nullif(stddev_samp(close) OVER w, 0) AS z
  FROM bars
  WINDOW w AS (ORDER BY timestamp ROWS 19 PRECEDING)
)
SELECT timestamp, coalesce(greatest(-1, least(1, -z / 2)), 0) AS position
FROM z
ORDER BY timestamp`,
  },
  {
    name: 'Long only: half size while above the 50-bar mean',
    sql: `SELECT timestamp,
       CASE WHEN close > avg(close) OVER (ORDER BY timestamp ROWS 49 PRECEDING) THEN 0.5 ELSE 0 END AS position
FROM bars
ORDER BY timestamp`,
  },
];
