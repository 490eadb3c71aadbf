// Integer codes of the lab engine: the same values as src/core/lab/codes.ts (and OrderType of
// src/core/domain/order-type.ts), so that the host passes them through unchanged.

export const FILL_NEXT_OPEN: i32 = 0;
export const FILL_CLOSE: i32 = 1;

export const SLIP_NONE: i32 = 0;
export const SLIP_FIXED_BPS: i32 = 1;
export const SLIP_VOLATILITY: i32 = 2;
export const SLIP_RANDOM: i32 = 3;

export const BRACKET_STOP_FIRST: i32 = 0;
export const BRACKET_TARGET_FIRST: i32 = 1;
export const BRACKET_NEAREST_TO_OPEN: i32 = 2;

export const REMAINDER_KEEP: i32 = 0;
export const REMAINDER_CANCEL: i32 = 1;

export const TIF_GTC: i32 = 0;
export const TIF_DAY: i32 = 1;
export const TIF_BARS: i32 = 2;

export const SOURCE_STRATEGY: i32 = 0;
export const SOURCE_REBALANCE: i32 = 1;
export const SOURCE_SCHEDULED: i32 = 2;

export const STATUS_WORKING: i32 = 0;
export const STATUS_FILLED: i32 = 1;
export const STATUS_CANCELLED: i32 = 2;
export const STATUS_EXPIRED: i32 = 3;
export const STATUS_REFUSED: i32 = 4;

export const END_NONE: i32 = 0;
export const END_USER_CANCEL: i32 = 1;
export const END_MARGIN: i32 = 2;
export const END_SHORT_NOT_ALLOWED: i32 = 3;
export const END_ZERO_QUANTITY: i32 = 4;
export const END_VOLUME_REMAINDER: i32 = 5;
export const END_TIME_IN_FORCE: i32 = 6;
export const END_NOTHING_TO_REDUCE: i32 = 7;
export const END_BANKRUPT: i32 = 8;
export const END_LIMIT: i32 = 9;

export const REASON_ORDER: i32 = 0;
export const REASON_STOP_LOSS: i32 = 1;
export const REASON_TAKE_PROFIT: i32 = 2;
export const REASON_TRAILING_STOP: i32 = 3;
export const REASON_TIME_STOP: i32 = 4;
export const REASON_END_OF_DATA: i32 = 5;
export const REASON_BANKRUPT: i32 = 6;
export const REASON_KILL_SWITCH: i32 = 7;
export const REASON_DAILY_LOSS: i32 = 8;

export const RULE_NO_SHORT: i32 = 0;
export const RULE_MAX_POSITION_WEIGHT: i32 = 1;
export const RULE_MAX_GROSS: i32 = 2;
export const RULE_MAX_ORDER_VALUE: i32 = 3;
export const RULE_MAX_VOLUME_SHARE: i32 = 4;
export const RULE_KILL_SWITCH: i32 = 5;
export const RULE_DAILY_LOSS: i32 = 6;

export const KILL_FLATTEN: i32 = 0;
export const KILL_REDUCE: i32 = 1;

export const TYPE_MARKET: i32 = 0;
export const TYPE_LIMIT: i32 = 1;
export const TYPE_STOP: i32 = 2;
export const TYPE_STOP_LIMIT: i32 = 3;
export const TYPE_TRAILING_STOP: i32 = 4;
