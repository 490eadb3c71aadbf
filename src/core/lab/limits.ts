/**
 * Risk limits of the lab engine, as callers write them (every field optional; absent = no limit). Pre-trade
 * limits check each order when it is submitted and reduce it to the whole lots that fit, or refuse it; every
 * reduced or refused order is recorded with its rule. Post-trade limits act on the account after a bar's fills.
 */
export interface LabLimitsInput {
  /** Largest |position value| / NAV an order may leave (rule `max-position-weight`). */
  maxPositionWeight?: number;
  /** Largest gross exposure Σ|position value| / NAV an order may leave (rule `max-gross`). */
  maxGross?: number;
  /** Largest |quantity| × price of one order, in cash (rule `max-order-value`). */
  maxOrderValue?: number;
  /** Largest |quantity| as a share of the deciding bar's volume (rule `max-volume-share`). */
  maxVolumeShare?: number;
  /**
   * Drawdown kill switch: when NAV falls `drawdown` (a fraction) below its running peak, `flatten` closes every
   * position and stops trading for the rest of the run; `reduce` cuts every position to `fraction` of its size.
   */
  killSwitch?: { drawdown: number; action: 'flatten' | 'reduce'; fraction?: number };
  /** Daily loss limit: when NAV falls this fraction below the previous day's last NAV, flatten for the rest of the day. */
  dailyLossLimit?: number;
}
