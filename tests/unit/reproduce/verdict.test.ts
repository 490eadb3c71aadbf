import { describe, expect, it } from 'vitest';
import { reproduceVerdict, verdictLine } from '../../../src/core/reproduce/verdict';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const E1 = '1'.repeat(64);
const E2 = '2'.repeat(64);
const IN = ['c'.repeat(64)];

describe('reproduce verdict', () => {
  it('identical when the resultHash is the expected one', () => {
    const v = reproduceVerdict({ resultHash: A, engineBuildHash: E1, inputs: IN }, { resultHash: A, engineBuildHash: E1, inputs: IN });
    expect(v).toMatchObject({ verdict: 'identical', reason: null });
    expect(verdictLine(v)).toBe('identical');
  });

  it('identical from another engine build says so', () => {
    const v = reproduceVerdict({ resultHash: A, engineBuildHash: E1, inputs: IN }, { resultHash: A, engineBuildHash: E2, inputs: IN });
    expect(v.verdict).toBe('identical');
    expect(v.message).toMatch(/from engine build 222222222222…; the original ran 111111111111…/);
  });

  it('different: result, with the same engine build', () => {
    const v = reproduceVerdict({ resultHash: A, engineBuildHash: E1, inputs: IN }, { resultHash: B, engineBuildHash: E1, inputs: IN });
    expect(v).toMatchObject({ verdict: 'different', reason: 'result', expected: { resultHash: A }, actual: { resultHash: B } });
    expect(verdictLine(v)).toBe('different: result');
  });

  it('different: engine-build, when another build gave another result', () => {
    const v = reproduceVerdict({ resultHash: A, engineBuildHash: E1, inputs: IN }, { resultHash: B, engineBuildHash: E2, inputs: IN });
    expect(v).toMatchObject({ verdict: 'different', reason: 'engine-build' });
  });

  it('different: input-mismatch before anything else, naming the input', () => {
    const missing = reproduceVerdict(
      { resultHash: A, engineBuildHash: E1, inputs: IN },
      { resultHash: null, engineBuildHash: null, inputs: [null] },
      ['GOOG'],
    );
    expect(missing).toMatchObject({ verdict: 'different', reason: 'input-mismatch' });
    expect(missing.message).toBe('input 1 (GOOG) cccccccccccc… was not found');
    const other = reproduceVerdict({ resultHash: A, engineBuildHash: E1, inputs: IN }, { resultHash: A, engineBuildHash: E1, inputs: [B] });
    expect(other.reason).toBe('input-mismatch');
    expect(other.message).toMatch(/expected contentHash cccccccccccc…, got bbbbbbbbbbbb…/);
  });
});
