// Built-in strategy `broker-probe`: a fixed script that cycles through every order type every 11 bars (limit
// entries with brackets, short stop entries, fractional stop-limit entries, partial closes, unit-sized market
// orders, cancellations, short limit entries). It is the twin of tests/unit/compat/probe-strategy.ts, whose
// results backtesting.py itself pinned, and exists to cross-check the broker port on paths sma-cross never takes.
import { closeAt, highAt, lowAt } from "../bars";
import { buy, cancel, closePosition, isContingent, pendingOrders, positionSize, sell, FULL_EQUITY } from "../context";
import { failed } from "../errors";
import { declareCloseMean } from "../indicators";

export function brokerProbeInit(nParams: i32, n: i32): bool {
  if (nParams != 0) return false;
  return declareCloseMean(5) >= 0;
}

export function brokerProbeNext(i: i32): void {
  const c = closeAt(i);
  const h = highAt(i);
  const l = lowAt(i);
  switch (i % 11) {
    case 0:
      buy(FULL_EQUITY, c * 0.99, NaN, c * 0.95, c * 1.05);
      break;
    case 2:
      sell(FULL_EQUITY, NaN, l * 0.995, c * 1.05, c * 0.8);
      break;
    case 4:
      buy(0.3, h * 1.01, h * 1.002, NaN, NaN);
      break;
    case 5:
      if (positionSize() != 0) closePosition(0.5);
      break;
    case 7:
      sell(3, NaN, NaN, NaN, c * 0.97);
      break;
    case 8: {
      const pending = pendingOrders();
      for (let k = 0, m = pending.length; k < m; k++) {
        const o = pending.at(k);
        if (!isContingent(o)) cancel(o);
        if (failed()) return;
      }
      break;
    }
    case 9:
      buy(0.5, NaN, NaN, c * 0.98, NaN);
      break;
    case 10:
      sell(FULL_EQUITY, h * 1.001, NaN, NaN, c * 0.96);
      break;
  }
}
