/** The `labels_…` / `features_…` names a SQL query may use, and the view SQL over a published table. */
import { describe, expect, it } from 'vitest';
import { derivedViewName, derivedViewRefs, derivedViewSql } from '../../../src/core/experiments/derived-views';

const HEX = '0123456789abcdef01234567';

describe('derived views', () => {
  it('finds each named view once, in order, any letter case; ignores other names and short hex', () => {
    const sql = `SELECT * FROM bars JOIN LABELS_${HEX.toUpperCase()} l ON 1 JOIN features_${'f'.repeat(24)} f ON 1
      JOIN labels_${HEX} again ON 1 JOIN labels_abc short ON 1 JOIN mylabels_${HEX}x other ON 1`;
    expect(derivedViewRefs(sql)).toEqual([
      { view: `labels_${HEX}`, kind: 'labels', artifactId: `art_${HEX}` },
      { view: `features_${'f'.repeat(24)}`, kind: 'features', artifactId: `art_${'f'.repeat(24)}` },
    ]);
    expect(derivedViewRefs('SELECT timestamp, 1 AS position FROM bars')).toEqual([]);
  });

  it('names a view by kind and id, and casts its timestamps like bars', () => {
    expect(derivedViewName('labels', `art_${HEX}`)).toBe(`labels_${HEX}`);
    const sql = derivedViewSql(`labels_${HEX}`, `art_${HEX}`, [
      { name: 't0', type: 'int64' },
      { name: 't0_time', type: 'timestamp-ms-utc' },
    ]);
    expect(sql).toBe(
      `CREATE OR REPLACE TEMP VIEW "labels_${HEX}" AS SELECT "t0", epoch_ms(CAST(epoch_ms("t0_time") AS BIGINT)) AS "t0_time" FROM "art_${HEX}"`,
    );
  });
});
