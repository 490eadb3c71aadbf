// Exports of the engine module. Plain functions over linear-memory buffers; the host writes inputs into
// `scratch` and reads outputs back.
export { scratch } from "./scratch";
export { barsRegion } from "./bars-region";
export { rngSeed, rngNextU32, rngNextFloat } from "./rng";
export * from "./stats/exports";
export * from "./compat/exports";
export * from "./sweep/exports";
export * from "./lab/exports";
export * from "./risk/exports";
