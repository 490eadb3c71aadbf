/**
 * Sample covariance of the returns, means removed, divided by T − ddof (ddof 1: pandas `DataFrame.cov`, the unbiased
 * estimate; ddof 0: the maximum-likelihood one Ledoit–Wolf starts from). Daily units; annualise by × 252.
 */
import { squareMatrix, type SquareMatrix } from '../portfolio/square-matrix';
import type { CrossProductKernel } from './cross-product-kernel';
import { centredColumns, crossProduct, type ReturnsMatrix } from './returns-matrix';

export function sampleCovariance(r: ReturnsMatrix, ddof = 1, kernel: CrossProductKernel = crossProduct): SquareMatrix {
  if (r.rows - ddof <= 0) throw new RangeError(`a covariance with ddof ${ddof} needs more than ${ddof} returns, got ${r.rows}`);
  const g = kernel(centredColumns(r), r.rows, r.cols);
  const d = r.rows - ddof;
  for (let k = 0; k < g.length; k++) g[k] /= d;
  return squareMatrix(r.cols, g);
}
