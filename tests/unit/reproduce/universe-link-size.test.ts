/**
 * How large a universe a run link holds. Inputs named like universe12's (TEC1…, 1,500 rows) with distinct SHA-256
 * contentHashes (incompressible, as real ones are): the link's JSON limit (64 KiB) is reached at about 250 inputs
 * (docs/reproduce.md); one input more is refused with a message that names the universe's size and offers a bundle.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRunLink, decodeRunLink, encodeRunLink, RUN_LINK_LIMITS, type RunLink } from '../../../src/core/reproduce/run-link';
import { RunLinkError } from '../../../src/core/reproduce/errors';

const hex = (i: number) => createHash('sha256').update(`input ${i}`).digest('hex');

function universeLink(n: number): RunLink {
  const names = Array.from({ length: n }, (_, i) => `SYM${String(i).padStart(4, '0')}`);
  return checkRunLink({
    v: 1,
    spec: {
      specVersion: 2,
      profile: 'lab',
      strategy: 'sma-cross',
      params: { fast: 10, slow: 30, weight: 0.5 },
      inputs: names.map((name, i) => ({ contentHash: hex(i), name })),
    },
    engineBuildHash: 'e'.repeat(64),
    expectedResultHash: 'a'.repeat(64),
    inputs: names.map((name, i) => ({ contentHash: hex(i), label: name, rows: 1500, instrument: name })),
  });
}

/** The largest universe whose link fits (bisection over 1…1,000). */
function largestFitting(): number {
  let lo = 1;
  let hi = 1000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      encodeRunLink(universeLink(mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

describe('run links of version-2 universes', () => {
  it('hold about 250 inputs; the largest that fits decodes to the same link, by hash, in order', () => {
    const n = largestFitting();
    expect(n).toBeGreaterThanOrEqual(230);
    expect(n).toBeLessThan(300);
    const link = universeLink(n);
    const text = encodeRunLink(link);
    expect(text.length).toBeLessThan(RUN_LINK_LIMITS.maxPayloadChars);
    const back = decodeRunLink(text);
    expect(back.inputs.map((i) => i.contentHash)).toEqual(link.inputs.map((i) => i.contentHash));
    expect(back).toEqual(link);
  });

  it('a universe too large for a link is refused with its size named and a bundle offered', () => {
    let error: unknown;
    try {
      encodeRunLink(universeLink(1000));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunLinkError);
    expect((error as RunLinkError).rule).toBe('size');
    expect((error as Error).message).toMatch(
      /^run link: the link's JSON is \d+ bytes; the limit is 65536 — a universe of 1000 inputs is too large for a run link \(about 250 fit\); export a result bundle instead .*--with-inputs\), which carries every input \[rule: size\]$/,
    );
  });
});
