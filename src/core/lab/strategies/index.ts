export { LabSmaCross, type LabSmaCrossParams } from './sma-cross';
export { LabMomentum, type LabMomentumParams } from './momentum';
export { LabMeanReversion, type LabMeanReversionParams } from './mean-reversion';
export { LabXmom, XmomWeighting, type LabXmomParams } from './xmom';
export { LabPairs, pairsStep, type LabPairsParams, type PairsState } from './pairs';
export { RebalanceEvery, rebalancePeriod } from './rebalance-period';
export { LabScheduledTargets, type LabScheduledTargetsParams } from './scheduled-targets';
export { LabBuiltinId, labBuiltinOf, labStrategy, type LabBuiltinSpec } from './builtin';
