/**
 * Run links: encode/decode round trips on random specs (fast-check), one spelling per link, and refusals that name
 * the rule for every way a link can be wrong — including payloads that would inflate past the limit.
 */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/experiments/canonical-json';
import { parseSpec } from '../../../src/core/experiments/spec-problems';
import { base64urlDecode, base64urlEncode } from '../../../src/core/reproduce/base64url';
import { RunLinkError } from '../../../src/core/reproduce/errors';
import {
  decodeRunLink,
  encodeRunLink,
  looksLikeRunLink,
  RUN_LINK_LIMITS,
  RUN_LINK_PREFIX,
  runLinkUrl,
  type RunLink,
} from '../../../src/core/reproduce/run-link';
import { GOOG_HASH, GOOG_SPEC, RESULT_HASH } from './goog-lab';

const ENGINE = 'ab'.repeat(32);
const SEED = 20_260_601;

const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''));
const label = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && s.length <= 200);
const fraction = fc.double({ min: 0.001, max: 0.999, noNaN: true });

const strategy = fc.oneof(
  fc.record({
    strategy: fc.constant('sma-cross'),
    params: fc.record(
      { fast: fc.integer({ min: 1, max: 500 }), slow: fc.integer({ min: 1, max: 500 }), sl: fraction, tp: fraction },
      { requiredKeys: ['fast', 'slow'] },
    ),
  }),
  fc.record({
    strategy: fc.constant('momentum'),
    params: fc.record(
      { lookback: fc.integer({ min: 1, max: 400 }), threshold: fc.double({ min: 0, max: 5, noNaN: true }) },
      { requiredKeys: ['lookback'] },
    ),
  }),
  fc.record({
    strategy: fc.constant('mean-reversion'),
    params: fc.record(
      {
        window: fc.integer({ min: 2, max: 400 }),
        entry_z: fc.double({ min: 0, max: 5, noNaN: true }),
        exit_z: fc.double({ min: 0, max: 5, noNaN: true }),
      },
      { requiredKeys: ['window'] },
    ),
  }),
);

const specInput = fc.record({
  contentHash: hex64,
  label: fc.option(label, { nil: undefined }),
  rows: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
  instrument: fc.option(label, { nil: undefined }),
});

const runLink: fc.Arbitrary<RunLink> = fc
  .record({
    s: strategy,
    label: fc.option(label, { nil: undefined }),
    input: specInput,
    cash: fc.double({ min: 1, max: 1e9, noNaN: true }),
    margin: fc.double({ min: 0.01, max: 1, noNaN: true }),
    flags: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    commission: fc.record({ fixed: fc.double({ min: 0, max: 100, noNaN: true }), relative: fc.double({ min: -0.1, max: 0.0999, noNaN: true }) }),
    spread: fc.double({ min: 0, max: 0.999, noNaN: true }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    engineBuildHash: hex64,
    expectedResultHash: hex64,
  })
  .map((r) => {
    const spec = parseSpec({
      specVersion: 1,
      profile: 'backtesting.py',
      ...(r.label === undefined ? {} : { label: r.label }),
      strategy: r.s.strategy,
      params: r.s.params,
      inputs: [{ contentHash: r.input.contentHash, ...(r.input.label === undefined ? {} : { label: r.input.label }) }],
      broker: {
        cash: r.cash,
        margin: r.margin,
        tradeOnClose: r.flags[0],
        hedging: r.flags[1],
        exclusiveOrders: r.flags[2],
        finalizeTrades: r.flags[3],
      },
      costs: { commission: r.commission, spread: r.spread },
      seed: r.seed,
    });
    const { contentHash, label: l, rows, instrument } = r.input;
    return {
      v: 1 as const,
      spec: JSON.parse(canonicalJson(spec)),
      engineBuildHash: r.engineBuildHash,
      expectedResultHash: r.expectedResultHash,
      inputs: [
        {
          contentHash,
          ...(l === undefined ? {} : { label: l }),
          ...(rows === undefined ? {} : { rows }),
          ...(instrument === undefined ? {} : { instrument }),
        },
      ],
    };
  });

const GOOG_LINK: RunLink = {
  v: 1,
  spec: parseSpec(GOOG_SPEC),
  engineBuildHash: ENGINE,
  expectedResultHash: RESULT_HASH,
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG', rows: 2148, instrument: 'GOOG' }],
};

/** A fragment whose payload is `json` (any text), deflated and encoded as a link would be. */
function fragmentOf(json: string): string {
  return RUN_LINK_PREFIX + base64urlEncode(deflateSync(new TextEncoder().encode(json)));
}

function ruleOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RunLinkError);
    expect((e as Error).message).toMatch(/^run link: .+ \[rule: [a-z0-9-]+\]$/);
    return (e as RunLinkError).rule;
  }
  throw new Error('expected a RunLinkError');
}

