/** Means and centred second moments of a pair of series over rows [from, to): two passes, stable whatever the level. */
export interface CoMoments {
  my: number;
  mx: number;
  sxx: number;
  syy: number;
  sxy: number;
}

export function centredCoMoments(y: ArrayLike<number>, x: ArrayLike<number>, from: number, to: number): CoMoments {
  const n = to - from;
  let sy = 0;
  let sx = 0;
  for (let i = from; i < to; i++) {
    sy += y[i];
    sx += x[i];
  }
  const my = sy / n;
  const mx = sx / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = from; i < to; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { my, mx, sxx, syy, sxy };
}
