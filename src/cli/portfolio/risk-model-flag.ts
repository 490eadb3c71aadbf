/** `--risk-model sample|ledoit-wolf|ledoit-wolf-cc|ewma` and `--lambda L` (EWMA decay, default 0.94). */
import { RISK_MODEL_NAMES, type RiskModel } from '../../core/risk/risk-model';
import { CliError } from '../cli-error';

export const RISK_MODEL_FLAGS = { 'risk-model': { type: 'string' }, lambda: { type: 'string' } } as const;

export function riskModelFlag(values: Record<string, unknown>, fallback: RiskModel['kind'] = 'sample'): RiskModel {
  const name = (values['risk-model'] as string | undefined) ?? fallback;
  if (!(RISK_MODEL_NAMES as readonly string[]).includes(name))
    throw new CliError(`--risk-model ${name}: unknown risk model (known: ${RISK_MODEL_NAMES.join(', ')})`);
  if (values.lambda !== undefined && name !== 'ewma') throw new CliError(`--lambda applies to --risk-model ewma only, not ${name}`);
  if (name !== 'ewma') return { kind: name as Exclude<RiskModel['kind'], 'ewma'> };
  const text = values.lambda as string | undefined;
  const lambda = text === undefined ? 0.94 : Number(text);
  if ((text !== undefined && text.trim() === '') || !(lambda >= 0 && lambda < 1))
    throw new CliError(`--lambda: expected a number in [0, 1), got "${text}"`);
  return { kind: 'ewma', lambda };
}

/** A flag that is a finite number (any sign), or undefined when absent. */
export function numberFlag(values: Record<string, unknown>, flag: string): number | undefined {
  const text = values[flag];
  if (text === undefined) return undefined;
  const shown = typeof text === 'string' ? text : JSON.stringify(text);
  const v = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(v)) throw new CliError(`--${flag}: expected a number, got "${shown}"`);
  return v;
}
