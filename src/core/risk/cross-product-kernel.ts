/**
 * The one heavy step of the covariance models, X'X of centred columns, as an injectable function: the TypeScript
 * reference (`crossProduct`) by default, or the engine module's SIMD twin (src/engine/risk-engine.ts), which sums
 * every entry in the reference's order and so gives the same bits. Core code takes it as a parameter and never
 * learns where it runs.
 *
 * Contract: `x` is N columns of T values, column-major (x[i·T + t]); the result is N × N row-major, symmetric, each
 * entry Σ_t x_i[t]·x_j[t] added from t = 0 upwards, starting from +0, every product rounded before it is added.
 */
export type CrossProductKernel = (x: Float64Array, rows: number, cols: number) => Float64Array;
