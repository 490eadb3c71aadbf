export { computeStats } from './compute';
export { checkStatsInput } from './input';
export { COMPAT_STATS_KEYS, type CompatStats, type StatsInput, type StatsTrade } from './types';
export { drawdownSeries, drawdownEpisodes, type DrawdownEpisodes } from './drawdown';
export { geometricMean, periodReturns } from './returns';
export { annualization, dataPeriodMs, resolutionMs, isoSeconds, type Annualization, type ResampleRule } from './calendar';
export { sum, mean, variance } from './summation';
