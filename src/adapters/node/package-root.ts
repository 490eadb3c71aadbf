/**
 * The package's root directory (the nearest folder above this module holding package.json). Files shipped with the
 * package — the engine's .wasm — are located from it, never by a fixed number of `..` hops: this module runs from
 * src/adapters/node under tsx and from dist-cli/ once the CLI is built, at different depths.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function packageRootFrom(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
}

/** A file of the package, by its path from the root ('engine-wasm/build/engine.wasm'). */
export function packageFileUrl(relativePath: string, moduleUrl: string = import.meta.url): URL {
  return pathToFileURL(join(packageRootFrom(moduleUrl), relativePath));
}
