// Built-in strategies, selected by id (AssemblyScript has no closures, so a strategy is a pair of functions
// over module state). To add one (momentum, mean reversion…): write `strategies/<name>.ts` with an init that
// validates its f64 parameters and declares indicators, and a `next(i)` that trades through ../context.ts; then
// give it an id below, add a case to both switches, and a matching entry in src/engine/compat.ts.
import { brokerProbeInit, brokerProbeNext } from "./broker-probe";
import { smaCrossInit, smaCrossNext, smaCrossNextSignal } from "./sma-cross";

export const STRATEGY_SMA_CROSS: i32 = 1;
export const STRATEGY_BROKER_PROBE: i32 = 100;

export function isKnownStrategy(id: i32): bool {
  return id == STRATEGY_SMA_CROSS || id == STRATEGY_BROKER_PROBE;
}

/** Validate the parameters and declare the indicators of strategy `id`; false when the parameters are invalid. */
export function strategyInit(id: i32, params: usize, nParams: i32, n: i32): bool {
  switch (id) {
    case STRATEGY_SMA_CROSS:
      return smaCrossInit(params, nParams, n);
    case STRATEGY_BROKER_PROBE:
      return brokerProbeInit(nParams, n);
  }
  return false;
}

@inline export function strategyNext(id: i32, i: i32): void {
  switch (id) {
    case STRATEGY_SMA_CROSS:
      smaCrossNext(i);
      break;
    case STRATEGY_BROKER_PROBE:
      brokerProbeNext(i);
      break;
  }
}

/**
 * The first bar in [from, to) on which strategy `id`'s next() may act; on the bars before it, next() is known to
 * do nothing, so the run loop lets them pass with the broker alone. A strategy without such a scan answers `from`.
 */
export function strategyNextSignal(id: i32, from: i32, to: i32): i32 {
  if (id == STRATEGY_SMA_CROSS) return smaCrossNextSignal(from, to);
  return from;
}
