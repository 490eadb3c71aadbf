/** The host imports every engine instance needs: AssemblyScript's abort, surfaced as an error. */
const IMPORTS: WebAssembly.Imports = {
  env: {
    abort(_msg: number, _file: number, line: number, col: number): never {
      throw new Error(`engine aborted at ${line}:${col}`);
    },
  },
};

export function instantiateEngineModule(module: WebAssembly.Module): Promise<WebAssembly.Instance> {
  return WebAssembly.instantiate(module, IMPORTS);
}
