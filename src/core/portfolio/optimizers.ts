/** Every optimizer by the name the CLI and specs use. */
import { hrp } from './hrp';
import { maxSharpe } from './max-sharpe';
import { meanVariance } from './mean-variance';
import { minVariance } from './min-variance';
import type { Optimizer } from './optimizer';
import { riskBudget } from './risk-budget';
import { equalWeight, inverseVolatility, passThrough } from './simple-weights';

const erc: Optimizer = { name: 'erc', optimize: (input) => riskBudget.optimize({ ...input, budgets: undefined }) };

export const OPTIMIZERS: Readonly<Record<string, Optimizer>> = {
  'pass-through': passThrough,
  equal: equalWeight,
  'inverse-vol': inverseVolatility,
  'min-variance': minVariance,
  'max-sharpe': maxSharpe,
  'mean-variance': meanVariance,
  erc,
  'risk-budget': riskBudget,
  hrp,
};

export const optimizerNames = (): string[] => Object.keys(OPTIMIZERS);
