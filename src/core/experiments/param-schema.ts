/** One strategy parameter (a registry ParamSpec) as a zod schema, and the rule text its messages state. */
import { z } from 'zod';
import type { ParamSpec } from '../strategies/registry';
import { rule } from './spec-rule';

/** The rule text of one strategy parameter, as messages and the JSON Schema state it. */
export function paramRule(p: ParamSpec): string {
  if (p.kind === 'fraction') return 'a fraction in (0, 1)';
  const noun = p.kind === 'integer' ? 'integer' : 'number';
  return p.min === undefined ? noun : `${noun} ≥ ${p.min}`;
}

export function paramSchema(p: ParamSpec) {
  const r = rule(paramRule(p));
  let s = z.number(r);
  if (p.kind === 'integer') s = s.int(r);
  if (p.kind === 'fraction') s = s.gt(0, r).lt(1, r);
  if (p.min !== undefined) s = s.min(p.min, r);
  const described = s.meta({ description: p.description });
  if (p.default !== undefined) return described.default(p.default);
  return p.required ? described : described.optional();
}
