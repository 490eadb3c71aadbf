/** Digits that suit an instrument's price level: 2 for stocks, 4–5 for currency pairs. */
export function priceDigits(close: ArrayLike<number>): number {
  const mid = close.length ? Math.abs(close[close.length >> 1]) : 1;
  return mid >= 1000 ? 1 : mid >= 10 ? 2 : mid >= 1 ? 4 : 5;
}

export function formatPrice(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || !Number.isFinite(x)
    ? '—'
    : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
