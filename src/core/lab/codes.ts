/**
 * Integer codes of the lab engine. The hot loop switches on these small integers (never on strings) so that
 * the AssemblyScript port can keep them as `i32` constants with the same values. Names are the spelling used
 * in configs, results and docs; `*_NAMES[code]` is the name of a code.
 *
 * Order types reuse the domain's codes (`OrderType`: market 0, limit 1, stop 2, stop-limit 3, trailing-stop 4)
 * and sides reuse `Side` (+1 buy, −1 sell), so a side multiplies a quantity directly.
 */

/** When market orders decided at a bar's close execute. */
export const FillTiming = { NextOpen: 0, Close: 1 } as const;
export type FillTiming = (typeof FillTiming)[keyof typeof FillTiming];
export const FILL_TIMING_NAMES = ['next-open', 'close'] as const;

/** How the adverse price move of a marketable fill is computed (see slippage.ts). */
export const SlippageModel = { None: 0, FixedBps: 1, Volatility: 2, Random: 3 } as const;
export type SlippageModel = (typeof SlippageModel)[keyof typeof SlippageModel];
export const SLIPPAGE_MODEL_NAMES = ['none', 'fixed-bps', 'volatility', 'random'] as const;

/** Which exit wins when a trade's stop and take-profit are both reached inside one bar (see bracket-rule.ts). */
export const BracketRule = { StopFirst: 0, TargetFirst: 1, NearestToOpen: 2 } as const;
export type BracketRule = (typeof BracketRule)[keyof typeof BracketRule];
export const BRACKET_RULE_NAMES = ['stop-first', 'target-first', 'nearest-to-open'] as const;

/** What happens to the part of an order the bar's volume cap did not allow to fill. */
export const VolumeRemainder = { Keep: 0, Cancel: 1 } as const;
export type VolumeRemainder = (typeof VolumeRemainder)[keyof typeof VolumeRemainder];
export const VOLUME_REMAINDER_NAMES = ['keep', 'cancel'] as const;

/** How long an unfilled order stays working. */
export const TimeInForce = { Gtc: 0, Day: 1, Bars: 2 } as const;
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];
export const TIME_IN_FORCE_NAMES = ['gtc', 'day', 'bars'] as const;

/** Who created an order. */
export const OrderSource = { Strategy: 0, Rebalance: 1, Scheduled: 2 } as const;
export type OrderSource = (typeof OrderSource)[keyof typeof OrderSource];
export const ORDER_SOURCE_NAMES = ['strategy', 'rebalance', 'scheduled'] as const;

/** Life-cycle state of an order in the book. */
export const OrderStatus = { Working: 0, Filled: 1, Cancelled: 2, Expired: 3, Refused: 4 } as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
export const ORDER_STATUS_NAMES = ['working', 'filled', 'cancelled', 'expired', 'refused'] as const;

/** Why an order stopped working without (fully) filling. `None` for working and filled orders. */
export const EndReason = {
  None: 0,
  /** Cancelled by the strategy, or replaced by a newer rebalance. */
  UserCancel: 1,
  /** Margin (leverage) check failed on a fill that would add exposure. */
  Margin: 2,
  /** The fill would leave a short position and `allowShort` is false. */
  ShortNotAllowed: 3,
  /** Rounded down to whole lots the order is empty. */
  ZeroQuantity: 4,
  /** Volume remainder policy `cancel`: what the first executable bar could not fill. */
  VolumeRemainder: 5,
  /** Time in force (day or bars) ran out. */
  TimeInForce: 6,
  /** Reduce-only order found no opposite position left to reduce. */
  NothingToReduce: 7,
  /** The account went bankrupt (NAV ≤ 0); every order was cancelled. */
  Bankrupt: 8,
  /** A risk limit (config `limits`) refused it, or cancelled it when a post-trade limit tripped; the limit log names the rule. */
  Limit: 9,
} as const;
export type EndReason = (typeof EndReason)[keyof typeof EndReason];
export const END_REASON_NAMES = [
  'none',
  'user-cancel',
  'margin',
  'short-not-allowed',
  'zero-quantity',
  'volume-remainder',
  'time-in-force',
  'nothing-to-reduce',
  'bankrupt',
  'limit',
] as const;

/** Why a fill happened; for a closing fill also the closed trade's exit reason. */
export const Reason = {
  /** An order from a strategy, a rebalance or a scheduled entry (FIFO netting against open trades). */
  Order: 0,
  StopLoss: 1,
  TakeProfit: 2,
  TrailingStop: 3,
  TimeStop: 4,
  /** `closeAtEnd`: closed at the last known close after the last bar. */
  EndOfData: 5,
  /** NAV ≤ 0 at a bar's close: everything closed at that close. */
  Bankrupt: 6,
  /** The drawdown kill switch tripped at a bar's close: positions closed (flatten) or cut (reduce) at that close. */
  KillSwitch: 7,
  /** The daily loss limit tripped at a bar's close: everything closed at that close. */
  DailyLoss: 8,
} as const;
export type Reason = (typeof Reason)[keyof typeof Reason];
export const REASON_NAMES = [
  'order',
  'stop-loss',
  'take-profit',
  'trailing-stop',
  'time-stop',
  'end-of-data',
  'bankrupt',
  'kill-switch',
  'daily-loss',
] as const;

/**
 * The rule of a limit-log row (limits.ts): which limit reduced or refused an order, or tripped. `no-short` is the
 * engine's own refusal of a short fill when shorting is off, recorded in the same log.
 */
export const LimitRule = {
  NoShort: 0,
  MaxPositionWeight: 1,
  MaxGross: 2,
  MaxOrderValue: 3,
  MaxVolumeShare: 4,
  KillSwitch: 5,
  DailyLoss: 6,
} as const;
export type LimitRule = (typeof LimitRule)[keyof typeof LimitRule];
export const LIMIT_RULE_NAMES = [
  'no-short',
  'max-position-weight',
  'max-gross',
  'max-order-value',
  'max-volume-share',
  'kill-switch',
  'daily-loss',
] as const;

/** What the drawdown kill switch does when it trips. */
export const KillAction = { Flatten: 0, Reduce: 1 } as const;
export type KillAction = (typeof KillAction)[keyof typeof KillAction];
export const KILL_ACTION_NAMES = ['flatten', 'reduce'] as const;

/** Index of `name` in `names`, or −1. */
export function codeOf(names: readonly string[], name: string): number {
  for (let i = 0; i < names.length; i++) if (names[i] === name) return i;
  return -1;
}
