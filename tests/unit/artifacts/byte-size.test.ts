import { describe, expect, it } from 'vitest';
import { formatBytes as cliBytes } from '../../../src/cli/artifacts/format-values';
import { byteSizeText } from '../../../src/core/artifacts/byte-size';
import { formatBytes as uiBytes } from '../../../src/ui/display-format';

describe('byte sizes as a person reads them', () => {
  it('uses binary units with one decimal below 10 and none from 10', () => {
    expect(byteSizeText(0)).toBe('0 B');
    expect(byteSizeText(1023)).toBe('1023 B');
    expect(byteSizeText(1024)).toBe('1.0 KiB');
    expect(byteSizeText(1536)).toBe('1.5 KiB');
    expect(byteSizeText(10 * 1024)).toBe('10 KiB');
    expect(byteSizeText(1024 ** 2 - 1)).toBe('1024 KiB');
    expect(byteSizeText(34 * 1024 ** 2 + 300_000)).toBe('34 MiB');
    expect(byteSizeText(5 * 1024 ** 5)).toBe('5120 TiB');
  });

  it('is the same text in the command line and in the lab, which differ only in how they show nothing', () => {
    for (const n of [0, 999, 4096, 123_456_789]) expect(cliBytes(n)).toBe(uiBytes(n));
    expect(cliBytes(null)).toBe('-');
    expect(uiBytes(null)).toBe('—');
    expect(uiBytes(Number.NaN)).toBe('—');
  });
});
