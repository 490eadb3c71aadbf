import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src/core/csv/parse-number';

const parse = (s: string): number => parseDecimal(s, 0, s.length);

describe('parseDecimal', () => {
  it('reads plain decimals', () => {
    expect(parse('100')).toBe(100);
    expect(parse('104.06')).toBe(104.06);
    expect(parse('-1.5')).toBe(-1.5);
    expect(parse('+2.25')).toBe(2.25);
    expect(parse('.5')).toBe(0.5);
    expect(parse('5.')).toBe(5);
    expect(parse('007')).toBe(7);
    expect(parse('  3.5\t')).toBe(3.5);
    expect(Object.is(parse('-0'), -0)).toBe(true);
    expect(parse('2012.25343589')).toBe(2012.25343589);
  });

  it('reads exponents and long mantissas correctly rounded', () => {
    expect(parse('1e-7')).toBe(1e-7);
    expect(parse('2.5E+3')).toBe(2500);
    expect(parse('-.5e1')).toBe(-5);
    expect(parse('0.30000000000000004')).toBe(0.30000000000000004);
    expect(parse('1.0000000000000002')).toBe(1.0000000000000002);
    expect(parse('9007199254740993')).toBe(9007199254740992);
    expect(parse('123456789012345678')).toBe(123456789012345680);
    expect(parse('5e-324')).toBe(5e-324);
    expect(parse('1.7976931348623157e308')).toBe(Number.MAX_VALUE);
    expect(parse('0.1234567890123456789012345')).toBe(0.12345678901234568);
  });

  it('reads only the given range of a longer text', () => {
    const line = '2004-08-19,104.06,95.96';
    expect(parseDecimal(line, 11, 17)).toBe(104.06);
    expect(parseDecimal(line, 18, line.length)).toBe(95.96);
  });

  it('rejects everything that is not a plain decimal', () => {
    for (const bad of [
      '',
      ' ',
      '-',
      '+',
      '.',
      '-.',
      'e5',
      '1e',
      '1e+',
      '1.2.3',
      '1,5',
      '0x10',
      'NaN',
      'nan',
      'Infinity',
      'inf',
      '1_000',
      '1 000',
      '--1',
      '+-1',
      '1e5.5',
      '١٢',
    ]) {
      expect(parse(bad), JSON.stringify(bad)).toBeNaN();
    }
  });

  it('agrees bit for bit with Number() on the shortest form of any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(parse(String(x)), Number(String(x)))).toBe(true);
      }),
      { numRuns: 5000, seed: 20240601 },
    );
  });

  it('agrees with Number() on arbitrary digit strings (fast path and fallback)', () => {
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: min, maxLength: max });
    const decimal = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits(1, 20),
        fc.option(digits(0, 25)),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 3))),
      )
      .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : exp.join('')}`);
    fc.assert(
      fc.property(decimal, (s) => {
        expect(Object.is(parse(s), Number(s))).toBe(true);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });
});
