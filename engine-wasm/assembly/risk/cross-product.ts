// X'X of centred returns, the twin of crossProduct in src/core/risk/returns-matrix.ts, to the bit.
//
// The reference sums each entry g[i][j] = Σ_t x_i[t]·x_j[t] over t from 0 upwards, one product rounded then added
// (no fused multiply-add: relaxed-simd is disabled). Here each f64x2 lane is one such entry and runs the same
// sequence, so SIMD changes how many entries advance at once, never the order inside one. The columns are first
// packed into panels of four (T rows × 4 doubles, zero-padded past the last column) so that a 4 × 4 block of
// entries reads both its panels in order, 2 vector + 4 scalar loads for 16 products per t. Padding columns only
// meet zero products in entries nobody reads.

let panelsPtr: usize = 0;
let panelsBytes: usize = 0;

/** A grow-only region for the panels, reused by later calls (the stub runtime reclaims the last block). */
function panels(bytes: usize): usize {
  if (bytes > panelsBytes) {
    if (panelsPtr != 0) heap.free(panelsPtr);
    panelsPtr = heap.alloc(bytes);
    panelsBytes = bytes;
  }
  return panelsPtr;
}

/**
 * `x`: N columns of T centred returns, column-major (x[i·T + t]); `out`: N × N, row-major, written whole
 * (symmetric). Both are f64 buffers in linear memory.
 */
export function riskCrossProduct(x: usize, rows: i32, cols: i32, out: usize): void {
  if (rows <= 0 || cols <= 0) return;
  const blocks = (cols + 3) >> 2;
  const panelDoubles = <usize>rows << 2;
  const p = panels((<usize>blocks * panelDoubles) << 3);
  // Pack: panel b holds columns 4b..4b+3 as rows of four, p[(b·T + t)·4 + c] = x[(4b + c)·T + t].
  for (let b = 0; b < blocks; b++) {
    const base = p + ((<usize>b * panelDoubles) << 3);
    for (let c = 0; c < 4; c++) {
      const i = (b << 2) + c;
      if (i < cols) {
        const src = x + ((<usize>i * rows) << 3);
        for (let t = 0; t < rows; t++) store<f64>(base + ((((<usize>t) << 2) + c) << 3), load<f64>(src + (<usize>t << 3)));
      } else {
        for (let t = 0; t < rows; t++) store<f64>(base + ((((<usize>t) << 2) + c) << 3), 0);
      }
    }
  }
  const n = <usize>cols;
  for (let bi = 0; bi < blocks; bi++) {
    const pi = p + ((<usize>bi * panelDoubles) << 3);
    for (let bj = bi; bj < blocks; bj++) {
      const pj = p + ((<usize>bj * panelDoubles) << 3);
      let s00 = f64x2.splat(0), s01 = f64x2.splat(0);
      let s10 = f64x2.splat(0), s11 = f64x2.splat(0);
      let s20 = f64x2.splat(0), s21 = f64x2.splat(0);
      let s30 = f64x2.splat(0), s31 = f64x2.splat(0);
      for (let t = 0; t < rows; t++) {
        const at = <usize>t << 5;
        const b0 = v128.load(pj + at);
        const b1 = v128.load(pj + at, 16);
        const a0 = f64x2.splat(load<f64>(pi + at));
        const a1 = f64x2.splat(load<f64>(pi + at, 8));
        const a2 = f64x2.splat(load<f64>(pi + at, 16));
        const a3 = f64x2.splat(load<f64>(pi + at, 24));
        s00 = f64x2.add(s00, f64x2.mul(a0, b0));
        s01 = f64x2.add(s01, f64x2.mul(a0, b1));
        s10 = f64x2.add(s10, f64x2.mul(a1, b0));
        s11 = f64x2.add(s11, f64x2.mul(a1, b1));
        s20 = f64x2.add(s20, f64x2.mul(a2, b0));
        s21 = f64x2.add(s21, f64x2.mul(a2, b1));
        s30 = f64x2.add(s30, f64x2.mul(a3, b0));
        s31 = f64x2.add(s31, f64x2.mul(a3, b1));
      }
      const i0 = <usize>bi << 2;
      const j0 = <usize>bj << 2;
      put(out, n, i0, j0, s00, s01);
      put(out, n, i0 + 1, j0, s10, s11);
      put(out, n, i0 + 2, j0, s20, s21);
      put(out, n, i0 + 3, j0, s30, s31);
    }
  }
}

/** Row i, columns j0..j0+3 of the block, and their mirror entries; cells past the last column are dropped. */
// @ts-ignore: decorator
@inline function put(out: usize, n: usize, i: usize, j0: usize, lo: v128, hi: v128): void {
  if (i >= n) return;
  cell(out, n, i, j0, f64x2.extract_lane(lo, 0));
  cell(out, n, i, j0 + 1, f64x2.extract_lane(lo, 1));
  cell(out, n, i, j0 + 2, f64x2.extract_lane(hi, 0));
  cell(out, n, i, j0 + 3, f64x2.extract_lane(hi, 1));
}

// @ts-ignore: decorator
@inline function cell(out: usize, n: usize, i: usize, j: usize, v: f64): void {
  if (j >= n) return;
  store<f64>(out + ((i * n + j) << 3), v);
  store<f64>(out + ((j * n + i) << 3), v);
}
