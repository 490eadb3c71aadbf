/**
 * Simple returns of several assets on one timeline, T rows × N columns, row-major: r[t][i] = close_i[t+1] /
 * close_i[t] − 1 (pandas `pct_change()` without its leading NaN row). Every risk model and measure reads this.
 */
export interface ReturnsMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Returns of bars [from, to) of aligned closes (to − from − 1 rows); a non-positive or non-finite close is refused. */
export function returnsFromCloses(closes: readonly Float64Array[], from: number, to: number): ReturnsMatrix {
  const cols = closes.length;
  const rows = Math.max(0, to - from - 1);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < cols; i++) {
    const c = closes[i];
    for (let t = from; t < to; t++) {
      if (!(c[t] > 0 && Number.isFinite(c[t]))) throw new RangeError(`asset ${i}, bar ${t}: close ${c[t]} is not a positive number`);
    }
    for (let t = 0; t < rows; t++) data[t * cols + i] = c[from + t + 1] / c[from + t] - 1;
  }
  return { rows, cols, data };
}

/** The last `window` rows (all when undefined). */
export function lastRows(r: ReturnsMatrix, window?: number): ReturnsMatrix {
  if (window === undefined || window >= r.rows) return r;
  const start = r.rows - window;
  return { rows: window, cols: r.cols, data: r.data.slice(start * r.cols) };
}

/** Column means. */
export function columnMeans(r: ReturnsMatrix): Float64Array {
  const m = new Float64Array(r.cols);
  for (let t = 0; t < r.rows; t++) for (let i = 0; i < r.cols; i++) m[i] += r.data[t * r.cols + i];
  for (let i = 0; i < r.cols; i++) m[i] /= r.rows;
  return m;
}

/** The centred returns, column-major (N × T): each asset's deviations contiguous, for fast cross products. */
export function centredColumns(r: ReturnsMatrix): Float64Array {
  const { rows, cols } = r;
  const mean = columnMeans(r);
  const out = new Float64Array(rows * cols);
  for (let t = 0; t < rows; t++) for (let i = 0; i < cols; i++) out[i * rows + t] = r.data[t * cols + i] - mean[i];
  return out;
}

/**
 * X'X of centred columns (N × N, symmetric). Each entry is one dot product summed over t in order; four columns j
 * are taken per pass so that each x_i[t] is loaded once for four products (same sums, same bits, fewer loads).
 */
export function crossProduct(x: Float64Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) {
    const a = i * rows;
    let j = i;
    for (; j + 3 < cols; j += 4) {
      const b0 = j * rows;
      const b1 = b0 + rows;
      const b2 = b1 + rows;
      const b3 = b2 + rows;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < rows; t++) {
        const v = x[a + t];
        s0 += v * x[b0 + t];
        s1 += v * x[b1 + t];
        s2 += v * x[b2 + t];
        s3 += v * x[b3 + t];
      }
      g[i * cols + j] = g[j * cols + i] = s0;
      g[i * cols + j + 1] = g[(j + 1) * cols + i] = s1;
      g[i * cols + j + 2] = g[(j + 2) * cols + i] = s2;
      g[i * cols + j + 3] = g[(j + 3) * cols + i] = s3;
    }
    for (; j < cols; j++) {
      const b = j * rows;
      let s = 0;
      for (let t = 0; t < rows; t++) s += x[a + t] * x[b + t];
      g[i * cols + j] = g[j * cols + i] = s;
    }
  }
  return g;
}
