// Which exit of a trade executes when its stop and take-profit are both reached inside one bar
// (src/core/lab/bracket-rule.ts).
import { BRACKET_STOP_FIRST, BRACKET_TARGET_FIRST } from "./codes";

export function stopComesFirst(rule: i32, tradeSide: i32, open: f64, high: f64, low: f64): bool {
  if (rule == BRACKET_STOP_FIRST) return true;
  if (rule == BRACKET_TARGET_FIRST) return false;
  const up = high - open;
  const down = open - low;
  if (up == down) return true;
  const upFirst = up < down;
  // A long's stop is below (reached on the way down), a short's above.
  return tradeSide > 0 ? !upFirst : upFirst;
}
