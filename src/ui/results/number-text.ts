/** Short signed numbers for dense cells (heatmaps): typographic minus and no negative zero. */
export function signedFixed(x: number, digits: number): string {
  const text = Math.abs(x).toFixed(digits);
  return x < 0 && /[1-9]/.test(text) ? `\u2212${text}` : text;
}

/** Three significant-looking digits: 1.2k, 123, 12.3, 1.23. */
export function compactCell(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '' : x > 0 ? '∞' : '\u2212∞';
  const a = Math.abs(x);
  if (a >= 1000) return `${signedFixed(x / 1000, 1)}k`;
  return signedFixed(x, a >= 100 ? 0 : a >= 10 ? 1 : 2);
}
