// Rebalance calendars (src/core/lab/strategies/rebalance-period.ts): 1 monthly, 2 weekly (Monday first), 3 every
// bar; the same whole-day arithmetic in f64, so both twins see the same periods.
import { MS_PER_DAY } from "../../time";

export function rebalancePeriod(code: i32, ms: f64, bar: i32): f64 {
  const days = Math.floor(ms / MS_PER_DAY);
  if (code == 2) return Math.floor((days + 3) / 7);
  if (code == 3) return <f64>bar;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}
