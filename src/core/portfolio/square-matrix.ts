/**
 * A dense symmetric n×n matrix (a covariance) stored row-major in one Float64Array, with the few kernels the
 * optimizers need. Loops run in a fixed order, so the same inputs give the same bits in Node and in a browser.
 */
export interface SquareMatrix {
  n: number;
  data: Float64Array;
}

export function squareMatrix(n: number, data: Float64Array = new Float64Array(n * n)): SquareMatrix {
  if (data.length !== n * n) throw new RangeError(`a ${n}×${n} matrix needs ${n * n} values, got ${data.length}`);
  return { n, data };
}

export function fromRows(rows: readonly (readonly number[])[]): SquareMatrix {
  const n = rows.length;
  const m = squareMatrix(n);
  rows.forEach((row, i) => {
    if (row.length !== n) throw new RangeError(`row ${i} has ${row.length} values, expected ${n}`);
    for (let j = 0; j < n; j++) m.data[i * n + j] = row[j];
  });
  return m;
}

export function toRows(m: SquareMatrix): number[][] {
  return Array.from({ length: m.n }, (_, i) => Array.from(m.data.subarray(i * m.n, (i + 1) * m.n)));
}

export const diagonal = (m: SquareMatrix): Float64Array => Float64Array.from({ length: m.n }, (_, i) => m.data[i * m.n + i]);

export function scaled(m: SquareMatrix, factor: number): SquareMatrix {
  return { n: m.n, data: m.data.map((v) => v * factor) };
}

/** Σw. */
export function matVec(m: SquareMatrix, w: ArrayLike<number>): Float64Array {
  const { n, data } = m;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += data[i * n + j] * w[j];
    out[i] = s;
  }
  return out;
}

/** w'Σw. */
export function quadraticForm(m: SquareMatrix, w: ArrayLike<number>): number {
  const sw = matVec(m, w);
  let s = 0;
  for (let i = 0; i < m.n; i++) s += w[i] * sw[i];
  return s;
}

/** The principal submatrix on `index` (in that order). */
export function submatrix(m: SquareMatrix, index: readonly number[]): SquareMatrix {
  const k = index.length;
  const out = squareMatrix(k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out.data[a * k + b] = m.data[index[a] * m.n + index[b]];
  return out;
}

/**
 * Solves Σx = b by Cholesky (Σ = LL'); null when Σ is not positive definite (a zero or negative pivot), so the caller
 * can name what failed instead of returning NaN.
 */
export function choleskySolve(m: SquareMatrix, b: ArrayLike<number>): Float64Array | null {
  const { n, data } = m;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = data[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = data[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}
