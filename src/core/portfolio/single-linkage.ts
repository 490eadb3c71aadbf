/**
 * Single-linkage clustering with SciPy's exact procedure (`scipy.cluster.hierarchy.linkage(…, 'single')`), so that
 * HRP's leaf order matches PyPortfolioOpt's bit for bit: Prim's minimum spanning tree started at observation 0
 * (each row records the previous node and the nearest unmerged one, the first such in index order on ties), rows
 * sorted stably by distance, then relabelled with a union–find so each row is [smaller id, larger id, distance,
 * size] and cluster n+k is the one formed by row k.
 */
export type LinkageRow = [number, number, number, number];

/** `distance(i, j)` for i ≠ j; n ≥ 2 observations. */
export function singleLinkage(n: number, distance: (i: number, j: number) => number): LinkageRow[] {
  const edges: Array<[number, number, number]> = [];
  const merged = new Uint8Array(n);
  const nearest = new Float64Array(n).fill(Infinity);
  let x = 0;
  for (let k = 0; k < n - 1; k++) {
    let best = Infinity;
    let y = -1;
    merged[x] = 1;
    for (let i = 0; i < n; i++) {
      if (merged[i] === 1) continue;
      const d = distance(x, i);
      if (nearest[i] > d) nearest[i] = d;
      if (nearest[i] < best || y < 0) {
        y = i;
        best = nearest[i];
      }
    }
    edges.push([x, y, best]);
    x = y;
  }
  // Array.prototype.sort is stable (ES2019), like NumPy's mergesort argsort.
  edges.sort((a, b) => a[2] - b[2]);
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const size = new Float64Array(2 * n - 1).fill(1);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r];
    while (parent[v] !== r) {
      const next = parent[v];
      parent[v] = r;
      v = next;
    }
    return r;
  };
  return edges.map(([a, b, d], k) => {
    const ra = find(a);
    const rb = find(b);
    const id = n + k;
    parent[ra] = id;
    parent[rb] = id;
    size[id] = size[ra] + size[rb];
    return [Math.min(ra, rb), Math.max(ra, rb), d, size[id]];
  });
}

/** Leaves left to right (SciPy's `to_tree(linkage).pre_order()`). */
export function leafOrder(linkage: readonly LinkageRow[], n: number): number[] {
  const out: number[] = [];
  const stack = [n + linkage.length - 1];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (id < n) out.push(id);
    else {
      const [left, right] = linkage[id - n];
      stack.push(right, left);
    }
  }
  return out;
}
