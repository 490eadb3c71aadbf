/**
 * `quantlab risk var --data … --weights equal|FILE [--method historical|gaussian|cornish-fisher] [--level 0.95 …]
 * [--horizon DAYS] [--window N] [--end DATE] [--json]` → {"var": {"0.95": x}, "es": {"0.95": y}}: VaR and expected
 * shortfall of the portfolio rebalanced daily to the weights, as positive fractions of its value; h-day figures
 * are the 1-day ones × √h. Cornish–Fisher has no ES (null). Levels default to 0.95 and 0.99.
 */
import { portfolioReturns } from '../../core/risk/portfolio-returns';
import { VAR_METHODS, valueAtRisk, type VarMethod } from '../../core/risk/value-at-risk';
import { CliError } from '../cli-error';
import { intFlag, parseFlags } from '../features/parse-features-args';
import { loadReturns, RETURNS_FLAGS } from './returns-data';
import { weightsFlag } from './weights-file';

function levelsFlag(texts: readonly string[] | undefined): Array<{ key: string; level: number }> {
  const given = texts ?? ['0.95', '0.99'];
  const out = given.map((text) => {
    const level = Number(text);
    if (text.trim() === '' || !(level > 0 && level < 1)) throw new CliError(`--level: expected a confidence in (0, 1) such as 0.95, got "${text}"`);
    return { key: String(level), level };
  });
  const keys = out.map((l) => l.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) throw new CliError(`--level ${twice} is given twice`);
  return out;
}

export async function varCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const v = parseFlags('risk var', argv, {
    ...RETURNS_FLAGS,
    weights: { type: 'string' },
    method: { type: 'string' },
    level: { type: 'string', multiple: true },
    horizon: { type: 'string' },
  });
  const method = (v.method as string | undefined) ?? 'historical';
  if (!(VAR_METHODS as readonly string[]).includes(method))
    throw new CliError(`--method ${method}: unknown method (methods: ${VAR_METHODS.join(', ')})`);
  const levels = levelsFlag(v.level as string[] | undefined);
  const horizon = intFlag(v, 'horizon', 1, 1);
  if (v.weights === undefined) throw new CliError('--weights equal|FILE is required');
  const data = await loadReturns(v);
  const weights = await weightsFlag(v.weights as string, data.tickers);
  const rp = portfolioReturns(data.returns, weights);
  const report = valueAtRisk(
    rp,
    method as VarMethod,
    levels.map((l) => l.level),
    horizon,
  );
  const varOut = Object.fromEntries(report.map((r, k) => [levels[k].key, r.var]));
  const esOut = Object.fromEntries(report.map((r, k) => [levels[k].key, r.es]));
  if (v.json) {
    out(
      JSON.stringify({ var: varOut, es: esOut, method, horizon, returns: data.returns.rows, from: data.from, to: data.to, skipped: data.skipped }) +
        '\n',
    );
    return;
  }
  out(`${method} VaR, ${horizon}-day, over ${data.returns.rows} returns to ${data.to.slice(0, 10)} (loss as % of value)\n`);
  report.forEach((r, k) =>
    out(`  ${levels[k].key.padEnd(6)}  VaR ${(r.var * 100).toFixed(4)} %  ES ${r.es === null ? 'n/a' : `${(r.es * 100).toFixed(4)} %`}\n`),
  );
}
