/**
 * Validation of the sample universe's parameters: a RangeError naming the field, so a bad set never yields NaN
 * prices, a non-stationary market volatility or a pair tied to a member generated after it.
 */
import type { UniverseParams } from './universe-types';

function fail(field: string, rule: string, value: unknown): never {
  throw new RangeError(`sample universe: ${field} must be ${rule}, got ${String(value)}`);
}

function positive(field: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) fail(field, 'a finite number > 0', v);
}

function finite(field: string, v: number): void {
  if (!Number.isFinite(v)) fail(field, 'a finite number', v);
}

export function validateUniverse(p: UniverseParams): void {
  if (!(Number.isSafeInteger(p.bars) && p.bars >= 1)) fail('bars', 'a positive integer', p.bars);
  if (!(Number.isInteger(p.tailDof) && p.tailDof >= 3 && p.tailDof <= 100)) fail('tailDof', 'an integer in [3, 100]', p.tailDof);
  positive('market.annualVol', p.market.annualVol);
  finite('market.annualDrift', p.market.annualDrift);
  if (!(p.market.alpha >= 0 && p.market.beta >= 0 && p.market.alpha + p.market.beta < 1)) {
    fail('market.alpha + market.beta', 'non-negative and < 1 (stationary)', p.market.alpha + p.market.beta);
  }
  if (!(Number.isInteger(p.crash.bars) && p.crash.bars >= 1)) fail('crash.bars', 'a positive integer', p.crash.bars);
  finite('crash.logDrop', p.crash.logDrop);
  positive('crash.volMultiplier', p.crash.volMultiplier);
  p.sectors.forEach((s, k) => {
    finite(`sectors[${k}].annualDrift`, s.annualDrift);
    positive(`sectors[${k}].annualVol`, s.annualVol);
  });
  const seen = new Set<string>();
  p.members.forEach((m, i) => {
    const at = `members[${i}] (${m.id})`;
    if (seen.has(m.id)) fail(`${at}.id`, 'unique', m.id);
    if (!(Number.isInteger(m.sector) && m.sector >= 0 && m.sector < p.sectors.length))
      fail(`${at}.sector`, `an index below ${p.sectors.length}`, m.sector);
    finite(`${at}.beta`, m.beta);
    finite(`${at}.sectorLoading`, m.sectorLoading);
    finite(`${at}.alpha`, m.alpha);
    positive(`${at}.idioVol`, m.idioVol);
    positive(`${at}.startPrice`, m.startPrice);
    positive(`${at}.volumeBase`, m.volumeBase);
    if (m.pairedWith) {
      if (!seen.has(m.pairedWith.id)) fail(`${at}.pairedWith.id`, 'a member listed before it', m.pairedWith.id);
      positive(`${at}.pairedWith.halfLife`, m.pairedWith.halfLife);
      positive(`${at}.pairedWith.spreadVol`, m.pairedWith.spreadVol);
      finite(`${at}.pairedWith.logRatio`, m.pairedWith.logRatio);
    }
    seen.add(m.id);
  });
}
