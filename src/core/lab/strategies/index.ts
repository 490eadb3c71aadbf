export { LabSmaCross, type LabSmaCrossParams } from './sma-cross';
export { LabMomentum, type LabMomentumParams } from './momentum';
export { LabMeanReversion, type LabMeanReversionParams } from './mean-reversion';
export { LabBuiltinId, labBuiltinOf, labStrategy, type LabBuiltinSpec } from './builtin';
