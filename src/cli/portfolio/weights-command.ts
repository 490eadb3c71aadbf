/**
 * `quantlab portfolio weights --data … --optimizer NAME [--risk-model M] [--long-only] [--max-weight X]
 * [--risk-free R] [--risk-aversion D] [--target-return R] [--budget NAME=B … (others 1)] [--window N] [--end DATE] [--json]`
 * and the constraint flags of constraint-flags.ts (--min-weight, --gross, --net, --group, --cash-buffer, --turnover):
 * optimizer weights from the risk model's covariance × 252 and expected returns = mean daily return × 252 (so
 * --risk-free and --target-return are annual). An impossible constraint or a solver that does not converge is
 * exit 2 naming the constraint or the optimizer and the date.
 */
import { OPTIMIZERS, optimizerNames } from '../../core/portfolio/optimizers';
import { PortfolioError } from '../../core/portfolio/portfolio-error';
import { scaled } from '../../core/portfolio/square-matrix';
import { columnMeans } from '../../core/risk/returns-matrix';
import { ANNUALISATION, estimateCovariance } from '../../core/risk/risk-model';
import { CliError } from '../cli-error';
import { CONSTRAINT_FLAG_OF, CONSTRAINT_FLAGS, constraintFlags } from './constraint-flags';
import { parseFlags } from '../features/parse-features-args';
import { loadReturns, RETURNS_FLAGS } from './returns-data';
import { numberFlag, RISK_MODEL_FLAGS, riskModelFlag } from './risk-model-flag';
import { namedValues } from './weights-file';

export async function weightsCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const v = parseFlags('portfolio weights', argv, {
    ...RETURNS_FLAGS,
    ...RISK_MODEL_FLAGS,
    optimizer: { type: 'string' },
    'long-only': { type: 'boolean' },
    'max-weight': { type: 'string' },
    'risk-free': { type: 'string' },
    'risk-aversion': { type: 'string' },
    'target-return': { type: 'string' },
    budget: { type: 'string', multiple: true },
    ...CONSTRAINT_FLAGS,
  });
  const name = v.optimizer as string | undefined;
  if (name === undefined)
    throw new CliError(
      `--optimizer NAME is required (optimizers: ${optimizerNames()
        .filter((o) => o !== 'pass-through')
        .join(', ')})`,
    );
  if (!Object.hasOwn(OPTIMIZERS, name) || name === 'pass-through')
    throw new CliError(
      `--optimizer ${name}: unknown optimizer (optimizers: ${optimizerNames()
        .filter((o) => o !== 'pass-through')
        .join(', ')})`,
    );
  const model = riskModelFlag(v);
  const maxWeight = numberFlag(v, 'max-weight');
  const budgets = (v.budget as string[] | undefined) ?? [];
  if (budgets.length > 0 && name !== 'risk-budget') throw new CliError('--budget applies to --optimizer risk-budget only');
  const data = await loadReturns(v);
  const constraints = await constraintFlags(v, data.tickers);
  const byName = namedValues('budget', budgets, data.tickers);
  if (name === 'risk-budget' && byName.size === 0) throw new CliError('--optimizer risk-budget needs --budget NAME=B (instruments not named get 1)');
  const cov = scaled(estimateCovariance(data.returns, model).daily, ANNUALISATION);
  const mu = columnMeans(data.returns).map((m) => m * ANNUALISATION);
  let result;
  try {
    result = OPTIMIZERS[name].optimize({
      cov,
      expectedReturns: mu,
      longOnly: v['long-only'] === true,
      maxWeight,
      riskFree: numberFlag(v, 'risk-free'),
      riskAversion: numberFlag(v, 'risk-aversion'),
      targetReturn: numberFlag(v, 'target-return'),
      budgets: name === 'risk-budget' ? Float64Array.from(data.tickers, (t) => byName.get(t) ?? 1) : undefined,
      ...constraints,
    });
  } catch (e) {
    if (e instanceof PortfolioError) {
      // Name the flag at fault when the message does not already.
      const flag = e.constraint !== undefined ? CONSTRAINT_FLAG_OF[e.constraint] : undefined;
      const named = flag !== undefined && !e.message.includes(flag) ? ` [${flag}]` : '';
      throw new CliError(`${e.message}${named} (window ${data.from.slice(0, 10)} to ${data.to.slice(0, 10)})`);
    }
    throw e;
  }
  const weights = Object.fromEntries(data.tickers.map((t, i) => [t, result.weights[i]]));
  const d = result.diagnostics;
  const diagnostics = {
    iterations: d.iterations,
    volatility: Math.sqrt(d.variance),
    expectedReturn: mu.reduce((s, m, i) => s + m * result.weights[i], 0),
    net: result.weights.reduce((s, w) => s + w, 0),
    gross: result.weights.reduce((s, w) => s + Math.abs(w), 0),
    ...(d.atLower ? { atLower: d.atLower.map((i) => data.tickers[i]) } : {}),
    ...(d.atUpper ? { atUpper: d.atUpper.map((i) => data.tickers[i]) } : {}),
    ...(d.leafOrder ? { leafOrder: d.leafOrder.map((i) => data.tickers[i]) } : {}),
  };
  if (v.json) {
    out(
      JSON.stringify({
        weights,
        optimizer: name,
        riskModel: model.kind,
        diagnostics,
        returns: data.returns.rows,
        from: data.from,
        to: data.to,
        skipped: data.skipped,
      }) + '\n',
    );
    return;
  }
  out(
    `${name} weights (${model.kind} covariance, ${data.returns.rows} returns to ${data.to.slice(0, 10)}) · volatility ${(diagnostics.volatility * 100).toFixed(2)} %\n`,
  );
  const width = Math.max(8, ...data.tickers.map((t) => t.length));
  for (const t of data.tickers) out(`  ${t.padEnd(width)}  ${(weights[t] * 100).toFixed(4).padStart(10)} %\n`);
}
