/**
 * The risk models by name: a daily covariance of the returns and, for the shrinkage estimators, the shrinkage
 * coefficient. Annualised figures are the daily ones × 252 (ANNUALISATION).
 */
import type { SquareMatrix } from '../portfolio/square-matrix';
import type { CrossProductKernel } from './cross-product-kernel';
import { ewmaCovariance } from './ewma-covariance';
import { ledoitWolf } from './ledoit-wolf';
import { ledoitWolfConstantCorrelation } from './ledoit-wolf-cc';
import { crossProduct, type ReturnsMatrix } from './returns-matrix';
import { sampleCovariance } from './sample-covariance';

export const ANNUALISATION = 252;

export type RiskModel = { kind: 'sample' } | { kind: 'ledoit-wolf' } | { kind: 'ledoit-wolf-cc' } | { kind: 'ewma'; lambda: number };

export const RISK_MODEL_NAMES = ['sample', 'ledoit-wolf', 'ledoit-wolf-cc', 'ewma'] as const;

export interface CovarianceEstimate {
  daily: SquareMatrix;
  /** The shrinkage coefficient δ of the Ledoit–Wolf models; null for the others. */
  shrinkage: number | null;
}

/** `kernel`: where X'X is computed (the engine's twin gives the same bits; see cross-product-kernel.ts). */
export function estimateCovariance(r: ReturnsMatrix, model: RiskModel, kernel: CrossProductKernel = crossProduct): CovarianceEstimate {
  switch (model.kind) {
    case 'sample':
      return { daily: sampleCovariance(r, 1, kernel), shrinkage: null };
    case 'ledoit-wolf': {
      const lw = ledoitWolf(r, kernel);
      return { daily: lw.cov, shrinkage: lw.shrinkage };
    }
    case 'ledoit-wolf-cc': {
      const lw = ledoitWolfConstantCorrelation(r, kernel);
      return { daily: lw.cov, shrinkage: lw.shrinkage };
    }
    case 'ewma':
      return { daily: ewmaCovariance(r, model.lambda), shrinkage: null };
  }
}
