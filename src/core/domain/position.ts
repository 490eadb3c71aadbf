/**
 * Holdings in one instrument. `quantity` is signed (> 0 long, < 0 short, 0 flat) so that adding a fill is
 * `quantity += side × fillQuantity`.
 */
export interface Position {
  readonly instrument: string;
  readonly quantity: number;
  /** Volume-weighted entry price of the open quantity; meaningless (0) when flat. */
  readonly averagePrice: number;
  /** Profit already realized by reducing or closing, fees excluded. */
  readonly realizedPnl: number;
}

export function flatPosition(instrument: string): Position {
  return { instrument, quantity: 0, averagePrice: 0, realizedPnl: 0 };
}

/** Mark-to-market profit of the open quantity at `price`. */
export function unrealizedPnl(position: Position, price: number): number {
  return position.quantity === 0 ? 0 : (price - position.averagePrice) * position.quantity;
}

/**
 * The position after a signed fill of `signedQuantity` units at `price`. Adding keeps a weighted average
 * price; reducing realizes profit at the old average; crossing zero closes and reopens at `price`.
 */
export function applyFill(position: Position, signedQuantity: number, price: number): Position {
  if (signedQuantity === 0) return position;
  const q = position.quantity;
  const next = q + signedQuantity;
  if (q === 0 || Math.sign(q) === Math.sign(signedQuantity)) {
    const averagePrice = (position.averagePrice * Math.abs(q) + price * Math.abs(signedQuantity)) / Math.abs(next);
    return { ...position, quantity: next, averagePrice };
  }
  const closed = Math.min(Math.abs(q), Math.abs(signedQuantity));
  const realizedPnl = position.realizedPnl + (price - position.averagePrice) * closed * Math.sign(q);
  if (next === 0) return { ...position, quantity: 0, averagePrice: 0, realizedPnl };
  if (Math.sign(next) === Math.sign(q)) return { ...position, quantity: next, realizedPnl };
  return { ...position, quantity: next, averagePrice: price, realizedPnl };
}
