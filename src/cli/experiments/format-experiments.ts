/** Human output of the experiments commands: aligned tables and key/value blocks (JSON output keeps the records). */
import type { ExperimentRecord } from '../../core/experiments/record';
import { labResultRolesOf, RESULT_ROLES } from '../../core/experiments/record';
import { inputDisplayName, isLabSpec, type ExperimentSpec } from '../../core/experiments/spec';
import { keyValueBlock, textTable } from '../artifacts/text-table';

function num(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined) return '-';
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

/** A SQL signal's query on one line, shortened: the record (and --json) has it whole. */
function sqlText(sql: string, max = 48): string {
  const line = sql.replace(/\s+/g, ' ');
  return JSON.stringify(line.length > max ? `${line.slice(0, max - 1)}…` : line);
}

export function paramsText(record: ExperimentRecord): string {
  const entries = Object.entries(record.spec.params);
  return entries.length === 0 ? '-' : entries.map(([k, v]) => `${k}=${typeof v === 'string' ? sqlText(v) : v}`).join(' ');
}

export function inputsText(record: ExperimentRecord): string {
  return record.spec.inputs.map((i) => `${inputDisplayName(i) ?? '-'} ${i.contentHash.slice(0, 12)}…`).join(', ');
}

export function experimentsTable(records: readonly ExperimentRecord[]): string {
  return textTable(
    [
      { header: 'ID' },
      { header: 'STATUS' },
      { header: 'STRATEGY' },
      { header: 'PARAMS' },
      { header: 'INPUTS' },
      { header: 'CREATED' },
      { header: 'RETURN %', align: 'right' },
      { header: 'TRADES', align: 'right' },
      { header: 'RESULT' },
    ],
    records.map((r) => [
      r.id,
      r.status,
      r.spec.strategy,
      paramsText(r),
      r.spec.inputs.map((i) => inputDisplayName(i) ?? `${i.contentHash.slice(0, 8)}…`).join(','),
      r.provenance.createdAt.slice(0, 19).replace('T', ' '),
      num(r.results?.summary.return_pct),
      num(r.results?.summary.trades),
      r.results ? `${r.results.resultHash.slice(0, 16)}…` : '-',
    ]),
  );
}

/** The engine settings of a spec, one line each: broker and costs (version 1) or the lab config (version 2). */
function settings(s: ExperimentSpec): Array<[string, string]> {
  if (isLabSpec(s)) {
    const c = s.config;
    const slip = Object.entries(c.slippage)
      .map(([k, v]) => (k === 'model' ? String(v) : `${k} ${v}`))
      .join(' ');
    const flags = (['allowShort', 'closeAtEnd'] as const).filter((k) => c[k]);
    return [
      ['config', `cash ${c.cash} · margin ratio ${c.marginRatio} · fill ${c.fillTiming}${flags.length ? ` · ${flags.join(' ')}` : ''}`],
      [
        'costs',
        `commission ${c.commission.fixed} + ${c.commission.relative} · spread ${c.spread} · slippage ${slip} · volume share ${c.volumeShare}`,
      ],
      ['seed', String(c.seed)],
    ];
  }
  const c = s.costs.commission;
  const b = s.broker;
  const flags = (['tradeOnClose', 'hedging', 'exclusiveOrders', 'finalizeTrades'] as const).filter((k) => b[k]);
  return [
    ['broker', `cash ${b.cash} · margin ${b.margin}${flags.length ? ` · ${flags.join(' ')}` : ''}`],
    ['costs', `commission ${c.fixed} + ${c.relative} · spread ${s.costs.spread}`],
    ['seed', String(s.seed)],
  ];
}

export function experimentBlock(r: ExperimentRecord): string {
  const s = r.spec;
  const pairs: Array<[string, string]> = [
    ['id', r.id],
    ['status', `${r.status}${r.error ? ` (${r.error.name}: ${r.error.message})` : ''}`],
    ['label', s.label ?? '-'],
    ['profile', s.profile],
    ['strategy', `${s.strategy} ${paramsText(r)}`],
    ['inputs', inputsText(r)],
    ...settings(s),
    ['specHash', r.specHash],
    ['created', r.provenance.createdAt],
    ['started', r.provenance.startedAt ?? '-'],
    ['finished', r.provenance.finishedAt ?? '-'],
    ['attempts', String(r.attempts)],
    ['app version', r.provenance.appVersion],
    ['engine build', r.provenance.engineBuildHash ?? '-'],
  ];
  const from = r.provenance.importedFrom;
  if (from) pairs.push(['imported', `${from.importedAt} from ${from.file} (SHA-256 ${from.bundleSha256})`]);
  if (r.results) {
    pairs.push(['resultHash', r.results.resultHash], ['runId', r.results.runId], ['input artifacts', r.results.inputs.join(', ')]);
    if (r.results.derived) pairs.push(['derived artifacts', r.results.derived.join(', ')]);
  }
  let out = keyValueBlock(pairs);
  if (r.results) {
    const res = r.results;
    out += `\nresult artifacts:\n${textTable(
      [{ header: '  ROLE' }, { header: 'ID' }, { header: 'ROWS', align: 'right' }, { header: 'CONTENT HASH' }],
      (isLabSpec(s) ? labResultRolesOf(s) : RESULT_ROLES).flatMap((role) => {
        const a = res.artifacts[role];
        return a ? [[`  ${role}`, a.id, String(a.rowCount), a.contentHash]] : [];
      }),
    )}`;
    out += `\nsummary:\n${keyValueBlock(Object.entries(res.summary).map(([k, v]) => [`  ${k}`, v === null ? 'n/a' : String(v)]))}`;
  }
  return out;
}
