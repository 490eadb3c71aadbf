/**
 * Named errors of the lab engine. Each message says what was wrong, where (field, instrument, bar) and what
 * was expected, so that a failing run can be fixed from the message alone.
 */

/** An invalid engine configuration, timeline or order-source specification (detected before the run). */
export class EngineConfigError extends RangeError {
  override readonly name = 'EngineConfigError';
}

/** An invalid order request from a strategy, a rebalance or a scheduled entry. */
export class OrderRequestError extends RangeError {
  override readonly name = 'OrderRequestError';
}

/** A strategy asked for data that has not been revealed yet (a bar after the current one). */
export class LookAheadError extends RangeError {
  override readonly name = 'LookAheadError';
}
