export { extendedReport } from './report';
export { EXTENDED_REPORT_KEYS, type ExtendedReport, type MonthlyReturn, type ReportInput, type ReportOptions } from './types';
export { dailySeries, validateCurve, type DailySeries } from './daily-series';
export { annualizationFactor } from './annualization';
export { quantile, quantileSorted, sortedAscending } from './quantile';
export { valueAtRisk, conditionalValueAtRisk, tailRatio } from './tail-risk';
export { omegaRatio } from './omega';
export { centralMoments, skewness, excessKurtosis, sampleStd, periodSharpe, type CentralMoments } from './moments';
export { calendarReturns, extremes, type CalendarPeriod, type PeriodReturn } from './calendar-returns';
export { drawdownSeries, longestDrawdownDays, maxDrawdown, ulcerIndex, recoveryFactor } from './drawdown';
export { erfc, normalCdf, normalPdf, normalQuantile } from './normal';
export { probabilisticSharpeRatio, sharpeEvidence, type SharpeEvidence } from './probabilistic-sharpe';
export {
  checkTrials,
  deflatedSharpeRatio,
  expectedMaxSharpe,
  trialSharpeVariance,
  perPeriodSharpeVariance,
  EULER_MASCHERONI,
  type SweepTrials,
} from './deflated-sharpe';
export { tradeProfile, type TradeProfile } from './trade-profile';
export { sum, mean } from './summation';
