/**
 * How an order becomes eligible to fill. Small integer codes so the WASM engine can switch on them;
 * the names are the wire/UI spelling.
 */
export const OrderType = {
  Market: 0,
  Limit: 1,
  Stop: 2,
  StopLimit: 3,
  TrailingStop: 4,
} as const;

export type OrderType = (typeof OrderType)[keyof typeof OrderType];

const NAMES = ['market', 'limit', 'stop', 'stop-limit', 'trailing-stop'] as const;

export type OrderTypeName = (typeof NAMES)[number];

export function formatOrderType(type: OrderType): OrderTypeName {
  return NAMES[type];
}

export function parseOrderType(name: string): OrderType {
  const index = (NAMES as readonly string[]).indexOf(name.trim().toLowerCase());
  if (index < 0) {
    throw new RangeError(`unknown order type "${name}"; expected one of ${NAMES.join(', ')}`);
  }
  return index as OrderType;
}

export function isOrderType(value: unknown): value is OrderType {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < NAMES.length;
}
