/**
 * The GOOG experiment the experiment, reproduce and CLI tests share: sma-cross 10/20 on ../shared/data/GOOG.csv
 * with backtesting.py's commission of 0.2 % and exclusive orders (the visible compatibility case of
 * ../shared/guide). GOOG_HASH is the contentHash of GOOG.csv's bars (the artifact art_f2e4b64306bd2b8ab341951c);
 * GOOG_SMA_RESULT_HASH is the resultHash the CLI and the browser both produced for this spec when it was pinned —
 * a change means the engine, the statistics or the result encoding changed.
 */
export const GOOG_HASH = 'f2e4b64306bd2b8ab341951c2c6363a5ba9fb4cf09781c3f927064d713126c76';

export const GOOG_SMA_SPEC = {
  specVersion: 1,
  profile: 'backtesting.py',
  label: 'GOOG sma 10/20',
  strategy: 'sma-cross',
  params: { fast: 10, slow: 20 },
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
  broker: { exclusiveOrders: true },
  costs: { commission: { relative: 0.002 } },
};

export const GOOG_SMA_RESULT_HASH = '09528be8afd1884cd397730e30c8bd93fba75b6a2ff7675eecfbcf931a940786';
