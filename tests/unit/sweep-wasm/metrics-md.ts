// metrics.md's visible case (GOOG, sma-cross 10/20, cash 10,000, commission 0.002, exclusive orders).
export { GOOG_SMA_10_20_STATS as METRICS_MD_STATS } from '../../helpers/goog-golden';

export const METRICS_MD_OPTIONS = { cash: 10_000, commission: 0.002, exclusiveOrders: true } as const;
