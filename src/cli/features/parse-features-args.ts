/** Arguments of `quantlab features …` and `quantlab labels …`; every mistake is exit 2 with one line naming it. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from '../cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON: Options = {
  data: { type: 'string', multiple: true },
  store: { type: 'string' },
  json: { type: 'boolean' },
};

export function parseFlags(command: string, argv: string[], options: Options): Record<string, string | string[] | boolean | undefined> {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options: { ...COMMON, ...options } }).values as Record<
      string,
      string | string[] | boolean | undefined
    >;
  } catch (e) {
    throw new CliError(`${command}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

/** An integer flag ≥ min, or `fallback` when absent (undefined fallback: required). */
export function intFlag(values: Record<string, unknown>, flag: string, min: number, fallback?: number): number {
  const text = values[flag];
  if (text === undefined) {
    if (fallback === undefined) throw new CliError(`--${flag} N is required`);
    return fallback;
  }
  const shown = typeof text === 'string' ? text : JSON.stringify(text);
  const v = Number(text);
  if (shown.trim() === '' || !Number.isInteger(v) || v < min) throw new CliError(`--${flag}: expected an integer >= ${min}, got "${shown}"`);
  return v;
}

/** A number flag > 0 (or ≥ 0 with `zero`), or `fallback` when absent. */
export function positiveFlag(text: string | undefined, flag: string, fallback: number, zero = false): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || (!zero && v === 0))
    throw new CliError(`--${flag}: expected a number ${zero ? '>= 0' : '> 0'}, got "${text}"`);
  return v;
}

export function stringFlag(values: Record<string, unknown>, flag: string): string {
  const v = values[flag];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`--${flag} NAME is required`);
  return v;
}

export const dataFlag = (values: Record<string, unknown>): string[] => (values.data as string[] | undefined) ?? [];
