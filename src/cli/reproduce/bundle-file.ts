/** A bundle file read from disk for verification: size-checked before it is read, errors as one CLI line. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { BUNDLE_LIMITS } from '../../core/reproduce/bundle-format';
import { BundleError } from '../../core/reproduce/errors';
import { CliError } from '../cli-error';

export async function readBundleFile(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliError(`${path}: not a file`, 2);
    size = info.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${path}: neither a run link (…#/run/v1/…) nor a readable bundle file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 2);
  }
  if (size > BUNDLE_LIMITS.maxBundleBytes)
    throw new CliError(`${basename(path)}: ${size} bytes; a bundle may have at most ${BUNDLE_LIMITS.maxBundleBytes} [rule: size]`, 2);
  const bytes = await readFile(path);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** A refused bundle as the CLI reports it: the file given, then the file inside it and the rule. Exit 2. */
export function bundleRefusal(path: string, e: BundleError): CliError {
  return new CliError(`${basename(path)}: ${e.message}`, 2);
}
