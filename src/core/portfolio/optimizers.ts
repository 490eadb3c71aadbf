/** Every optimizer by the name the CLI and specs use. */
import { hrp } from './hrp';
import { maxSharpe } from './max-sharpe';
import { meanVariance } from './mean-variance';
import { minVariance } from './min-variance';
import type { Optimizer, OptimizerInput } from './optimizer';
import { PortfolioError } from './portfolio-error';
import { riskBudget } from './risk-budget';
import { equalWeight, inverseVolatility, passThrough } from './simple-weights';

const erc: Optimizer = { name: 'erc', optimize: (input) => riskBudget.optimize({ ...input, budgets: undefined }) };

/** Constraints of OptimizerInput that an optimizer must enforce itself; none is ever silently ignored. */
const EXTRA_CONSTRAINTS = ['gross', 'net', 'groups', 'turnover', 'cashBuffer'] as const;

/** Wraps an optimizer so that a constraint it does not enforce (`supported`) is refused, naming it. */
function refusingUnsupported(optimizer: Optimizer, supported: readonly (typeof EXTRA_CONSTRAINTS)[number][] = []): Optimizer {
  return {
    name: optimizer.name,
    optimize(input: OptimizerInput) {
      for (const c of EXTRA_CONSTRAINTS) {
        if (input[c] !== undefined && !supported.includes(c)) {
          throw new PortfolioError(optimizer.name, 'bad-input', `the ${c} constraint is not supported by this optimizer`, c);
        }
      }
      return optimizer.optimize(input);
    },
  };
}

export const OPTIMIZERS: Readonly<Record<string, Optimizer>> = {
  'pass-through': refusingUnsupported(passThrough),
  equal: refusingUnsupported(equalWeight),
  'inverse-vol': refusingUnsupported(inverseVolatility),
  'min-variance': refusingUnsupported(minVariance, EXTRA_CONSTRAINTS),
  'max-sharpe': refusingUnsupported(maxSharpe, ['groups', 'cashBuffer', 'gross']),
  'mean-variance': refusingUnsupported(meanVariance, EXTRA_CONSTRAINTS),
  erc: refusingUnsupported(erc),
  'risk-budget': refusingUnsupported(riskBudget),
  hrp: refusingUnsupported(hrp),
};

export const optimizerNames = (): string[] => Object.keys(OPTIMIZERS);