describe('run link format', () => {
  it('round-trips random links exactly, as a URL-safe fragment with one spelling per link', () => {
    fc.assert(
      fc.property(runLink, (link) => {
        const fragment = encodeRunLink(link);
        expect(fragment).toMatch(/^#\/run\/v1\/[A-Za-z0-9_-]+$/);
        expect(decodeRunLink(fragment)).toEqual(link);
        // Key order of what was given does not change the text.
        const shuffled = JSON.parse(
          JSON.stringify({
            inputs: link.inputs,
            expectedResultHash: link.expectedResultHash,
            spec: link.spec,
            engineBuildHash: link.engineBuildHash,
            v: 1,
          }),
        );
        expect(encodeRunLink(shuffled)).toBe(fragment);
        // Full URLs and the path after "#" read the same.
        expect(decodeRunLink(`http://127.0.0.1:4173/?x=1${fragment}`)).toEqual(link);
        expect(decodeRunLink(fragment.slice(1))).toEqual(link);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('fills spec defaults and keeps the pinned GOOG link small', () => {
    const fragment = encodeRunLink(GOOG_LINK);
    expect(fragment.length).toBeLessThan(600);
    const back = decodeRunLink(fragment);
    expect(back.spec).toMatchObject({
      broker: { cash: 10_000, margin: 1, exclusiveOrders: true },
      costs: { commission: { fixed: 0, relative: 0.002 }, spread: 0 },
      seed: 0,
    });
    expect(back.inputs).toEqual(GOOG_LINK.inputs);
    expect(runLinkUrl('http://127.0.0.1:4173/#/old', GOOG_LINK)).toBe(`http://127.0.0.1:4173/${fragment}`);
    expect(looksLikeRunLink(`http://x${fragment}`)).toBe(true);
    expect(looksLikeRunLink('#/artifacts')).toBe(false);
  });

  it('never throws anything but RunLinkError on arbitrary text or mutated payloads', () => {
    const valid = encodeRunLink(GOOG_LINK);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string().map((s) => RUN_LINK_PREFIX + s),
          fc.string(),
          fc
            .tuple(fc.nat(valid.length - RUN_LINK_PREFIX.length - 1), fc.constantFrom(...'ABCxyz019-_+/=%'.split('')))
            .map(([i, ch]) => valid.slice(0, RUN_LINK_PREFIX.length + i) + ch + valid.slice(RUN_LINK_PREFIX.length + i + 1)),
        ),
        (text) => {
          try {
            decodeRunLink(text);
          } catch (e) {
            if (!(e instanceof RunLinkError)) throw e;
          }
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('refusals name the rule', () => {
  const valid = JSON.parse(canonicalJson({ ...GOOG_LINK, spec: GOOG_LINK.spec }));

  it('prefix, version, size, base64url, deflate, utf8, json', () => {
    expect(ruleOf(() => decodeRunLink('http://127.0.0.1:4173/#/artifacts'))).toBe('prefix');
    expect(ruleOf(() => decodeRunLink('#/run/v2/AAAA'))).toBe('version');
    expect(() => decodeRunLink('#/run/v2/AAAA')).toThrow(/newer than this lab reads/);
    expect(ruleOf(() => decodeRunLink(RUN_LINK_PREFIX + 'A'.repeat(RUN_LINK_LIMITS.maxPayloadChars + 4)))).toBe('size');
    expect(ruleOf(() => decodeRunLink(`${RUN_LINK_PREFIX}abc+def`))).toBe('base64url');
    expect(ruleOf(() => decodeRunLink(`${RUN_LINK_PREFIX}A`))).toBe('base64url');
    expect(ruleOf(() => decodeRunLink(RUN_LINK_PREFIX + base64urlEncode(new Uint8Array([0xff, 0xff, 0xff, 0xff]))))).toBe('deflate');
    expect(ruleOf(() => decodeRunLink(RUN_LINK_PREFIX))).toBe('deflate');
    expect(ruleOf(() => decodeRunLink(RUN_LINK_PREFIX + base64urlEncode(deflateSync(new Uint8Array([0xc3, 0x28])))))).toBe('utf8');
    expect(ruleOf(() => decodeRunLink(fragmentOf('{"v":1,')))).toBe('json');
  });

  it('a small payload that inflates past the limit is stopped (a deflate bomb)', () => {
    const bomb = RUN_LINK_PREFIX + base64urlEncode(deflateSync(new Uint8Array(8 * 1024 * 1024).fill(0x20), { level: 9 }));
    expect(bomb.length).toBeLessThan(RUN_LINK_LIMITS.maxPayloadChars);
    expect(ruleOf(() => decodeRunLink(bomb))).toBe('size');
    expect(() => decodeRunLink(bomb)).toThrow(/inflates to more than 65536 bytes/);
  });

  it('schema: unknown keys, bad hashes, bad inputs — with the JSON path', () => {
    expect(ruleOf(() => decodeRunLink(fragmentOf(JSON.stringify({ ...valid, extra: 1 }))))).toBe('schema');
    expect(() => decodeRunLink(fragmentOf(JSON.stringify({ ...valid, extra: 1 })))).toThrow(/link\.extra: unknown key/);
    expect(() => decodeRunLink(fragmentOf(JSON.stringify({ ...valid, expectedResultHash: 'ABC' })))).toThrow(
      /link\.expectedResultHash: expected 64 lowercase hex digits/,
    );
    expect(() => decodeRunLink(fragmentOf(JSON.stringify({ ...valid, v: 2 })))).toThrow(/link\.v: expected 1/);
    expect(() => decodeRunLink(fragmentOf(JSON.stringify({ ...valid, inputs: [{ ...valid.inputs[0], rows: -1 }] })))).toThrow(
      /link\.inputs\[0\]\.rows: expected a whole number/,
    );
    expect(ruleOf(() => decodeRunLink(fragmentOf('[]')))).toBe('schema');
  });

  it('spec: the spec schema speaks, under link.spec', () => {
    const bad = { ...valid, spec: { ...valid.spec, params: { fast: 0, slow: 20 } } };
    expect(ruleOf(() => decodeRunLink(fragmentOf(JSON.stringify(bad))))).toBe('spec');
    expect(() => decodeRunLink(fragmentOf(JSON.stringify(bad)))).toThrow(/link\.spec\.params\.fast: expected integer ≥ 1, got 0/);
    expect(() => encodeRunLink({ ...GOOG_LINK, spec: { ...GOOG_LINK.spec, strategy: 'sma-crross' } as never })).toThrow(/did you mean "sma-cross"/);
  });

  it("inputs-match-spec: the listed inputs are the spec's", () => {
    const other = { ...valid, inputs: [{ contentHash: 'cd'.repeat(32) }] };
    expect(ruleOf(() => decodeRunLink(fragmentOf(JSON.stringify(other))))).toBe('inputs-match-spec');
  });
});

describe('base64url', () => {
  it('round-trips any bytes and has one spelling', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base64urlEncode(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        const back = base64urlDecode(text);
        expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
        expect(Buffer.from(bytes).toString('base64url')).toBe(text);
      }),
      { seed: SEED, numRuns: 500 },
    );
    // "QR" and "QQ" would both read as 0x41 if the spare bits were ignored.
    expect(base64urlDecode('QQ')).toEqual({ ok: true, bytes: new Uint8Array([0x41]) });
    expect(base64urlDecode('QR').ok).toBe(false);
  });
});
