/**
 * The host imports every engine instance needs: AssemblyScript's abort, surfaced as an error, and JavaScript's
 * Math.log (the lab's pairs strategy takes logs with it, so that its values are the TypeScript reference's bits).
 */
const IMPORTS: WebAssembly.Imports = {
  env: {
    abort(_msg: number, _file: number, line: number, col: number): never {
      throw new Error(`engine aborted at ${line}:${col}`);
    },
    'Math.log': Math.log,
  },
};

export function instantiateEngineModule(module: WebAssembly.Module): Promise<WebAssembly.Instance> {
  return WebAssembly.instantiate(module, IMPORTS);
}
