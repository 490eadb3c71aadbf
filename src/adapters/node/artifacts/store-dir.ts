/** Where the CLI's store lives: `--store DIR`, else $QUANTLAB_STORE, else ./.quantlab (relative to cwd). */
import { resolve } from 'node:path';

export const DEFAULT_STORE_DIR = '.quantlab';

export function resolveStoreDir(options: { flag?: string; env?: Record<string, string | undefined>; cwd: string }): string {
  const fromFlag = options.flag?.trim();
  if (fromFlag) return resolve(options.cwd, fromFlag);
  const fromEnv = options.env?.QUANTLAB_STORE?.trim();
  if (fromEnv) return resolve(options.cwd, fromEnv);
  return resolve(options.cwd, DEFAULT_STORE_DIR);
}
