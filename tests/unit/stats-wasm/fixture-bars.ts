import type { FixtureCase } from '../compat/fixture';

export { fixtureBars, fixtureCases, fixtureStrategy, type FixtureCase } from '../compat/fixture';

/** backtesting.py's table with its "inf" / "-inf" spelled as numbers, comparable with a CompatStats. */
export function fixtureExpected(c: FixtureCase): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.stats)) out[k] = v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v;
  return out;
}
