/**
 * `quantlab portfolio covariance --data … [--risk-model sample|ledoit-wolf|ledoit-wolf-cc|ewma] [--lambda L]
 * [--window N] [--end DATE] [--json]`: the daily covariance of the instruments' simple returns (and × 252), with the
 * shrinkage coefficient of the Ledoit–Wolf models (null for the others).
 */
import { ANNUALISATION, estimateCovariance } from '../../core/risk/risk-model';
import { toRows } from '../../core/portfolio/square-matrix';
import { parseFlags } from '../features/parse-features-args';
import { loadReturns, RETURNS_FLAGS } from './returns-data';
import { RISK_MODEL_FLAGS, riskModelFlag } from './risk-model-flag';

export async function covarianceCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const v = parseFlags('portfolio covariance', argv, { ...RETURNS_FLAGS, ...RISK_MODEL_FLAGS });
  const model = riskModelFlag(v);
  const data = await loadReturns(v);
  const estimate = estimateCovariance(data.returns, model);
  const daily = toRows(estimate.daily);
  const result = {
    tickers: data.tickers,
    daily,
    annualised: daily.map((row) => row.map((x) => x * ANNUALISATION)),
    shrinkage: estimate.shrinkage,
    riskModel: model.kind,
    ...(model.kind === 'ewma' ? { lambda: model.lambda } : {}),
    returns: data.returns.rows,
    from: data.from,
    to: data.to,
    skipped: data.skipped,
  };
  if (v.json) {
    out(JSON.stringify(result) + '\n');
    return;
  }
  out(
    `${model.kind} covariance of ${data.tickers.length} instruments over ${data.returns.rows} returns, ${data.from.slice(0, 10)} to ${data.to.slice(0, 10)}`,
  );
  out(estimate.shrinkage === null ? '\n' : ` · shrinkage ${estimate.shrinkage.toFixed(6)}\n`);
  out('annualised volatility:\n');
  const width = Math.max(8, ...data.tickers.map((t) => t.length));
  data.tickers.forEach((t, i) => out(`  ${t.padEnd(width)}  ${(Math.sqrt(result.annualised[i][i]) * 100).toFixed(2).padStart(7)} %\n`));
}
