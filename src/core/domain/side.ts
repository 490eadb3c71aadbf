/**
 * Direction of an order, fill or position. Encoded as ±1 so it multiplies quantities directly
 * (signed quantity = side × |quantity|) and crosses into AssemblyScript as a plain i32.
 */
export const Side = {
  Buy: 1,
  Sell: -1,
} as const;

export type Side = (typeof Side)[keyof typeof Side];

export function isSide(value: unknown): value is Side {
  return value === Side.Buy || value === Side.Sell;
}

export function oppositeSide(side: Side): Side {
  return side === Side.Buy ? Side.Sell : Side.Buy;
}

/** Side of a signed quantity; zero has no side. */
export function sideOf(signedQuantity: number): Side | undefined {
  if (signedQuantity > 0) return Side.Buy;
  if (signedQuantity < 0) return Side.Sell;
  return undefined;
}

export function formatSide(side: Side): 'buy' | 'sell' {
  return side === Side.Buy ? 'buy' : 'sell';
}
