// Exports of the risk kernels (see src/engine/risk-engine.ts for the host side).
export { riskCrossProduct } from "./cross-product";
