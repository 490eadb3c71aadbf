/** Human output of the artifacts commands: aligned tables and key/value blocks. */
import { formatSchema } from '../../core/artifacts/logical-schema';
import { reasonTotal } from '../../core/artifacts/stored-check';
import type { CoverageReport, InstrumentCoverage } from '../../core/coverage/ohlcv-coverage';
import type { ArtifactRecord, QuarantineRecord } from '../../ports/artifact-store';
import { formatBytes, formatList, formatTime } from './format-values';
import { keyValueBlock, textTable } from './text-table';

/** Gaps listed by `get` (the JSON output has every gap the report kept). */
const GAPS_SHOWN = 10;

export function recordsTable(records: readonly ArtifactRecord[]): string {
  return textTable(
    [
      { header: 'ID' },
      { header: 'KIND' },
      { header: 'INSTRUMENTS' },
      { header: 'INTERVAL' },
      { header: 'ROWS', align: 'right' },
      { header: 'FROM' },
      { header: 'TO' },
      { header: 'SIZE', align: 'right' },
      { header: 'TAGS' },
      { header: 'SOURCE' },
    ],
    records.map((r) => [
      r.id,
      r.kind,
      formatList(r.instruments),
      r.interval ?? '-',
      String(r.rowCount),
      formatTime(r.timeRange?.startMs),
      formatTime(r.timeRange?.endMs),
      formatBytes(r.sizes.storedBytes),
      formatList(r.tags),
      r.provenance.sourceFileName ?? '-',
    ]),
  );
}

export function quarantineTable(entries: readonly QuarantineRecord[]): string {
  const table = textTable(
    [{ header: 'ID' }, { header: 'FILE' }, { header: 'SIZE', align: 'right' }, { header: 'QUARANTINED' }, { header: 'REASONS', align: 'right' }],
    entries.map((q) => [q.id, q.sourceFileName, formatBytes(q.size), q.createdAt, String(reasonTotal(q))]),
  );
  return table + entries.map((q) => `\n${q.id} ${q.sourceFileName}:\n${reasonLines(q)}`).join('');
}

export function reasonLines(entry: QuarantineRecord): string {
  // Messages of schema and CSV rules end with `[rule: …]` already; other reasons get their code appended.
  const lines = entry.reasons.map((r) => `  - ${r.message}${r.message.includes(`[rule: ${r.code}]`) ? '' : ` [${r.code}]`}\n`).join('');
  const rest = reasonTotal(entry) - entry.reasons.length;
  return rest > 0 ? `${lines}  … and ${rest} more (${reasonTotal(entry)} reasons in all; the first ${entry.reasons.length} are kept)\n` : lines;
}

function gapsText(c: InstrumentCoverage): string {
  if (c.gapCount === 0) return '';
  const shown = c.gaps.slice(0, GAPS_SHOWN);
  const head = `gaps of ${c.instrument || 'the series'} (${shown.length < c.gapCount ? `first ${shown.length} of ` : ''}${c.gapCount}):\n`;
  return (
    head +
    textTable(
      [{ header: '  FROM' }, { header: 'TO' }, { header: 'MISSING', align: 'right' }],
      shown.map((g) => [`  ${formatTime(g.fromMs)}`, formatTime(g.toMs), String(g.missingBars)]),
    )
  );
}

export function coverageText(report: CoverageReport): string {
  const week = report.instruments.find((c) => c.tradingWeek !== null)?.tradingWeek;
  const weekText = week ? `; trading week ${week.days.join(' ')} (${week.sessionSlots} of ${week.slotsPerWeek} slots)` : '';
  const table = textTable(
    [
      { header: 'INSTRUMENT' },
      { header: 'FIRST' },
      { header: 'LAST' },
      { header: 'BARS', align: 'right' },
      { header: 'EXPECTED', align: 'right' },
      { header: 'MISSING', align: 'right' },
      { header: 'GAPS', align: 'right' },
      { header: 'DUPLICATES', align: 'right' },
    ],
    report.instruments.map((c) => [
      c.instrument || '-',
      formatTime(c.firstMs),
      formatTime(c.lastMs),
      String(c.bars),
      String(c.expectedBars),
      String(c.missingBars),
      String(c.gapCount),
      String(c.duplicateRows),
    ]),
  );
  return `coverage (interval ${report.interval ?? 'unknown'}${weekText})\n${table}${report.instruments.map(gapsText).join('')}`;
}

export function recordBlock(r: ArtifactRecord): string {
  const p = r.provenance;
  const source = p.sourceFileName === null ? '-' : `${p.sourceFileName}${p.sourceFileHash ? ` (sha256 ${p.sourceFileHash})` : ''}`;
  return keyValueBlock([
    ['id', r.id],
    ['kind', r.kind],
    ['contentHash', r.contentHash],
    ['fileHash', r.fileHash],
    ['format', r.format],
    ['schema', formatSchema(r.schema)],
    ['rows', String(r.rowCount)],
    ['instruments', formatList(r.instruments)],
    ['interval', r.interval ?? '-'],
    ['time range', r.timeRange ? `${formatTime(r.timeRange.startMs)} → ${formatTime(r.timeRange.endMs)}` : '-'],
    ['stored', formatBytes(r.sizes.storedBytes)],
    ['source size', formatBytes(r.sizes.sourceBytes)],
    ['source', source],
    ['app version', p.appVersion],
    ['created', r.createdAt],
    ['inputs', formatList(r.inputs)],
    ['tags', formatList(r.tags)],
  ]);
}

export function quarantineBlock(q: QuarantineRecord): string {
  return (
    keyValueBlock([
      ['id', `${q.id} (quarantined: never used as data)`],
      ['file', q.sourceFileName],
      ['fileHash', q.fileHash],
      ['size', formatBytes(q.size)],
      ['meant as', q.kindHint ?? '-'],
      ['quarantined', q.createdAt],
      ['app version', q.appVersion],
    ]) + `reasons:\n${reasonLines(q)}`
  );
}
