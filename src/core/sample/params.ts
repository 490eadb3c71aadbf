/**
 * Validation of generator parameters. Fails fast with a RangeError naming the offending field, so a bad
 * parameter set never silently produces NaN prices or a non-stationary volatility process.
 */
import type { CalendarKind, GeneratorParams, RegimeParams } from './types';

const CALENDARS: readonly CalendarKind[] = ['weekdays-daily', 'all-days-daily', 'fx-hourly'];

function fail(field: string, rule: string, value: unknown): never {
  throw new RangeError(`sample generator: ${field} must be ${rule}, got ${String(value)}`);
}

function finite(field: string, v: number): void {
  if (!Number.isFinite(v)) fail(field, 'a finite number', v);
}

function positive(field: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) fail(field, 'a finite number > 0', v);
}

function nonNegative(field: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) fail(field, 'a finite number ≥ 0', v);
}

function regime(name: string, r: RegimeParams): void {
  finite(`regimes.${name}.annualDrift`, r.annualDrift);
  positive(`regimes.${name}.volMultiplier`, r.volMultiplier);
  if (!(Number.isFinite(r.meanDurationBars) && r.meanDurationBars >= 1)) {
    fail(`regimes.${name}.meanDurationBars`, 'a finite number ≥ 1', r.meanDurationBars);
  }
}

export function validateParams(p: GeneratorParams): void {
  if (!CALENDARS.includes(p.calendar)) fail('calendar', `one of ${CALENDARS.join(', ')}`, p.calendar);
  if (!Number.isSafeInteger(p.start)) fail('start', 'an integer epoch-ms', p.start);
  if (!(Number.isSafeInteger(p.bars) && p.bars >= 1)) fail('bars', 'a positive integer', p.bars);
  positive('startPrice', p.startPrice);
  if (p.priceDecimals !== undefined && !(Number.isInteger(p.priceDecimals) && p.priceDecimals >= 0 && p.priceDecimals <= 12)) {
    fail('priceDecimals', 'an integer in [0, 12]', p.priceDecimals);
  }
  regime('bull', p.regimes.bull);
  regime('bear', p.regimes.bear);
  positive('garch.annualVol', p.garch.annualVol);
  nonNegative('garch.alpha', p.garch.alpha);
  nonNegative('garch.beta', p.garch.beta);
  if (!(p.garch.alpha + p.garch.beta < 1)) fail('garch.alpha + garch.beta', '< 1 (stationary)', p.garch.alpha + p.garch.beta);
  if (!(Number.isInteger(p.tailDof) && p.tailDof >= 3 && p.tailDof <= 100)) fail('tailDof', 'an integer in [3, 100]', p.tailDof);
  nonNegative('gaps.overnight', p.gaps.overnight);
  nonNegative('gaps.weekend', p.gaps.weekend);
  const hl = p.meanReversionHalfLife;
  if (hl !== undefined && !(hl > 0)) fail('meanReversionHalfLife', '> 0 or omitted', hl);
  positive('volume.base', p.volume.base);
  finite('volume.shockLoading', p.volume.shockLoading);
  finite('volume.volLoading', p.volume.volLoading);
  nonNegative('volume.noise', p.volume.noise);
  if (!(Number.isFinite(p.volume.persistence) && p.volume.persistence >= 0 && p.volume.persistence < 1)) {
    fail('volume.persistence', 'in [0, 1)', p.volume.persistence);
  }
}
