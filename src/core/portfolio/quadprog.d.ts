// Types of the `quadprog` package (a JavaScript port of R quadprog's Fortran solve.QP); its arrays are 1-based
// like the Fortran original: element 0 of every array and row is unused.
declare module 'quadprog' {
  export interface SolveQpResult {
    solution: number[];
    Lagrangian: number[];
    value: number[];
    iterations: number[];
    iact: number[];
    message: string;
  }
  export function solveQP(Dmat: number[][], dvec: number[], Amat: number[][], bvec: number[], meq?: number, factorized?: number[]): SolveQpResult;
}
