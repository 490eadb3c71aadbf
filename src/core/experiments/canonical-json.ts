/**
 * Canonical JSON, the bytes a spec is hashed over. For the values a spec holds (objects, arrays, strings, finite
 * numbers, booleans; no null) it is the JSON Canonicalization Scheme, RFC 8785:
 * - no whitespace; object keys sorted by UTF-16 code units (JavaScript's default sort); keys whose value is
 *   `undefined` are left out, like JSON.stringify does;
 * - numbers in ECMAScript's shortest round-trip form (`Number.prototype.toString`, what JSON.stringify writes):
 *   10 not 10.0, 1e21 not 1000000000000000000000, 0.1 as 0.1; -0 is written 0;
 * - strings as JSON.stringify escapes them (lone surrogates are refused: they have no UTF-8 form).
 * Non-finite numbers, bigints, functions and symbols are refused rather than guessed.
 */

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

const LONE_SURROGATE = /\p{Surrogate}/u;

function encode(value: unknown, where: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${where}: ${value} has no canonical JSON form`);
      return JSON.stringify(value === 0 ? 0 : value);
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(`${where}: string has a lone surrogate`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, `${where}[${i}]`)).join(',')}]`;
      const entries = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => {
          if (LONE_SURROGATE.test(k)) throw new CanonicalJsonError(`${where}: key has a lone surrogate`);
          return `${JSON.stringify(k)}:${encode((value as Record<string, unknown>)[k], `${where}.${k}`)}`;
        });
      return `{${entries.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${where}: a ${typeof value} has no canonical JSON form`);
  }
}

export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}
